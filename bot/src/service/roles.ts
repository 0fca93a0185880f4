import type { Actor } from '../domain/people.js';

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

  constructor(lists: { edLeads: string[]; viewers: string[] }) {
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
