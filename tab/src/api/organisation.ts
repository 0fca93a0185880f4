/**
 * Which organisation the tab works in, for a person in several: kept for the
 * browser session (sessionStorage), sent on every API call by the client.
 * Free of React so the start-up script can read it before the app loads.
 */
import { ApiError } from './client.js';
import type { OrgChoiceDetails } from './types.js';

const KEY = 'wres.organisation';

/** The organisation chosen in this session (ODS code), if any. */
export function chosenOrganisation(): string | undefined {
  try {
    return window.sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined; // Storage blocked (some embedded browsers): the service then uses the person's only organisation.
  }
}

/** Remembers `id` for the session and opens the plan afresh in it (every page's data belongs to one organisation). */
export function switchOrganisation(id: string, home: string): void {
  try {
    window.sessionStorage.setItem(KEY, id);
  } catch {
    // Storage blocked: nothing can keep the choice, so the tab will ask again after the reload.
  }
  window.location.assign(home);
}

/** The organisations to choose from when the service refused or asked which one (400/403 with them in `details`). */
export function organisationChoice(error: unknown): OrgChoiceDetails | null {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 403)) return null;
  const details = error.details as Partial<OrgChoiceDetails> | undefined;
  return Array.isArray(details?.organisations) ? (details as OrgChoiceDetails) : null;
}
