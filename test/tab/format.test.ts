// The tab writes dates and counts without Intl (tab/src/lib/format.ts), so that its first screen does not wait
// for the browser's locale data. What it writes must still be what Intl writes for en-GB, every day of the year.
import { describe, expect, it } from 'vitest';
import { formatDate, formatLongDate, formatNumber, plural } from '../../tab/src/lib/format.js';

const utc = { timeZone: 'UTC' } as const;
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', ...utc });
const long = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...utc });
const numbers = new Intl.NumberFormat('en-GB');

describe('the tab’s dates and counts', () => {
  it('are written as Intl writes them in UK English, every day of a leap year and the next', () => {
    for (let t = Date.UTC(2028, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) {
      const day = new Date(t);
      const iso = day.toISOString().slice(0, 10);
      expect(formatDate(iso), iso).toBe(short.format(day));
      expect(formatLongDate(iso), iso).toBe(long.format(day));
    }
    expect(formatDate('2026-09-03')).toBe('3 Sept 2026');
  });

  it('are grouped in thousands as Intl does, fractions left to Intl', () => {
    for (const n of [0, 7, 999, 1000, 20_000, 123_456, 1_000_000, 987_654_321, -1, -1234, 2.5, -1234.567])
      expect(formatNumber(n), String(n)).toBe(numbers.format(n));
    expect(plural(5000, 'action')).toBe('5,000 actions');
  });
});
