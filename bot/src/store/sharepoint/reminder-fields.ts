import { z } from 'zod';
import { LEDGER_STATES, type ReminderSent } from '../../domain/model.js';
import type { ReminderClaim } from '../plan-store.js';
import { line, optText, parseFields, text, type ListItem } from './item-fields.js';

/** The fields of a Reminders Sent item (see infra/sharepoint/lists.json). */
const reminderFields = z.object({
  ActionId: z.string(),
  Stage: z.string(),
  DueDateKey: text,
  Recipient: text,
  LedgerState: z.enum(LEDGER_STATES),
  SentAt: z.string(),
  LeaseUntil: optText,
  // Items written before attempts were counted have none: their one claim.
  Attempts: z.coerce
    .number()
    .int()
    .min(1)
    .nullish()
    .transform((n) => n ?? 1),
  FailureReason: optText,
});

/** The unique ledger key (actionId|stage|dueDate). */
export const ledgerKey = (k: { actionId: string; stage: string; dueDate: string }) => `${k.actionId}|${k.stage}|${k.dueDate}`;

/** A ledger entry as read from the Reminders Sent list. */
export function reminderFromItem(item: ListItem): ReminderSent {
  const f = parseFields(reminderFields, item, 'WRES Reminders Sent');
  return {
    actionId: f.ActionId,
    stage: f.Stage,
    dueDate: f.DueDateKey,
    recipient: f.Recipient,
    state: f.LedgerState,
    sentAt: f.SentAt,
    attempts: f.Attempts,
    ...(f.LeaseUntil && f.LedgerState === 'pending' ? { leaseUntil: f.LeaseUntil } : {}),
    ...(f.FailureReason && f.LedgerState === 'failed' ? { failure: f.FailureReason } : {}),
  };
}

/** The fields of a new ledger item (a first claim). */
export function reminderItemFields(c: ReminderClaim): Record<string, unknown> {
  return {
    Title: line(c.stage),
    LedgerKey: line(ledgerKey(c)),
    ActionId: c.actionId,
    Stage: line(c.stage),
    DueDateKey: c.dueDate,
    ...reminderClaimFields(c, 1),
  };
}

/** The fields that (re)claim a ledger item: pending under a new lease, for `attempts` tries so far. */
export function reminderClaimFields(c: ReminderClaim, attempts: number): Record<string, unknown> {
  return {
    Recipient: line(c.recipient),
    LedgerState: 'pending',
    SentAt: c.sentAt,
    LeaseUntil: c.leaseUntil,
    Attempts: attempts,
    FailureReason: '',
  };
}

/** The fields that record a failed delivery and its reason. */
export function reminderFailedFields(failure: { reason: string; at: string }): Record<string, unknown> {
  return { LedgerState: 'failed', SentAt: failure.at, LeaseUntil: '', FailureReason: line(failure.reason) };
}

/** The fields that record a delivery. */
export function reminderSentFields(sentAt: string): Record<string, unknown> {
  return { LedgerState: 'sent', SentAt: sentAt, LeaseUntil: '', FailureReason: '' };
}
