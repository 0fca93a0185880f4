import { usesDevelopmentIdentity, type Config } from '../config.js';
import { directoryKey, isEntraId } from '../domain/directory-membership.js';
import { sameKey, type Actor } from '../domain/people.js';
import type { UserDirectory } from '../domain/user-directory.js';
import { DEMO_ED_LEADS } from '../sample/demo-people.js';
import type { PlanStore } from '../store/plan-store.js';

/** What the edge knows for sure about a signed-in user (from a verified token or Teams activity). */
export interface Identity {
  displayName: string;
  aadObjectId?: string;
  email?: string;
  /** Entra group ids: from the token's groups claim, or (with DIRECTORY_GROUPS) those of the listed ids the directory says they are in. */
  groups?: string[];
  /** Their directory attribute's value (DIRECTORY_ATTRIBUTE), when an organisation matches viewers by it and the directory has one. */
  directoryValue?: string;
  /** Set when the directory was needed but could not be asked: why, in words. Nobody is admitted or refused by the directory then. */
  directoryUnavailable?: string;
}

/**
 * Roles come from configuration (ED_LEADS, VIEWERS: emails, object ids or
 * group ids), never from what a client claims about itself.
 */
export class RoleDirectory {
  private readonly leads: Set<string>;
  private readonly viewers: Set<string>;

  /** True when the leads are the demo organisation's (development without ED_LEADS), not configuration. */
  readonly demoLeads: boolean;
  /**
   * True when an empty viewer list lets anyone signed in read (the implicit
   * organisation, as VIEWERS has always worked). A registered organisation
   * is closed: in a shared tenant only its own people may read its plan.
   */
  private readonly openWhenNoViewers: boolean;

  /** Directory attribute values (by `directoryKey`) whose people are viewers. */
  private readonly directoryValues: Set<string>;
  /** True when group ids on the lists are resolved through the directory (DIRECTORY_GROUPS). */
  private readonly groupsFromDirectory: boolean;

  constructor(lists: {
    edLeads: readonly string[];
    viewers: readonly string[];
    demoLeads?: boolean;
    openWhenNoViewers?: boolean;
    directoryValues?: readonly string[];
    groupsFromDirectory?: boolean;
  }) {
    this.demoLeads = lists.demoLeads ?? false;
    this.openWhenNoViewers = lists.openWhenNoViewers ?? true;
    this.leads = new Set(lists.edLeads.map((s) => s.toLowerCase()));
    this.viewers = new Set(lists.viewers.map((s) => s.toLowerCase()));
    this.directoryValues = new Set((lists.directoryValues ?? []).map(directoryKey));
    this.groupsFromDirectory = lists.groupsFromDirectory ?? false;
  }

  /** Entra object ids of listed emails, once known (directory or first contact): then only that account matches. */
  private readonly accounts = new Map<string, string>();

  /**
   * Records the accounts behind listed emails (from the directory or from
   * people the store knows). From then on a caller matches such an email
   * only with that object id: an email claim alone is not enough.
   */
  linkAccounts(people: Iterable<{ email?: string | undefined; aadObjectId?: string | undefined }>): void {
    for (const p of people) {
      const email = p.email?.trim().toLowerCase();
      if (email && p.aadObjectId && (this.leads.has(email) || this.viewers.has(email))) this.accounts.set(email, p.aadObjectId);
    }
  }

  /** The emails listed in ED_LEADS or VIEWERS (entries with an @), for resolving their accounts. */
  listedEmails(): string[] {
    return [...new Set([...this.leads, ...this.viewers])].filter((k) => k.includes('@'));
  }

  private matches(set: Set<string>, who: Identity): boolean {
    if ([who.aadObjectId, ...(who.groups ?? [])].some((k) => !!k && set.has(k.toLowerCase()))) return true;
    const email = who.email?.trim().toLowerCase();
    if (!email || !set.has(email)) return false;
    const account = this.accounts.get(email);
    return account === undefined || sameKey(account, who.aadObjectId);
  }

  isLead(who: Identity): boolean {
    return this.matches(this.leads, who);
  }

