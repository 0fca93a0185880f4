import { attemptsAfter, claimOver, type ClaimResult } from '../../domain/reminder-ledger.js';
import type { ReminderSent } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { ReminderClaim, ReminderKey } from '../plan-store.js';
import { reminderFromRow, type ReminderRow } from './rows.js';
import * as SQL from './sql.js';
import type { StatementCache } from './statement-cache.js';

type KeyParams = { action_id: string; stage: string; due_date: string };

function keyParams(key: ReminderKey): KeyParams {
  return { action_id: key.actionId, stage: key.stage, due_date: key.dueDate };
}

/**
 * The reminder ledger on the `reminders` table. Each function runs inside
 * the store's immediate transaction, so reading the entry and claiming it
 * over is atomic across connections and processes.
 */
export const sqliteLedger = {
  claim(sql: StatementCache, claim: ReminderClaim): ClaimResult {
    const row = sql.get<[KeyParams], ReminderRow>(SQL.SELECT_REMINDER).get(keyParams(claim));
    const existing = row ? reminderFromRow(row) : null;
    const result = claimOver(existing, claim);
    if (result === 'held') return result;
    const params = {
      ...keyParams(claim),
      recipient: claim.recipient,
      sent_at: claim.sentAt,
      lease_until: claim.leaseUntil,
      attempts: attemptsAfter(existing, result),
    };
    sql.get<[typeof params]>(existing ? SQL.RENEW_REMINDER_CLAIM : SQL.INSERT_REMINDER_CLAIM).run(params);
    return result;
  },

  markSent(sql: StatementCache, key: ReminderKey, sentAt: string): void {
    const result = sql.get<[KeyParams & { sent_at: string }]>(SQL.MARK_REMINDER_SENT).run({ ...keyParams(key), sent_at: sentAt });
    if (result.changes === 0) throw new AppError('not_found', `No reminder ${key.stage} was claimed for that action.`);
  },

  markFailed(sql: StatementCache, key: ReminderKey, failure: { reason: string; at: string }): void {
    sql
      .get<[KeyParams & { sent_at: string; failure: string }]>(SQL.MARK_REMINDER_FAILED)
      .run({ ...keyParams(key), sent_at: failure.at, failure: failure.reason });
  },

  list(sql: StatementCache, actionId?: string): ReminderSent[] {
    const rows =
      actionId === undefined
        ? sql.get<[], ReminderRow>(SQL.SELECT_REMINDERS).all()
        : sql.get<[string], ReminderRow>(SQL.SELECT_REMINDERS_FOR_ACTION).all(actionId);
    return rows.map(reminderFromRow);
  },
};
