/**
 * Who is who in the organisation's directory (Entra ID): resolves work
 * emails to Entra object ids. A port; the Graph adapter is
 * graph/user-directory.ts. Emails it cannot resolve are simply absent from
 * the answer; it never rejects for one unknown person.
 */
export interface UserDirectory {
  /** Object ids by lower-case email, for the emails the directory knows. */
  objectIdsFor(emails: readonly string[]): Promise<ReadonlyMap<string, string>>;
}