  /** Viewers and leads (and, per action, owners); everyone when VIEWERS is empty in the implicit organisation. */
  isListedViewer(who: Identity): boolean {
    const byDirectory = who.directoryValue !== undefined && this.directoryValues.has(directoryKey(who.directoryValue));
    return (
      (this.openWhenNoViewers && this.viewers.size === 0 && this.directoryValues.size === 0) ||
      byDirectory ||
      this.matches(this.viewers, who) ||
      this.isLead(who)
    );
  }

  /** The directory questions these lists need answered about a person: the group ids on them (with DIRECTORY_GROUPS), and whether the attribute matters. */
  directoryNeeds(): { groupIds: string[]; attribute: boolean } {
    const groupIds = this.groupsFromDirectory ? [...this.leads, ...this.viewers].filter(isEntraId) : [];
    return { groupIds, attribute: this.directoryValues.size > 0 };
  }

  /**
   * True when the directory could not be asked about `who` and could have
   * admitted them here: they must be told that, not that they are not a
   * member. (A groups claim from the token already settles group ids.)
   */
  undecidedWithoutDirectory(who: Identity): boolean {
    if (who.directoryUnavailable === undefined) return false;
    const needs = this.directoryNeeds();
    return needs.attribute || (who.groups === undefined && needs.groupIds.some((id) => !sameKey(id, who.aadObjectId)));
  }

  /** The actor the domain rules work with. */
  actorFor(who: Identity): Actor {
    return {
      displayName: who.displayName,
      isLead: this.isLead(who),
      ...(who.aadObjectId ? { aadObjectId: who.aadObjectId } : {}),
      ...(who.email ? { email: who.email } : {}),
    };
  }

  /** The configured lead emails (for digests to leads who have not installed the app yet). */
  leadKeys(): string[] {
    return [...this.leads];
  }
}

/**
 * The one way roles are built from configuration, at the composition root
 * (main.ts, the CLI context) and handed to the bot, the API and the jobs, so
 * all three agree. ED_LEADS and VIEWERS as given; in development with the
 * development identity (no tab sign-in) and no ED_LEADS, the demo
 * organisation's E&D leads (Alex Wilber, Lynne Robbins) lead everywhere.
 */
export function rolesFromConfig(
  config: Pick<Config, 'ED_LEADS' | 'VIEWERS' | 'isProduction' | 'AAD_APP_CLIENT_ID'> & Partial<Pick<Config, 'DIRECTORY_GROUPS'>>,
): RoleDirectory {
  const demoLeads = usesDevelopmentIdentity(config) && config.ED_LEADS.length === 0;
  return new RoleDirectory({
    edLeads: demoLeads ? DEMO_ED_LEADS : config.ED_LEADS,
    viewers: config.VIEWERS,
    demoLeads,
    groupsFromDirectory: config.DIRECTORY_GROUPS ?? false,
  });
}

/**
 * Links the emails in ED_LEADS and VIEWERS to Entra accounts, so that from
 * then on an email claim alone never makes a caller a lead or a viewer: from
 * the people the store knows (action owners with an object id, users who
 * installed the bot) and then, where there is one, the organisation's
 * directory, which has the last word. Call once at start-up.
 */
export async function linkRoleAccounts(roles: RoleDirectory, store: PlanStore, users?: UserDirectory): Promise<void> {
  const [actions, conversations] = await Promise.all([store.listActions(), store.listConversations()]);
  roles.linkAccounts(actions.flatMap((a) => (a.owner ? [a.owner] : [])));
  roles.linkAccounts(conversations);
  const emails = roles.listedEmails();
  if (users && emails.length > 0) {
    const ids = await users.objectIdsFor(emails);
    roles.linkAccounts([...ids].map(([email, aadObjectId]) => ({ email, aadObjectId })));
  }
}

/**
 * What a person is told when membership depends on the directory and it
 * could not be asked (`Identity.directoryUnavailable`): that it could not be
 * checked and why, never that they are not a member. `what`: "the WRES
 * action plan of North Trust (RXX)", or null for any plan of the deployment.
 */
export function directoryUncheckedMessage(who: Identity, what: string | null): string {
  return (
    `You are signed in as ${who.displayName}. Whether you may see ${what ?? 'a WRES action plan here'} ` +
    `depends on the organisation's directory (Microsoft Entra), which could not be checked just now: ${who.directoryUnavailable ?? 'no answer'}. ` +
    'Nothing was decided about your access. Please try again in a few minutes; if this keeps happening, tell your IT team.'
  );
}
