import { z } from 'zod';
import type { RecordUpdateCommand } from '../plan-store.js';

/** An update accepted and not yet confirmed by the system of record. */
export interface OutboxEntry {
  /** Orders one action's entries, oldest first. */
  seq: number;
  requestId: string;
  actionId: string;
  command: RecordUpdateCommand;
  /** True once the author was told "saved — syncing": it must then be delivered, not refused. */
  acknowledged: boolean;
  attempts: number;
  lastError: string | null;
}

/** What waits in an outbox, for /healthz, `wres status` and the lead's digest. */
export interface OutboxDepth {
  /** Entries waiting to be delivered. */
  pending: number;
  /** Entries set aside (refused for good, or poison) and kept for a person to look at. */
  failed: number;
}

/**
 * The durable queue of progress updates on their way to SharePoint (port;
 * adapters: `SqliteOutbox`, one file, one instance; `QueueOutbox`, an Azure
 * Storage queue shared by several instances). The contract, which one test
 * suite checks against both:
 * - `add` resolves only once the entry is durable, so the author is answered
 *   after it is safe;
 * - keyed by requestId: adding a submission already waiting returns the
 *   waiting entry. Where two instances may queue the same submission at once
 *   (the queue), the store's requestId idempotency makes the second delivery
 *   a `duplicate`, which counts as delivered: it is delivered once;
 * - an acknowledged entry is delivered, never refused;
 * - attempts and the last error are kept with the entry;
 * - an entry that can never be delivered is set aside (`fail`), kept, and
 *   counted in `depth().failed`, never dropped.
 * Settling calls (`acknowledge`, `attempted`, `remove`, `fail`) take an entry
 * this instance got from `add` or `take`.
 */
export interface UpdateOutbox {
  /** Queues `cmd` durably; the entry already waiting when its requestId is queued. */
  add(cmd: RecordUpdateCommand, now: Date): Promise<OutboxEntry>;
  /** The waiting entry for `requestId`, if this outbox can see one. */
  get(requestId: string): Promise<OutboxEntry | null>;
  /** Waiting entries as the plan's views show them, oldest first; for one action when `actionId` is given. */
  pending(actionId?: string): Promise<OutboxEntry[]>;
  /**
   * Waiting entries this instance may deliver now, oldest first (for one
   * action when `actionId` is given). Where instances share the outbox, each
   * entry is held for this instance until it is settled or its hold lapses.
   */
  take(actionId?: string): Promise<OutboxEntry[]>;
  /** Gives back taken entries this instance did not try this time (they wait behind an earlier one). */
  release(entries: readonly OutboxEntry[]): Promise<void>;
  depth(): Promise<OutboxDepth>;
  /** The author was told "saved — syncing". */
  acknowledge(entry: OutboxEntry): Promise<void>;
  /** Records a failed attempt; the entry waits for the next flush. */
  attempted(entry: OutboxEntry, error: string): Promise<void>;
  /** SharePoint has the update (or refused it while the author was still waiting): forget it. */
  remove(entry: OutboxEntry): Promise<void>;
  /** Sets aside an entry that can never be delivered, with the reason, for a person to look at. */
  fail(entry: OutboxEntry, reason: string): Promise<void>;
  close(): Promise<void>;
}

/** The longest last-error text an entry keeps. */
export const MAX_ERROR_CHARS = 500;

/** A queued command as read back from the outbox (its shape, not its content, is checked). */
export const outboxCommandSchema = z.custom<RecordUpdateCommand>(
  (v) => typeof v === 'object' && v !== null && 'update' in v && 'next' in v && 'expectedVersion' in v,
);
