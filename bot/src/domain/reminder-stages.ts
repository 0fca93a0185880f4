/**
 * Reminder ledger stages (`due-7`, `overdue-14`, `stale-2026-10-30`,
 * `digest-2026-03-09`) in the words people read. The ids stay in the ledger
 * and in JSON; every sentence a user or an E&D lead reads names a stage
 * through `stageInWords`.
 */
import { DateTime } from 'luxon';
import { daysBetween } from './dates.js';

const DUE = /^due-(\d+)$/;
const OVERDUE = /^overdue-(\d+)$/;
const STALE = /^stale-(\d{4}-\d{2}-\d{2})$/;
const DIGEST = /^digest-(\d{4}-\d{2}-\d{2})$/;
const HANDOVER = /^handover-[0-9a-f]+$/;

/** The ledger stage of the handover card a reassignment sends its new owner, one per reassignment (`key` identifies it). */
export function handoverStage(key: string): string {
  return `handover-${key}`;
}

function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy');
}

/**
 * A stage in words, as of `today` (`YYYY-MM-DD`): "7-day reminder",
 * "reminder on the due date", "overdue reminder, weekly (14 days overdue)",
 * "no update for 31 days (since 30 Oct 2026)", "weekly digest (week of
 * 9 Mar 2026)". A stage this function does not know is returned unchanged.
 */
export function stageInWords(stage: string, today: string): string {
  const due = DUE.exec(stage);
  if (due) return due[1] === '0' ? 'reminder on the due date' : `${due[1]}-day reminder`;
  const overdue = OVERDUE.exec(stage);
  if (overdue) return `overdue reminder, weekly (${overdue[1]} days overdue)`;
  const stale = STALE.exec(stage);
  if (stale) {
    const days = daysBetween(stale[1]!, today);
    return `no update for ${days} ${days === 1 ? 'day' : 'days'} (since ${longDate(stale[1]!)})`;
  }
  const digest = DIGEST.exec(stage);
  if (digest) return `weekly digest (week of ${longDate(digest[1]!)})`;
  if (HANDOVER.test(stage)) return 'handover card';
  return stage;
}

/** True for the ledger stage of an E&D lead's weekly digest, false for an owner's reminder. */
export function isDigestStage(stage: string): boolean {
  return DIGEST.test(stage);
}
