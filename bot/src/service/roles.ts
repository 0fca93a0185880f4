import { usesDevelopmentIdentity, type Config } from '../config.js';
import type { Actor } from '../domain/people.js';
import { DEMO_ED_LEADS } from '../sample/demo-people.js';

/** What the edge knows for sure about a signed-in user (from a verified token or Teams activity). */
export interface Identity {
  displayName: string;
  aadObjectId?: string;
  email?: string;
  /** Entra group ids, when the token carries them. */
  groups?: string[];
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

  constructor(lists: { edLeads: readonly string[]; viewers: readonly string[]; demoLeads?: boolean }) {
    this.demoLeads = lists.demoLeads ?? false;
    this.leads = new Set(lists.edLeads.map((s) => s.toLowerCase()));
    this.viewers = new Set(lists.viewers.map((s) => s.toLowerCase()));
  }

  private matches(set: Set<string>, who: Identity): boolean {
    const keys = [who.email, who.aadObjectId, ...(who.groups ?? [])].filter((k): k is string => !!k);
    return keys.some((k) => set.has(k.toLowerCase()));
  }

  isLead(who: Identity): boolean {
    return this.matches(this.leads, who);
  }

  /** Everyone may read when VIEWERS is empty; otherwise viewers, leads (and, per action, owners). */
  isListedViewer(who: Identity): boolean {
    return this.viewers.size === 0 || this.matches(this.viewers, who) || this.isLead(who);
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
export function rolesFromConfig(config: Pick<Config, 'ED_LEADS' | 'VIEWERS' | 'isProduction' | 'AAD_APP_CLIENT_ID'>): RoleDirectory {
  const demoLeads = usesDevelopmentIdentity(config) && config.ED_LEADS.length === 0;
  return new RoleDirectory({ edLeads: demoLeads ? DEMO_ED_LEADS : config.ED_LEADS, viewers: config.VIEWERS, demoLeads });
}
