/**
 * Membership the directory (Entra ID) decides: which of the listed group ids
 * a person is a transitive member of, and the value of one attribute of
 * theirs (such as `companyName`) that organisations can match. A port; the
 * Graph adapter is graph/directory-membership.ts, the cache in front of it
 * service/directory-cache.ts.
 */

/** The directory attributes an organisation's viewers may be matched by (DIRECTORY_ATTRIBUTE). */
export const DIRECTORY_ATTRIBUTES = ['companyName', 'department', 'officeLocation'] as const;
export type DirectoryAttribute = (typeof DIRECTORY_ATTRIBUTES)[number];

/** What to ask the directory about one person. */
export interface DirectoryQuestion {
  /** Group ids to check membership of (transitively); empty: none. */
  groupIds: readonly string[];
  /** The attribute to read; undefined: none. */
  attribute?: DirectoryAttribute;
}

/** What the directory said about one person. */
export type DirectoryFacts =
  /** The groups of `groupIds` they are in, and their attribute's value (null when empty or not asked). A person Entra does not know is in none, with no value. */
  | { kind: 'known'; groups: string[]; value: string | null }
  /** The directory could not be asked (no permission, an outage): nothing is known. `reason` says why, in words. */
  | { kind: 'unavailable'; reason: string };

/** Answers what the directory says about a person (by Entra object id). Never rejects: an unanswerable question is `unavailable`. */
export interface DirectoryMembership {
  lookUp(personId: string, question: DirectoryQuestion): Promise<DirectoryFacts>;
}

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an Entra object id (a GUID): on a leads or viewers list, a person's or a group's. */
export function isEntraId(text: string): boolean {
  return ENTRA_ID.test(text.trim());
}

/** How directory values compare: trimmed, case-insensitive, the whole value (never a part of it). */
export function directoryKey(value: string): string {
  return value.trim().toLocaleLowerCase('en-GB');
}

/** Longest value accepted (Entra keeps companyName and department to 64 characters, officeLocation to 128). */
const MAX_DIRECTORY_VALUE = 128;

/**
 * The directory values as given (one an entry), trimmed, without repeats
 * (by `directoryKey`), or the problem in words: an empty list is fine; an
 * over-long value or one with control characters is not.
 */
export function parseDirectoryValues(given: readonly string[]): { values: string[] } | { problem: string } {
  const values: string[] = [];
  for (const raw of given) {
    const value = raw.trim();
    if (!value) continue;
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value)) return { problem: `"${value.slice(0, 40)}" holds a control character.` };
    if (value.length > MAX_DIRECTORY_VALUE)
      return { problem: `"${value.slice(0, 40)}…" is longer than ${MAX_DIRECTORY_VALUE} characters; no directory value is.` };
    if (!values.some((v) => directoryKey(v) === directoryKey(value))) values.push(value);
  }
  return { values };
}
