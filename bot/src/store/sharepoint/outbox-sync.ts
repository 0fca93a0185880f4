import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Outbox, OutboxEntry } from '../outbox/outbox.js';
import type { RecordUpdateCommand, RecordUpdateResult } from '../plan-store.js';
import type { DeliveryMode, UpdateWriter } from './update-writer.js';

/** Retry pacing for the background flush. */
export interface FlushPacing {
  /** Flush in the background with backoff while entries wait (off in tests, which call `flush()`). */
  autoFlush: boolean;
  minBackoffMs: number;
  maxBackoffMs: number;
}

type Outcome = 'done' | 'stuck';

/**
 * Puts every accepted update through the durable outbox: queued first, then
 * delivered (at once while the author waits, else later with backoff), in
 * submission order per action. One delivery per action at a time.
 */
export class OutboxSync {
  private readonly locks = new Map<string, Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private closed = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly writer: UpdateWriter,
    private readonly logger: Logger,
    private readonly pacing: FlushPacing,
    private readonly now: () => Date,
  ) {
    this.backoffMs = pacing.minBackoffMs;
  }

  /**
   * Queues and delivers `cmd`. When SharePoint cannot be reached the entry
   * stays queued and `accepted(entry)` words the answer ("saved — syncing").
   */
  async submit(
    cmd: RecordUpdateCommand,
    accepted: (e: OutboxEntry, duplicate: boolean) => RecordUpdateResult,
  ): Promise<RecordUpdateResult> {
    return this.withLock(cmd.update.actionId, async () => {
      const queued = this.outbox.get(cmd.update.requestId);
      if (queued) return accepted(queued, true);
      const entry = this.outbox.add(cmd, this.now());
      for (const earlier of this.outbox.pending(cmd.update.actionId).filter((e) => e.seq < entry.seq)) {
        if ((await this.deliverEntry(earlier, 'replay')) === 'stuck') return this.park(entry, accepted);
      }
      let d;
      try {
        d = await this.writer.deliver(cmd, 'inline');
      } catch (e) {
        this.outbox.remove(entry.requestId);
        throw e;
      }
      if (d.kind === 'unavailable') {
        this.outbox.attempted(entry.requestId, d.error.message);
        return this.park(entry, accepted);
      }
      this.outbox.remove(entry.requestId);
      return d;
    });
  }

  /** One pass over everything queued, oldest first; returns how many entries still wait. */
  async flush(): Promise<number> {
    const actions = [...new Set(this.outbox.pending().map((e) => e.actionId))];
    for (const actionId of actions) {
      await this.withLock(actionId, async () => {
        for (const e of this.outbox.pending(actionId)) if ((await this.deliverEntry(e, 'replay')) === 'stuck') return;
      });
    }
    const left = this.outbox.count();
    if (left === 0) this.backoffMs = this.pacing.minBackoffMs;
    else this.schedule();
    return left;
  }

  /** Stops the background flush and waits for deliveries in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.locks.values()]);
  }

  private park(entry: OutboxEntry, accepted: (e: OutboxEntry, duplicate: boolean) => RecordUpdateResult): RecordUpdateResult {
    let answer: RecordUpdateResult;
    try {
      answer = accepted(entry, false);
    } catch (e) {
      this.outbox.remove(entry.requestId);
      throw e;
    }
    this.outbox.acknowledge(entry.requestId);
    this.logger.warn('SharePoint is unreachable: progress update kept in the outbox', {
      actionId: entry.actionId,
      requestId: entry.requestId,
      waiting: this.outbox.count(),
    });
    this.schedule();
    return answer;
  }

  private async deliverEntry(e: OutboxEntry, mode: DeliveryMode): Promise<Outcome> {
    try {
      const d = await this.writer.deliver(e.command, mode);
      if (d.kind === 'unavailable') {
        this.outbox.attempted(e.requestId, d.error.message);
        return 'stuck';
      }
      this.outbox.remove(e.requestId);
      this.logger.info('Queued progress update delivered to SharePoint', { actionId: e.actionId, requestId: e.requestId, result: d.kind });
      return 'done';
    } catch (err) {
      const message = isAppError(err) ? err.message : String(err);
      if (isAppError(err) && err.code === 'config') {
        this.outbox.attempted(e.requestId, message);
        return 'stuck';
      }
      this.outbox.fail(e.requestId, message);
      this.logger.error('A queued progress update cannot be delivered and was set aside', {
        actionId: e.actionId,
        requestId: e.requestId,
        error: message,
      });
      return 'done';
    }
  }

  private schedule(): void {
    if (!this.pacing.autoFlush || this.timer || this.closed) return;
    const wait = this.backoffMs * (0.75 + Math.random() / 2);
    this.backoffMs = Math.min(this.backoffMs * 2, this.pacing.maxBackoffMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => this.logger.error('Outbox flush failed', { error: isAppError(e) ? e.message : String(e) }));
    }, wait);
    this.timer.unref();
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
