/**
 * Who is who in the organisation's directory (Entra ID): resolves work
 * emails to Entra object ids. A port; the Graph adapter is
 * graph/user-directory.ts. Emails it cannot resolve are simply absent from
 * the answer; it never rejects for one unknown person.
 */
export interface UserDirectory {
  /** Object ids by lower-case email, for the emails the directory knows. */
  objectIdsFor(emails: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /**
   * One person by work email (or user principal name), with their name and
   * object id: what a reassignment gives an action to. Never rejects:
   * `unavailable` says why the directory could not answer.
   */
  findPerson(email: string): Promise<DirectoryAnswer>;
}

/** What the directory said about one email. */
export type DirectoryAnswer =
  | { kind: 'found'; person: { displayName: string; email: string; aadObjectId: string } }
  | { kind: 'not-found' }
  | { kind: 'unavailable'; reason: string };
