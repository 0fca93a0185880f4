/**
 * Reassigning actions to another person, when an owner leaves or changes
 * role: which actions a person holds, and how the change reads in the
 * progress log. Pure.
 */
import type { Action, Person } from './model.js';
import { ownerLabel, sameKey } from './people.js';
import { isClosed } from './rules.js';

/** Someone named by an email (and, once the directory or Teams told us, an object id). */
export type PersonKey = Pick<Person, 'email' | 'aadObjectId'>;

/** Whether `person` owns the action now: by object id when both have one, else by email (any case). */
export function isOwnedBy(action: Pick<Action, 'owner'>, person: PersonKey): boolean {
  const owner = action.owner;
  if (!owner) return false;
  if (owner.aadObjectId && person.aadObjectId) return sameKey(owner.aadObjectId, person.aadObjectId);
  return sameKey(owner.email, person.email);
}

/** The open actions `person` owns: what "reassign all of A's open actions" moves, in the order given. */
export function openActionsOf(actions: readonly Action[], person: PersonKey): Action[] {
  return actions.filter((a) => !isClosed(a) && isOwnedBy(a, person));
}

/**
 * Why `action` cannot go to `to` now, in words for the lead; null when it can.
 * Closed actions stay with whoever held them; giving an action to its owner changes nothing.
 */
export function reassignmentRefusal(action: Action, to: PersonKey): string | null {
  if (action.status === 'Complete') return `Action ${action.ref} is complete, so there is nothing to hand over.`;
  if (action.status === 'CarriedOver')
    return `Action ${action.ref} was carried over into ${action.carriedTo?.planYear ?? 'the next plan year'}: reassign it there.`;
  if (isOwnedBy(action, to)) return `${action.owner?.displayName ?? 'That person'} already owns action ${action.ref}.`;
  return null;
}

/** The progress-log entry: "Reassigned from Megan Bowen to Adele Vance by Alex Wilber". */
export function reassignmentText(action: Pick<Action, 'owner' | 'leadRole'>, to: Person, by: string): string {
  const from = action.owner ? action.owner.displayName : `${ownerLabel(action)} (no named person)`;
  return `Reassigned from ${from} to ${to.displayName} by ${by}`;
}
