/**
 * Calendar-day arithmetic on `YYYY-MM-DD` dates for the reminder policy,
 * which runs over every action on every run. Same results as `dates.ts`
 * (`addDays`, `weekday`, `daysBetween`) but on the built-in Date in UTC,
 * which is about a hundred times faster than going through luxon.
 */

const DAY_MS = 86_400_000;

function epochDay(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || date.length !== 10) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  return ms / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` (may be negative). */
export function plusDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(epochDay(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

/** True for Monday to Friday. Bank holidays are not known here and count as working days. */
export function isWorkingDay(date: string): boolean {
  return isoWeekday(date) <= 5;
}

/** `date` itself on a weekday; the Friday before when `date` is a Saturday or Sunday. */
export function workingDayOnOrBefore(date: string): string {
  const day = isoWeekday(date);
  return day <= 5 ? date : plusDays(date, 5 - day);
}
