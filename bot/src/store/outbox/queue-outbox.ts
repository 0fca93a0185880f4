import type { QueueClient } from '@azure/storage-queue';
import { storageCall, storageStatus } from '../../azure/storage-call.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { RecordUpdateCommand } from '../plan-store.js';
import { MAX_ERROR_CHARS, outboxCommandSchema, type OutboxDepth, type OutboxEntry, type UpdateOutbox } from './update-outbox.js';

/** Azure Storage returns at most 32 messages per peek or receive. */
const PAGE = 32;
/** How long a taken entry stays hidden, and how often it may be taken without an outcome before it is poison. */
export interface QueueOutboxOptions {
  /** Seconds an entry this instance is delivering stays hidden from other instances (default 120). */
  holdSeconds?: number;
  /** Receives of one entry with no outcome recorded (its deliverer died each time, or it stops a process) before it is poison (default 5). */
  maxUnsettledReceives?: number;
}
/** Never expire: a queued update is lost only by being delivered or set aside (the service default is 7 days). */
const NEVER = -1;

const messageSchema = z.object({
  seq: z.number(),
  requestId: z.string().min(1),
  actionId: z.string().min(1),
  command: outboxCommandSchema,
  acknowledged: z.boolean(),
  attempts: z.number().int().min(0),
  /** Times an instance gave the entry back without trying it (it waited behind an earlier one). */
  released: z.number().int().min(0).default(0),
  lastError: z.string().nullable(),
});
type Message = z.output<typeof messageSchema>;

/** A message this instance has handled: its id, the pop receipt its latest receive or update returned, and whether it is hidden from the others. */
interface Held {
  messageId: string;
  popReceipt: string;
  body: Message;
  /** True while this instance delivers it (the queue hides it); false once given back visible. */
  hidden: boolean;
}

/**
 * The outbox as an Azure Storage queue, shared by every instance (with
 * STORE=sharepoint and a storage account). `add` resolves once the service
 * has the message; a message being delivered is hidden from other instances
 * for `holdSeconds` (the queue's visibility timeout) and reappears if its
 * instance dies. Delivery is at least once, so the same submission may be
 * delivered twice (two instances queued it, or a hold lapsed): the store's
 * requestId idempotency answers the second as a duplicate, which counts as
 * delivered. Set-aside entries, unreadable ones and ones received
 * `maxUnsettledReceives` times without an outcome go to the `-poison`
 * queue with the reason, kept and counted. Views see the first 32 waiting
 * messages (the service's peek limit) plus what this instance holds.
 */
export class QueueOutbox implements UpdateOutbox {
  private readonly held = new Map<string, Held>();
  private readonly holdSeconds: number;
  private readonly maxUnsettled: number;
  private counter = 0;

  private constructor(
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
    private readonly logger: Logger,
    options: QueueOutboxOptions,
  ) {
    this.holdSeconds = options.holdSeconds ?? 120;
    this.maxUnsettled = options.maxUnsettledReceives ?? 5;
  }

  /** Opens (creating when missing) `queue` and its poison queue; rejects with `unavailable` when storage cannot be reached. */
  static async open(queue: QueueClient, poison: QueueClient, logger: Logger, options: QueueOutboxOptions = {}): Promise<QueueOutbox> {
    await storageCall('opening the update queue', async () => {
      await queue.createIfNotExists();
      await poison.createIfNotExists();
    });
    return new QueueOutbox(queue, poison, logger, options);
  }

  async add(cmd: RecordUpdateCommand, now: Date): Promise<OutboxEntry> {
    const waiting = await this.get(cmd.update.requestId);
    if (waiting) return waiting;
    const body: Message = {
      seq: now.getTime() * 1000 + (this.counter++ % 1000),
      requestId: cmd.update.requestId,
      actionId: cmd.update.actionId,
      command: cmd,
      acknowledged: false,
      attempts: 0,
      released: 0,
      lastError: null,
    };
    // Sent hidden: this instance delivers it now; it reappears for the others if this instance dies.
    const sent = await storageCall('queueing the update', () =>
      this.queue.sendMessage(JSON.stringify(body), { visibilityTimeout: this.holdSeconds, messageTimeToLive: NEVER }),
    );
    this.held.set(body.requestId, { messageId: sent.messageId, popReceipt: sent.popReceipt, body, hidden: true });
    return entryOf(body);
  }

  async get(requestId: string): Promise<OutboxEntry | null> {
    return (await this.pending()).find((e) => e.requestId === requestId) ?? null;
  }

  async pending(actionId?: string): Promise<OutboxEntry[]> {
    const peeked = await storageCall('reading the update queue', () => this.queue.peekMessages({ numberOfMessages: PAGE }));
    const bodies = new Map<string, Message>();
    for (const m of peeked.peekedMessageItems) {
      const body = parse(m.messageText);
      if (body && !bodies.has(body.requestId)) bodies.set(body.requestId, body);
    }
    // Hidden messages are the ones this instance is delivering: peeking does not show them.
    for (const h of this.held.values()) if (h.hidden) bodies.set(h.body.requestId, h.body);
    return sorted([...bodies.values()].filter((b) => actionId === undefined || b.actionId === actionId));
  }

