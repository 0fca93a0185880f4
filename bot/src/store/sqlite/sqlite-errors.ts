import Database from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../errors.js';

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|READONLY|FULL|IOERR|PERM|NOLFS|AUTH)/;

/**
 * The AppError code for a SQLite extended result code: unique keys →
 * `conflict`, other constraints → `bad_input`, locks and I/O →
 * `unavailable`, anything else → `internal`.
 */
export function sqliteErrorCode(sqliteCode: string): ErrorCode {
  if (/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(sqliteCode)) return 'conflict';
  if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) return 'bad_input';
  if (UNAVAILABLE.test(sqliteCode)) return 'unavailable';
  return 'internal';
}

/**
 * Converts anything thrown by better-sqlite3 into an `AppError` whose message
 * is safe to show a user; AppErrors pass through unchanged. The SQLite
 * detail stays on `cause` for the logs.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Database.SqliteError) {
    const code = sqliteErrorCode(error.code);
    const message =
      code === 'unavailable'
        ? 'The plan database is busy or cannot be written just now. Please try again.'
        : code === 'conflict'
          ? 'That change clashes with data already in the plan.'
          : code === 'bad_input'
            ? 'That change has a value the plan cannot hold.'
            : 'The plan database reported an error.';
    return new AppError(code, message, {
      cause: error,
      details: { sqliteCode: error.code },
    });
  }
  return new AppError('internal', 'The plan database reported an error.', {
    cause: error,
  });
}
