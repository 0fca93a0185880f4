import type { Action, ConversationRef, ReminderSent } from '../domain/model.js';
import { ownerLabel } from '../domain/people.js';
import { ledgerStanding, undeliveredEntries } from '../domain/reminder-ledger.js';
import { isDigestStage } from '../domain/reminder-stages.js';
import { isClosed } from '../domain/rules.js';
import { ConversationDirectory, isOwnersRecipient } from './recipients.js';
import { itemInWords } from './run-report.js';

/** A reminder or digest that could not be delivered and is still owed, as `wres status` and the digest show it. */
export interface UndeliveredReminder {
  /** In words: "the 7-day reminder for action 2.3", "the weekly digest (week of 9 Mar 2026)". */
  what: string;
  /** The action's title; absent for a digest. */
  title?: string;
  /** The person it was for, as users know them. */
  who: string;
  /** Why, in words: Teams' refusal, or that a run stopped while sending it. */
  reason: string;
  /** How many runs have tried it. */
  attempts: number;
  /** ISO instant of the last attempt. */
  lastTriedAt: string;
}

/** Words for a claim whose run stopped before it finished. */
export const INTERRUPTED_REASON = 'a run stopped while sending it, so it may or may not have arrived';

/**
 * Reminders and digests that could not be delivered, as of `now`: failed,
 * or claimed by a run that stopped (lease run out), and not overtaken by a
 * later one sent for the same action or lead. Reminders for actions since
 * completed, carried over, removed or reassigned to someone else are left
 * out: nothing is owed for them (a reassigned action's new owner is sent
 * their own). Each is tried
 * again by the next run. Oldest first.
 */
export function undeliveredReminders(
  inputs: { ledger: readonly ReminderSent[]; actions: readonly Action[]; conversations: readonly ConversationRef[] },
  now: Date,
  today: string,
): UndeliveredReminder[] {
  const actions = new Map(inputs.actions.map((a) => [a.id, a]));
  const directory = new ConversationDirectory(inputs.conversations);
  const stillWanted = (e: ReminderSent) => {
    if (isDigestStage(e.stage)) return true;
    const action = actions.get(e.actionId);
    return action !== undefined && !isClosed(action) && isOwnersRecipient(action, e.recipient, directory);
  };
  return undeliveredEntries(inputs.ledger, now, stillWanted).map((e) => {
    const action = actions.get(e.actionId);
    const person = directory.forKey(e.recipient);
    const subject = action ? `action ${action.ref}` : 'weekly digest';
    return {
      what: itemInWords({ subject, stage: e.stage }, today),
      ...(action ? { title: action.title } : {}),
      who: person?.displayName ?? (action ? ownerLabel(action) : e.recipient),
      reason: ledgerStanding(e, now) === 'failed' ? (e.failure ?? 'the last attempt failed') : INTERRUPTED_REASON,
      attempts: e.attempts,
      lastTriedAt: e.sentAt,
    };
  });
}
