/** UK date and time formatting for the tab. Dates are `YYYY-MM-DD`; instants are ISO strings. */

const TIME_ZONE = 'Europe/London';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const instantDayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE });

function dateOnly(date: string): Date {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`);
}

/** "17 Mar 2026". */
export function formatDate(date: string): string {
  return dayFormat.format(dateOnly(date));
}

/** "Tue 17 Mar 2026". */
export function formatLongDate(date: string): string {
  return longDayFormat.format(dateOnly(date));
}

/** "10 Mar 2026, 09:14" in UK time. */
export function formatInstant(iso: string): string {
  return instantFormat.format(new Date(iso));
}

/** "10 Mar 2026" in UK time. */
export function formatInstantDay(iso: string): string {
  return instantDayFormat.format(new Date(iso));
}

/** `YYYY-MM-DD` for the date `months` months before `today` (clamped to the month's end). */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Whole-number percentage, "0%" for an empty whole. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}
