import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import { runMigrations } from './migrations.js';
import { toAppError } from './sqlite-errors.js';

/** How long a write waits for another connection's lock before failing with `unavailable`. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating when needed, with its folder) the SQLite file at `path`
 * (`:memory:` allowed), switches on WAL, foreign keys and a busy timeout,
 * and applies pending migrations. Rejects with an `AppError`: `unavailable`
 * when the file cannot be opened or written.
 */
export function openDatabase(path: string): Database.Database {
  try {
    if (path !== ':memory:' && path !== '') mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      // With WAL, NORMAL is durable across application crashes; only a power cut may lose the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      runMigrations(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  } catch (error) {
    if (error instanceof Database.SqliteError) throw toAppError(error);
    throw new AppError('unavailable', `The plan database ${path} cannot be opened.`, { cause: error });
  }
}
