import type { Clock } from '../domain/clock.js';
import { describeError } from '../errors.js';
import type { ConversationRef } from '../domain/model.js';
import { leaseEnd } from '../domain/reminder-ledger.js';
import type { Logger } from '../logger.js';
import type { PlanStore, ReminderKey } from '../store/plan-store.js';
import type { SendResult } from './notifier.js';
import type { RetryKind } from './run-report.js';

/** What happened to one ledger-guarded send. */
export type SendOutcome =
  | { kind: 'sent'; retry?: RetryKind }
  /** Sent already, or another live run (or instance) holds the claim. */
  | { kind: 'claimed-elsewhere' }
  | { kind: 'failed'; permanent: boolean; detail: string; retry?: RetryKind };

/** Words for a reminder another run has sent or holds: if that run died, a run after its lease sends it. */
export const CLAIMED_ELSEWHERE = 'another run has sent it or is sending it (if that run stopped, a run after its lease sends it)';

/** What a claimed send works with; `leaseMinutes` is REMINDER_LEASE_MINUTES. */
export interface ClaimedSendDeps {
  store: PlanStore;
  clock: Clock;
  logger: Logger;
  leaseMinutes: number;
}

/**
 * Sends at least once per ledger key, duplicates rare and reported: claim
 * the key under a lease (another run's live claim means skip), send, then
 * mark it sent. A failed send is recorded as failed, with its reason, and
 * the next run retries it; a permanent failure also marks the person
 * unreachable (a later install clears that). If this process dies before
 * marking, the claim lapses and a later run sends it again — the outcome's
 * `retry` then says it may have arrived twice.
 */
export async function sendClaimed(
  deps: ClaimedSendDeps,
  key: ReminderKey,
  to: ConversationRef,
  send: () => Promise<SendResult>,
): Promise<SendOutcome> {
  const { store, clock, logger } = deps;
  let retry: RetryKind | undefined;
  try {
    const now = clock.now();
    const claim = await store.claimReminder({
      ...key,
      recipient: to.aadObjectId,
      sentAt: now.toISOString(),
      leaseUntil: leaseEnd(now, deps.leaseMinutes),
    });
    if (claim === 'held') return { kind: 'claimed-elsewhere' };
    if (claim !== 'claimed') retry = claim === 'retry-after-failure' ? 'after-failure' : 'after-interruption';
  } catch (e) {
    return { kind: 'failed', permanent: false, detail: `the reminder ledger could not be written (${describeError(e)})` };
  }
  const tried = retry ? { retry } : {};

  let result: SendResult;
  try {
    result = await send();
  } catch (e) {
    result = { ok: false, permanent: false, reason: describeError(e) };
  }

  try {
    if (result.ok) {
      await store.markReminderSent(key, clock.now().toISOString());
      return { kind: 'sent', ...tried };
    }
    await store.markReminderFailed(key, { reason: result.reason, at: clock.now().toISOString() });
    if (result.permanent) await store.setUnreachable(to.aadObjectId, result.reason);
    return { kind: 'failed', permanent: result.permanent, detail: result.reason, ...tried };
  } catch (e) {
    logger.error('Reminder ledger update failed', { actionId: key.actionId, stage: key.stage, error: describeError(e) });
    const detail = result.ok
      ? `it was sent, but the reminder ledger could not be updated (${describeError(e)}), so a later run may send it again`
      : `${result.reason}; the reminder ledger could not be updated either (${describeError(e)})`;
    return { kind: 'failed', permanent: false, detail, ...tried };
  }
}
