/**
 * Organisations: one deployment serves several NHS organisations (the NHSmail
 * shared tenant), each with its own plan, people, settings and, in
 * production, SharePoint site. With none registered the app runs one
 * implicit organisation configured by the environment, exactly as before.
 */

/** Id of the implicit organisation: the data of a deployment that registered none. */
export const IMPLICIT_ORG_ID = 'default';

/** Settings an organisation may set for itself; anything unset falls back to the deployment's (environment) default. */
export interface OrgSettings {
  /** Days before the deadline reminders go (REMINDER_OFFSETS_DAYS), largest first. */
  reminderOffsetsDays?: number[];
  /** Bank holidays of this nation are not working days (BANK_HOLIDAYS). */
  bankHolidays?: string;
  /** Model Employer goal, BME % (MODEL_EMPLOYER_GOAL_PERCENT). */
  modelEmployerGoalPercent?: number;
  /** IANA time zone (TIMEZONE). */
  timeZone?: string;
  /** Days without an update before an action counts as stale (STALE_AFTER_DAYS). */
  staleAfterDays?: number;
}

/** A registered organisation. */
export interface Organisation {
  /** The NHS ODS organisation code, upper case (`RXX`, `R1H`, `QWE`). */
  id: string;
  name: string;
  /** Its SharePoint site (production store); ignored by SQLite. */
  site?: { siteId?: string; siteUrl?: string };
  /** E&D leads: emails or Entra object or group ids. */
  leads: string[];
  /** Board members and other readers: emails or Entra object or group ids. */
  viewers: string[];
  /**
   * More viewers, from the directory: the people whose directory attribute
   * (DIRECTORY_ATTRIBUTE, e.g. Entra `companyName`) is one of these values,
   * compared whole, trimmed and ignoring case. Absent or empty: none.
   */
  directoryValues?: string[];
  settings: OrgSettings;
}

/** An oversight body (an ICB or an NHS England region) and the organisations it oversees. */
export interface OrgGroup {
  /** Its ODS code (`QWE` for an ICB, `Y56` for a region). */
  id: string;
  name: string;
  kind: 'icb' | 'region';
  /** Member organisations' ids. */
  members: string[];
  /** Who may read the roll-up: emails or Entra object or group ids. */
  viewers: string[];
}

/**
 * ODS codes as NHS Digital issues them: 3 to 5 letters and digits (trusts
 * `RXX`, ICBs `QWE`, regions `Y56`, sites `RXX01`). Returns the code upper
 * case, or null for anything else.
 */
export function parseOdsCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z0-9]{3,5}$/.test(code) && code !== IMPLICIT_ORG_ID.toUpperCase() ? code : null;
}

/** "Name (CODE)", how an organisation is named to people (cards, digests, the tab). */
export function orgLabel(org: Pick<Organisation, 'id' | 'name'>): string {
  return org.id === IMPLICIT_ORG_ID ? org.name : `${org.name} (${org.id})`;
}
