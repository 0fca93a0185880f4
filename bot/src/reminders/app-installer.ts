/**
 * The port through which the reminder run installs the Teams app for people
 * who have never opened it. The Graph adapter is
 * graph/teams-app-installer.ts; tests may use a recording fake.
 */

/** Someone to install the app for, as the plan names them: by object id, else by email or UPN. */
export interface InstallTarget {
  /** The caller's key for this person (see `personKey`); answers come back under it. */
  key: string;
  aadObjectId?: string;
  email?: string;
}

/** What installing the app for one person came to. */
export type InstallResult =
  /** The app is installed for them now (`already`: it was before, 409). */
  | { kind: 'installed'; aadObjectId: string; already: boolean }
  /** It cannot be installed for them until someone changes something (licence, policy, account): `reason` says what, in words. */
  | { kind: 'refused'; reason: string }
  /** A passing failure (throttled past the retries, Graph unreachable): the next run tries again. */
  | { kind: 'failed'; reason: string };

/** Installs the app in personal scope and finds the 1:1 chat it created. */
export interface AppInstaller {
  /** Installs the app for each target (in bulk); one answer per target key. Never rejects for one person. */
  install(targets: readonly InstallTarget[]): Promise<Map<string, InstallResult>>;
  /** The id of the app's 1:1 chat with each user (by object id) it could find; absent for the others. */
  chatIds(aadObjectIds: readonly string[]): Promise<Map<string, string>>;
}
