import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { RecordUpdateCommand } from '../plan-store.js';

/** An update accepted locally and not yet confirmed by the system of record. */
export interface OutboxEntry {
  seq: number;
  requestId: string;
  actionId: string;
  command: RecordUpdateCommand;
  /** True once the author was told "saved — syncing": it must then be delivered, not refused. */
  acknowledged: boolean;
  attempts: number;
  lastError: string | null;
}

const commandSchema = z.custom<RecordUpdateCommand>(
  (v) => typeof v === 'object' && v !== null && 'update' in v && 'next' in v && 'expectedVersion' in v,
);

interface Row {
  seq: number;
  request_id: string;
  action_id: string;
  command: string;
  acknowledged: number;
  attempts: number;
  last_error: string | null;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS outbox (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id   TEXT NOT NULL UNIQUE,
  action_id    TEXT NOT NULL,
  command      TEXT NOT NULL,
  acknowledged INTEGER NOT NULL DEFAULT 0,
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed')),
  created_at   TEXT NOT NULL
)`;

/**
 * A small durable queue (one SQLite file) of progress updates on their way to
 * SharePoint. An entry is written and synced to disk before the author is
 * answered, and removed only once SharePoint has the update. Keyed by
 * requestId, so queueing the same submission twice keeps one entry.
 */
export class Outbox {
  private readonly db: Database.Database;

  constructor(path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // FULL: an entry acknowledged to the author survives a power cut.
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
    } catch (e) {
      throw new AppError('unavailable', `The local outbox ${path} cannot be opened.`, { cause: e });
    }
  }

  /** Queues a command; returns the entry (the existing one when the requestId is already queued). */
  add(cmd: RecordUpdateCommand, now: Date): OutboxEntry {
    this.db
      .prepare('INSERT INTO outbox (request_id, action_id, command, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING')
      .run(cmd.update.requestId, cmd.update.actionId, JSON.stringify(cmd), now.toISOString());
    return this.get(cmd.update.requestId)!;
  }

  get(requestId: string): OutboxEntry | null {
    const row = this.db.prepare<[string], Row>("SELECT * FROM outbox WHERE request_id = ? AND state = 'pending'").get(requestId);
    return row ? entry(row) : null;
  }

  /** Pending entries, oldest first; for one action when `actionId` is given. */
  pending(actionId?: string): OutboxEntry[] {
    const rows =
      actionId === undefined
        ? this.db.prepare<[], Row>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq").all()
        : this.db.prepare<[string], Row>("SELECT * FROM outbox WHERE state = 'pending' AND action_id = ? ORDER BY seq").all(actionId);
    return rows.map(entry);
  }

  count(): number {
    return this.db.prepare<[], number>("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get() ?? 0;
  }

  /** Entries that can never be delivered (their action was deleted), kept for a person to look at. */
  failedCount(): number {
    return this.db.prepare<[], number>("SELECT COUNT(*) FROM outbox WHERE state = 'failed'").pluck().get() ?? 0;
  }

  acknowledge(requestId: string): void {
    this.db.prepare('UPDATE outbox SET acknowledged = 1 WHERE request_id = ?').run(requestId);
  }

  /** Records a failed attempt; the entry stays queued. */
  attempted(requestId: string, error: string): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE request_id = ?').run(error.slice(0, 500), requestId);
  }

  /** SharePoint has the update (or refused it for good while the author was still waiting): forget it. */
  remove(requestId: string): void {
    this.db.prepare('DELETE FROM outbox WHERE request_id = ?').run(requestId);
  }

  /** Parks an entry that can never be delivered. */
  fail(requestId: string, reason: string): void {
    this.db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE request_id = ?").run(reason.slice(0, 500), requestId);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function entry(r: Row): OutboxEntry {
  return {
    seq: r.seq,
    requestId: r.request_id,
    actionId: r.action_id,
    command: commandSchema.parse(JSON.parse(r.command)),
    acknowledged: r.acknowledged === 1,
    attempts: r.attempts,
    lastError: r.last_error,
  };
}
