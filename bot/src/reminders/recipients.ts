import type { Action, ConversationRef, Person } from '../domain/model.js';
import { ownerLabel, sameKey } from '../domain/people.js';

/** Whether and how an action's owner can be reached in Teams. */
export type OwnerReach =
  | { kind: 'reachable'; who: string; conversation: ConversationRef }
  /** The plan names a role or nobody, not a person the bot can look up. */
  | { kind: 'no-owner'; who: string; reason: string }
  /** A person, but they have not installed the app (no conversation stored). */
  | { kind: 'no-conversation'; who: string; reason: string }
  /** Teams refused delivery before (uninstalled, blocked, disabled by an admin). */
  | { kind: 'unreachable'; who: string; reason: string; conversation: ConversationRef };

/** Words for a person with no stored conversation, shown in reports and the digest. */
export const NO_CONVERSATION_REASON = 'has not installed the app in Teams, so no reminder can reach them';
const NO_OWNER_REASON = 'no named person owns this action in the plan';

/**
 * The stored Teams conversations, looked up by Entra object id first and
 * then by email (both case-insensitive). Load once per job run.
 */
export class ConversationDirectory {
  private readonly byId = new Map<string, ConversationRef>();
  private readonly byEmail = new Map<string, ConversationRef>();

  constructor(conversations: readonly ConversationRef[]) {
    for (const c of conversations) {
      this.byId.set(c.aadObjectId.toLowerCase(), c);
      const email = c.email?.trim().toLowerCase();
      // Several rows may share an email (reinstalls); keep the newest.
      if (email && (this.byEmail.get(email)?.updatedAt ?? '') <= c.updatedAt) this.byEmail.set(email, c);
    }
  }

  /** The conversation for a person, by object id, else email; null when they have none. */
  forPerson(person: Pick<Person, 'aadObjectId' | 'email'>): ConversationRef | null {
    const id = person.aadObjectId?.trim().toLowerCase();
    if (id && this.byId.has(id)) return this.byId.get(id)!;
    const email = person.email?.trim().toLowerCase();
    return (email && this.byEmail.get(email)) || null;
  }

  /** The conversation for a configured key: an email (contains "@") or an object id. */
  forKey(key: string): ConversationRef | null {
    return key.includes('@') ? this.forPerson({ email: key }) : this.forPerson({ aadObjectId: key });
  }

  /** Records, for the rest of this run, that Teams refused a conversation. */
  markUnreachable(conversation: ConversationRef, reason: string): void {
    const marked = { ...conversation, unreachableReason: reason };
    this.byId.set(conversation.aadObjectId.toLowerCase(), marked);
    const email = conversation.email?.trim().toLowerCase();
    if (email && this.byEmail.get(email)?.aadObjectId === conversation.aadObjectId) this.byEmail.set(email, marked);
  }
}

/** How the action's owner can be reached; never silent about why not. */
export function reachOwner(action: Pick<Action, 'owner' | 'leadRole'>, directory: ConversationDirectory): OwnerReach {
  const who = ownerLabel(action);
  const owner = action.owner;
  if (!owner || (!owner.aadObjectId && !owner.email)) return { kind: 'no-owner', who, reason: NO_OWNER_REASON };
  const conversation = directory.forPerson(owner);
  if (!conversation) return { kind: 'no-conversation', who, reason: NO_CONVERSATION_REASON };
  if (conversation.unreachableReason) return { kind: 'unreachable', who, reason: conversation.unreachableReason, conversation };
  return { kind: 'reachable', who, conversation };
}

/**
 * Whether a ledger recipient (a conversation's object id, or an email) is
 * the action's current owner: false once the action was reassigned to
 * someone else, so the old owner's unfinished reminders are no longer owed.
 */
export function isOwnersRecipient(action: Pick<Action, 'owner'>, recipient: string, directory: ConversationDirectory): boolean {
  const owner = action.owner;
  if (!owner) return false;
  if (sameKey(recipient, owner.aadObjectId) || sameKey(recipient, owner.email)) return true;
  return sameKey(directory.forPerson(owner)?.aadObjectId, recipient);
}

/** A stable key for "the same owner" across actions: object id, else email, else the label. */
export function ownerKey(action: Pick<Action, 'owner' | 'leadRole'>): string {
  const o = action.owner;
  return (o?.aadObjectId || o?.email || ownerLabel(action)).trim().toLowerCase();
}
