import type { Timer } from '../../domain/clock.js';
import { requestIdReuse } from '../../domain/idempotency.js';
import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { backoffDelayMs } from '../../retry.js';
import type { OutboxEntry, UpdateOutbox } from '../outbox/update-outbox.js';
import type { RecordUpdateCommand, RecordUpdateResult } from '../plan-store.js';
import type { DeliveryMode, UpdateWriter } from './update-writer.js';

/** Retry pacing for the background flush. */
export interface FlushPacing {
  /** Flush in the background with backoff while entries wait (off in tests, which call `flush()`). */
  autoFlush: boolean;
  /** The shared back-off (bot/src/retry.ts) from this wait, doubling up to `maxBackoffMs`; it never gives up. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/** The answers the store gives for what the outbox decides without SharePoint. */
export interface OfflineAnswers {
  /**
   * The entry is queued (or was already, `duplicate`): "saved — syncing",
   * given what waits for its action. May throw; a new entry is then dropped.
   */
  accepted(entry: OutboxEntry, duplicate: boolean, waiting: OutboxEntry[]): RecordUpdateResult;
  /** The requestId is queued for a different update. */
  refused(cmd: RecordUpdateCommand, reason: string, waiting: OutboxEntry[]): RecordUpdateResult;
}

type Outcome = 'done' | 'stuck';

/**
 * Puts every accepted update through the durable outbox: queued first, then
 * delivered (at once while the author waits, else later with backoff), in
 * submission order per action. One delivery per action at a time.
 */
export class OutboxSync {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Aborts the background wait on close, so a pending flush never holds the process open. */
  private readonly stop = new AbortController();
  private waiting = false;
  private failedFlushes = 0;
  private closed = false;

  constructor(
    private readonly outbox: UpdateOutbox,
    private readonly writer: UpdateWriter,
    private readonly logger: Logger,
    private readonly pacing: FlushPacing,
    private readonly timer: Timer,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Queues and delivers `cmd`. When SharePoint cannot be reached the entry
   * stays queued and `answers.accepted` words the answer ("saved — syncing").
   * A requestId already queued is the same submission again (duplicate) or
   * a different one reusing the key (refused), as `requestIdReuse` decides.
   */
  async submit(cmd: RecordUpdateCommand, answers: OfflineAnswers): Promise<RecordUpdateResult> {
    const actionId = cmd.update.actionId;
    return this.withLock(actionId, async () => {
      const queued = await this.outbox.get(cmd.update.requestId);
      if (queued) {
        const reason = requestIdReuse(queued.command.update, cmd.update);
        const waiting = await this.outbox.pending(actionId);
        return reason === null ? answers.accepted(queued, true, waiting) : answers.refused(cmd, reason, waiting);
      }
      const entry = await this.outbox.add(cmd, new Date(this.timer.now()));
      const taken = await this.outbox.take(actionId);
      await this.outbox.release(taken.filter((e) => e.seq >= entry.seq));
      if ((await this.deliverInOrder(taken.filter((e) => e.seq < entry.seq))) === 'stuck') return this.park(entry, answers);
      let d;
      try {
        d = await this.writer.deliver(cmd, 'inline');
      } catch (e) {
        await this.outbox.remove(entry);
        throw e;
      }
      if (d.kind === 'unavailable') {
        await this.outbox.attempted(entry, d.error.message);
        return this.park(entry, answers);
      }
      await this.outbox.remove(entry);
      return d;
    });
  }

  /** One pass over everything queued, oldest first; returns how many entries still wait. */
  async flush(): Promise<number> {
    const byAction = new Map<string, OutboxEntry[]>();
    for (const e of await this.outbox.take()) byAction.set(e.actionId, [...(byAction.get(e.actionId) ?? []), e]);
    for (const [actionId, entries] of byAction) {
      await this.withLock(actionId, () => this.deliverInOrder(entries));
    }
    const left = (await this.outbox.depth()).pending;
    if (left === 0) this.failedFlushes = 0;
    else this.schedule();
    return left;
  }

  /** Stops the background flush and waits for deliveries in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    await Promise.allSettled([...this.locks.values()]);
  }

  private async park(entry: OutboxEntry, answers: OfflineAnswers): Promise<RecordUpdateResult> {
    let answer: RecordUpdateResult;
    try {
      answer = answers.accepted(entry, false, await this.outbox.pending(entry.actionId));
    } catch (e) {
      await this.outbox.remove(entry);
      throw e;
    }
    await this.outbox.acknowledge(entry);
    this.logger.warn('SharePoint is unreachable: progress update kept in the outbox', {
      actionId: entry.actionId,
      requestId: entry.requestId,
      waiting: (await this.outbox.depth()).pending,
    });
    this.schedule();
    return answer;
  }

  /** Delivers `entries` (one action's, oldest first) until one is stuck; the ones after it are given back. */
  private async deliverInOrder(entries: readonly OutboxEntry[]): Promise<Outcome> {
    for (const [i, e] of entries.entries()) {
      if ((await this.deliverEntry(e, 'replay')) === 'done') continue;
      await this.outbox.release(entries.slice(i + 1));
      return 'stuck';
    }
    return 'done';
  }

  private async deliverEntry(e: OutboxEntry, mode: DeliveryMode): Promise<Outcome> {
    try {
      const d = await this.writer.deliver(e.command, mode);
      if (d.kind === 'unavailable') {
        await this.outbox.attempted(e, d.error.message);
        return 'stuck';
      }
      if (d.kind === 'refused') return this.setAside(e, d.reason);
      // A duplicate is delivered too: another attempt (or instance) stored this very submission.
      await this.outbox.remove(e);
      this.logger.info('Queued progress update delivered to SharePoint', { actionId: e.actionId, requestId: e.requestId, result: d.kind });
      return 'done';
    } catch (err) {
      const message = isAppError(err) ? err.message : String(err);
      if (isAppError(err) && err.code === 'config') {
        await this.outbox.attempted(e, message);
        return 'stuck';
      }
      return this.setAside(e, message);
    }
  }

  /** Keeps an entry that can never be delivered for a person to look at (`failed`), loudly. */
  private async setAside(e: OutboxEntry, reason: string): Promise<Outcome> {
    await this.outbox.fail(e, reason);
    this.logger.error('A queued progress update cannot be delivered and was set aside', {
      actionId: e.actionId,
      requestId: e.requestId,
      error: reason,
    });
    return 'done';
  }

  /** Flushes again after the shared back-off (doubling from minBackoffMs up to maxBackoffMs), on the injected timer. */
  private schedule(): void {
    if (!this.pacing.autoFlush || this.waiting || this.closed) return;
    this.waiting = true;
    const wait = backoffDelayMs(++this.failedFlushes, this.pacing.minBackoffMs, this.pacing.maxBackoffMs, this.random);
    void this.timer.sleep(wait, this.stop.signal).then(async () => {
      this.waiting = false;
      if (this.closed) return;
      await this.flush().catch((e: unknown) => this.logger.error('Outbox flush failed', { error: isAppError(e) ? e.message : String(e) }));
    });
  }

  private withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'The SharePoint store is closed.'));
    const prev = this.locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return run;
  }
}
