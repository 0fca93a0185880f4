import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from './open-database.js';
import { StatementCache } from './statement-cache.js';

/**
 * One connection to a plan file, shared by every organisation's store on it
 * (200 organisations must not open 200 connections). better-sqlite3 runs
 * each statement and transaction synchronously, so sharing never
 * interleaves two stores' transactions.
 */
export interface SharedDatabase {
  readonly db: Database.Database;
  readonly sql: StatementCache;
  /** Writes made through this connection: SQLite's data_version only counts other connections' commits. */
  writes: number;
}

interface Entry extends SharedDatabase {
  key: string | null;
  users: number;
}

const byPath = new Map<string, Entry>();

/**
 * The connection to `path`, opened (and migrated) by the first caller and
 * shared by later ones until every one of them has released it. `:memory:`
 * is never shared: each in-memory database is its own.
 */
export function acquireDatabase(path: string): SharedDatabase {
  const key = path === ':memory:' || path === '' ? null : resolve(path);
  const existing = key === null ? undefined : byPath.get(key);
  if (existing?.db.open) {
    existing.users++;
    return existing;
  }
  const db = openDatabase(path);
  const entry: Entry = { db, sql: new StatementCache(db), writes: 0, key, users: 1 };
  if (key !== null) byPath.set(key, entry);
  return entry;
}

/** Gives the connection back; the last user closes it. */
export function releaseDatabase(handle: SharedDatabase): void {
  const entry = handle as Entry;
  entry.users--;
  if (entry.users > 0) return;
  if (entry.key !== null && byPath.get(entry.key) === entry) byPath.delete(entry.key);
  if (entry.db.open) entry.db.close();
}
