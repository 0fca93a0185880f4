import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import type { RecordUpdateCommand } from '../plan-store.js';
import { MAX_ERROR_CHARS, outboxCommandSchema, type OutboxDepth, type OutboxEntry, type UpdateOutbox } from './update-outbox.js';

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
 * The outbox in one SQLite file (the default; one instance, since SQLite's
 * WAL needs a local disk). An entry is written and synced to disk before
 * `add` resolves, and removed only once SharePoint has the update. Keyed by
 * requestId, so queueing the same submission twice keeps one entry. Every
 * waiting entry is this instance's to deliver (`take` is `pending`).
 */
export class SqliteOutbox implements UpdateOutbox {
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

  async add(cmd: RecordUpdateCommand, now: Date): Promise<OutboxEntry> {
    this.db
      .prepare('INSERT INTO outbox (request_id, action_id, command, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING')
      .run(cmd.update.requestId, cmd.update.actionId, JSON.stringify(cmd), now.toISOString());
    return this.row(cmd.update.requestId)!;
  }

  async get(requestId: string): Promise<OutboxEntry | null> {
    return this.row(requestId);
  }

  async pending(actionId?: string): Promise<OutboxEntry[]> {
    const rows =
      actionId === undefined
        ? this.db.prepare<[], Row>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq").all()
        : this.db.prepare<[string], Row>("SELECT * FROM outbox WHERE state = 'pending' AND action_id = ? ORDER BY seq").all(actionId);
    return rows.map(entry);
  }

  take(actionId?: string): Promise<OutboxEntry[]> {
    return this.pending(actionId);
  }

  /** Nothing to give back: every waiting entry is this instance's. */
  async release(): Promise<void> {}

  async depth(): Promise<OutboxDepth> {
    const count = (state: string) =>
      this.db.prepare<[string], number>('SELECT COUNT(*) FROM outbox WHERE state = ?').pluck().get(state) ?? 0;
    return { pending: count('pending'), failed: count('failed') };
  }

  async acknowledge(e: OutboxEntry): Promise<void> {
    this.db.prepare('UPDATE outbox SET acknowledged = 1 WHERE request_id = ?').run(e.requestId);
  }

  async attempted(e: OutboxEntry, error: string): Promise<void> {
    this.db
      .prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE request_id = ?')
      .run(error.slice(0, MAX_ERROR_CHARS), e.requestId);
  }

  async remove(e: OutboxEntry): Promise<void> {
    this.db.prepare('DELETE FROM outbox WHERE request_id = ?').run(e.requestId);
  }

  async fail(e: OutboxEntry, reason: string): Promise<void> {
    this.db
      .prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE request_id = ?")
      .run(reason.slice(0, MAX_ERROR_CHARS), e.requestId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private row(requestId: string): OutboxEntry | null {
    const row = this.db.prepare<[string], Row>("SELECT * FROM outbox WHERE request_id = ? AND state = 'pending'").get(requestId);
    return row ? entry(row) : null;
  }
}

function entry(r: Row): OutboxEntry {
  return {
    seq: r.seq,
    requestId: r.request_id,
    actionId: r.action_id,
    command: outboxCommandSchema.parse(JSON.parse(r.command)),
    acknowledged: r.acknowledged === 1,
    attempts: r.attempts,
    lastError: r.last_error,
  };
}
