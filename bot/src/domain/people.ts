import type { Action, Person } from './model.js';

/** Who is acting: resolved by the edge from a verified token or Teams activity, never from client claims. */
export interface Actor {
  displayName: string;
  aadObjectId?: string;
  email?: string;
  /** E&D leads update any action and receive digests. */
  isLead: boolean;
}

/** True when both are present and equal, ignoring case and surrounding spaces (emails and object ids alike). */
export function sameKey(a?: string, b?: string): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * True when `person` is the same human as `actor`. Identity is the Entra
 * object id: a person stored with one matches only an actor with the same
 * object id, so an email claim alone never makes anyone that person. A
 * person stored with only an email (not yet linked to an account) matches
 * by email.
 */
export function isSamePerson(person: Person | null, actor: Pick<Actor, 'aadObjectId' | 'email'>): boolean {
  if (!person) return false;
  if (person.aadObjectId) return sameKey(person.aadObjectId, actor.aadObjectId);
  return sameKey(person.email, actor.email);
}

/** Owners update their own actions; E&D leads update any. */
export function canUpdate(actor: Actor, action: Pick<Action, 'owner'>): boolean {
  return actor.isLead || isSamePerson(action.owner, actor);
}

/** The name to show for an action's owner: the person, else the role from the plan. */
export function ownerLabel(action: Pick<Action, 'owner' | 'leadRole'>): string {
  return action.owner?.displayName || action.leadRole || 'No owner';
}