  async take(actionId?: string): Promise<OutboxEntry[]> {
    if (actionId !== undefined && !(await this.pending(actionId)).some((e) => !this.held.get(e.requestId)?.hidden)) return [];
    const got = await storageCall('taking updates from the queue', () =>
      this.queue.receiveMessages({ numberOfMessages: PAGE, visibilityTimeout: this.holdSeconds }),
    );
    const taken: Message[] = [];
    const others: OutboxEntry[] = [];
    for (const m of got.receivedMessageItems) {
      const body = parse(m.messageText);
      const handle = { messageId: m.messageId, popReceipt: m.popReceipt };
      if (!body) {
        await this.toPoison(handle, m.messageText, 'the message is not a progress update this service can read');
        continue;
      }
      if (m.dequeueCount - body.attempts - body.released > this.maxUnsettled) {
        await this.toPoison(handle, m.messageText, `taken ${m.dequeueCount} times without its delivery finishing`);
        continue;
      }
      const mine = this.held.get(body.requestId);
      if (mine?.messageId === m.messageId) {
        // This instance's hold lapsed while it was still delivering: it holds the message again.
        this.held.set(body.requestId, { ...mine, popReceipt: m.popReceipt, hidden: true });
        if (actionId === undefined || body.actionId === actionId) taken.push(mine.body);
        continue;
      }
      if (mine?.hidden) {
        // Another instance queued the same submission too: one copy is enough, the store would answer the other as a duplicate.
        await this.settle(handle, () => this.queue.deleteMessage(handle.messageId, handle.popReceipt));
        continue;
      }
      this.held.set(body.requestId, { ...handle, body, hidden: true });
      if (actionId === undefined || body.actionId === actionId) taken.push(body);
      else others.push(entryOf(body));
    }
    await this.release(others);
    return sorted(taken);
  }

  async depth(): Promise<OutboxDepth> {
    const [main, poison] = await storageCall('counting the update queue', () =>
      Promise.all([this.queue.getProperties(), this.poison.getProperties()]),
    );
    return { pending: main.approximateMessagesCount ?? 0, failed: poison.approximateMessagesCount ?? 0 };
  }

  acknowledge(e: OutboxEntry): Promise<void> {
    return this.update(e, (b) => ({ ...b, acknowledged: true }));
  }

  attempted(e: OutboxEntry, error: string): Promise<void> {
    return this.update(e, (b) => ({ ...b, attempts: b.attempts + 1, lastError: error.slice(0, MAX_ERROR_CHARS) }));
  }

  async release(entries: readonly OutboxEntry[]): Promise<void> {
    for (const e of entries) {
      await this.update(e, (b) => ({ ...b, released: b.released + 1 }));
      this.held.delete(e.requestId);
    }
  }

  async remove(e: OutboxEntry): Promise<void> {
    const h = this.held.get(e.requestId);
    this.held.delete(e.requestId);
    if (h) await this.settle(h, () => this.queue.deleteMessage(h.messageId, h.popReceipt));
  }

  async fail(e: OutboxEntry, reason: string): Promise<void> {
    const h = this.held.get(e.requestId);
    this.held.delete(e.requestId);
    if (h) await this.toPoison(h, JSON.stringify({ ...h.body, lastError: reason.slice(0, MAX_ERROR_CHARS) }), reason);
  }

  async close(): Promise<void> {
    // Held messages reappear when their hold lapses; nothing else to let go.
    this.held.clear();
  }

  /** Rewrites a held message and makes it visible again (views and every instance see it, the next flush takes it). */
  private async update(e: OutboxEntry, change: (b: Message) => Message): Promise<void> {
    const h = this.held.get(e.requestId);
    if (!h) return;
    const body = change(h.body);
    await this.settle(h, async () => {
      const r = await this.queue.updateMessage(h.messageId, h.popReceipt, JSON.stringify(body), 0);
      this.held.set(e.requestId, { ...h, popReceipt: r.popReceipt!, body, hidden: false });
    });
  }

  /** Keeps the message in the poison queue with why, then deletes it from the outbox queue. */
  private async toPoison(h: Pick<Held, 'messageId' | 'popReceipt'>, text: string, reason: string): Promise<void> {
    await storageCall('setting an update aside', () =>
      this.poison.sendMessage(JSON.stringify({ reason, message: text }), { messageTimeToLive: NEVER }),
    );
    await this.settle(h, () => this.queue.deleteMessage(h.messageId, h.popReceipt));
    this.logger.error('A queued progress update cannot be delivered and was moved to the poison queue', { reason });
  }

  /**
   * Runs a change that needs this instance's pop receipt. A 404 or 400
   * means the hold lapsed and another instance took the message: it
   * delivers it (a second delivery is a duplicate), so nothing is lost.
   */
  private async settle(h: Pick<Held, 'messageId' | 'popReceipt'>, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
    } catch (e) {
      if ([404, 400].includes(storageStatus(e))) {
        this.logger.warn('A queued update was taken by another instance after this one held it too long', { messageId: h.messageId });
        return;
      }
      throw new AppError('unavailable', 'Azure Storage could not be reached while updating the update queue.', { cause: e });
    }
  }
}

function parse(text: string): Message | null {
  try {
    const r = messageSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function entryOf(b: Message): OutboxEntry {
  return {
    seq: b.seq,
    requestId: b.requestId,
    actionId: b.actionId,
    command: b.command,
    acknowledged: b.acknowledged,
    attempts: b.attempts,
    lastError: b.lastError,
  };
}

function sorted(bodies: Message[]): OutboxEntry[] {
  return bodies.sort((a, b) => a.seq - b.seq).map(entryOf);
}
