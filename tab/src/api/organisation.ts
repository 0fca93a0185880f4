/**
 * Which organisation the tab works in, for a person in several: kept for the
 * browser session (sessionStorage), sent on every API call by the client.
 * Free of React so the start-up script can read it before the app loads.
 */
import { ApiError } from './client.js';
import type { OrgChoiceDetails } from './types.js';

const KEY = 'wres.organisation';
/** The query parameter of a link that names its organisation (the cards' "Open the plan" links: `/tab/actions/RXX-12?org=RXX`). */
const LINK_PARAM = 'org';
/** An ODS code as the service issues them. */
const ODS_CODE = /^[A-Z0-9]{3,5}$/;

/**
 * The organisation this page works in (ODS code), if any: the one a link
 * names — which becomes the session's choice, so an action opened from a
 * card of one organisation is never looked up in another — else the one
 * chosen in this session. The link's parameter is taken out of the address.
 */
export function chosenOrganisation(): string | undefined {
  const linked = linkedOrganisation();
  try {
    if (linked) window.sessionStorage.setItem(KEY, linked);
    return linked ?? window.sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    // Storage blocked (some embedded browsers): the link's organisation for this page, else the person's only one.
    return linked;
  }
}

/** The organisation `?org=` names, removed from the address (it has done its work once remembered). */
function linkedOrganisation(): string | undefined {
  const url = new URL(window.location.href);
  const named = url.searchParams.get(LINK_PARAM)?.trim().toUpperCase();
  if (named === undefined) return undefined;
  url.searchParams.delete(LINK_PARAM);
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return named && ODS_CODE.test(named) ? named : undefined;
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
