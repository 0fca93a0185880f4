import type { Clock } from '../domain/clock.js';
import { describeError } from '../errors.js';
import type { ConversationRef } from '../domain/model.js';
import type { Logger } from '../logger.js';
import type { PlanStore, ReminderKey } from '../store/plan-store.js';
import type { SendResult } from './notifier.js';

/** What happened to one ledger-guarded send. */
export type SendOnceOutcome =
  | { kind: 'sent' }
  /** Another run (or instance) holds the ledger entry: it sent or is sending it. */
  | { kind: 'claimed-elsewhere' }
  | { kind: 'failed'; permanent: boolean; detail: string };

/**
 * Sends at most once per ledger key, across restarts and instances: claim
 * the key, send, then mark it sent. A failed send releases the claim so the
 * next run retries it; a permanent failure also marks the person
 * unreachable (a later install clears that). If marking fails after a
 * successful send the claim stays pending, so the message is not repeated.
 */
export async function sendOnce(
  deps: { store: PlanStore; clock: Clock; logger: Logger },
  key: ReminderKey,
  to: ConversationRef,
  send: () => Promise<SendResult>,
): Promise<SendOnceOutcome> {
  const { store, clock, logger } = deps;
  try {
    const claimed = await store.claimReminder({ ...key, recipient: to.aadObjectId, sentAt: clock.now().toISOString() });
    if (!claimed) return { kind: 'claimed-elsewhere' };
  } catch (e) {
    return { kind: 'failed', permanent: false, detail: `the reminder ledger could not be written (${describeError(e)})` };
  }

  let result: SendResult;
  try {
    result = await send();
  } catch (e) {
    result = { ok: false, permanent: false, reason: describeError(e) };
  }

  try {
    if (result.ok) {
      await store.markReminderSent(key, clock.now().toISOString());
      return { kind: 'sent' };
    }
    await store.releaseReminder(key);
    if (result.permanent) await store.setUnreachable(to.aadObjectId, result.reason);
    return { kind: 'failed', permanent: result.permanent, detail: result.reason };
  } catch (e) {
    logger.error('Reminder ledger update failed', { actionId: key.actionId, stage: key.stage, error: describeError(e) });
    const prefix = result.ok ? 'sent, but ' : '';
    return { kind: 'failed', permanent: false, detail: `${prefix}the reminder ledger could not be updated (${describeError(e)})` };
  }
}
