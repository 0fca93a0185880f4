import { attemptsAfter, claimOver, type ClaimResult } from '../../domain/reminder-ledger.js';
import type { ReminderSent } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { ReminderClaim, ReminderKey } from '../plan-store.js';
import { reminderFromRow, type ReminderRow } from './rows.js';
import * as SQL from './sql.js';
import type { StatementCache } from './statement-cache.js';

type KeyParams = { org_id: string; action_id: string; stage: string; due_date: string };

function keyParams(orgId: string, key: ReminderKey): KeyParams {
  return { org_id: orgId, action_id: key.actionId, stage: key.stage, due_date: key.dueDate };
}

/**
 * The reminder ledger on the `reminders` table. Each function runs inside
 * the store's immediate transaction, so reading the entry and claiming it
 * over is atomic across connections and processes. Keys are the
 * organisation's (`orgId`): another organisation's entries are never seen.
 */
export const sqliteLedger = {
  claim(sql: StatementCache, orgId: string, claim: ReminderClaim): ClaimResult {
    const row = sql.get<[KeyParams], ReminderRow>(SQL.SELECT_REMINDER).get(keyParams(orgId, claim));
    const existing = row ? reminderFromRow(row) : null;
    const result = claimOver(existing, claim);
    if (result === 'held') return result;
    const params = {
      ...keyParams(orgId, claim),
      recipient: claim.recipient,
      sent_at: claim.sentAt,
      lease_until: claim.leaseUntil,
      attempts: attemptsAfter(existing, result),
    };
    sql.get<[typeof params]>(existing ? SQL.RENEW_REMINDER_CLAIM : SQL.INSERT_REMINDER_CLAIM).run(params);
    return result;
  },

  markSent(sql: StatementCache, orgId: string, key: ReminderKey, sentAt: string): void {
    const result = sql.get<[KeyParams & { sent_at: string }]>(SQL.MARK_REMINDER_SENT).run({ ...keyParams(orgId, key), sent_at: sentAt });
    if (result.changes === 0) throw new AppError('not_found', `No reminder ${key.stage} was claimed for that action.`);
  },

  markFailed(sql: StatementCache, orgId: string, key: ReminderKey, failure: { reason: string; at: string }): void {
    sql
      .get<[KeyParams & { sent_at: string; failure: string }]>(SQL.MARK_REMINDER_FAILED)
      .run({ ...keyParams(orgId, key), sent_at: failure.at, failure: failure.reason });
  },

  list(sql: StatementCache, orgId: string, actionId?: string): ReminderSent[] {
    const rows =
      actionId === undefined
        ? sql.get<[string], ReminderRow>(SQL.SELECT_REMINDERS).all(orgId)
        : sql.get<[string, string], ReminderRow>(SQL.SELECT_REMINDERS_FOR_ACTION).all(orgId, actionId);
    return rows.map(reminderFromRow);
  },
};
