/**
 * The UK bank holidays shipped with the app (2024–2028): the well-known
 * dates, and every date checked against the rules that make it (Easter,
 * first and last Mondays, substitute days), nation by nation.
 */
import { describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../bot/src/domain/dates.js';
import { holidayDates, yearsCovered, type BankHolidayDivision } from '../../bot/src/domain/bank-holidays.js';
import { shippedBankHolidays } from '../../bot/src/holidays/bank-holiday-calendar.js';

const dates = (division: BankHolidayDivision) => holidayDates(shippedBankHolidays(), division);
const titled = (division: BankHolidayDivision, title: string) =>
  shippedBankHolidays()
    .filter((h) => h.division === division && h.title === title)
    .map((h) => h.date);

/** Easter Sunday (Gregorian), by the anonymous algorithm: an independent check of the shipped Easter dates. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const firstMonday = (year: number, month: number) => {
  let d = `${year}-${String(month).padStart(2, '0')}-01`;
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (year: number, month: number) => {
  let d = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
};
/** The fixed date, or the Monday after when it falls on a weekend (`taken` pushes a second holiday one day further). */
const substitute = (date: string, taken: ReadonlySet<string> = new Set()) => {
  let d = date;
  while (weekday(d) > 5 || taken.has(d)) d = addDays(d, 1);
  return d;
};
const christmasAndBoxing = (year: number) => {
  const christmas = substitute(`${year}-12-25`);
  return [christmas, substitute(`${year}-12-26`, new Set([christmas]))];
};
const YEARS = [2024, 2025, 2026, 2027, 2028];

describe('the bank holidays shipped with the app', () => {
  it('cover 2024 to 2028 in every nation, on weekdays only', () => {
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      expect(yearsCovered(shippedBankHolidays(), division)).toEqual(YEARS);
      for (const d of dates(division)) expect(weekday(d), d).toBeLessThanOrEqual(5);
    }
  });

  it('have the well-known dates, substitute days included', () => {
    const ew = dates('england-and-wales');
    for (const d of ['2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'])
      expect(ew.has(d), d).toBe(true);
    // Christmas 2027 falls on a Saturday, New Year's Day 2028 too.
    for (const d of ['2027-03-26', '2027-03-29', '2027-12-27', '2027-12-28', '2028-01-03', '2028-04-14', '2028-04-17'])
      expect(ew.has(d), d).toBe(true);
    expect(ew.has('2026-12-26')).toBe(false);
    expect(titled('scotland', '2nd January')).toEqual(['2024-01-02', '2025-01-02', '2026-01-02', '2027-01-04', '2028-01-04']);
    expect(titled('scotland', 'St Andrew’s Day')).toEqual(['2024-12-02', '2025-12-01', '2026-11-30', '2027-11-30', '2028-11-30']);
    expect(titled('northern-ireland', 'St Patrick’s Day')).toEqual(['2024-03-18', '2025-03-17', '2026-03-17', '2027-03-17', '2028-03-17']);
    expect(titled('northern-ireland', 'Battle of the Boyne (Orangemen’s Day)')).toEqual([
      '2024-07-12',
      '2025-07-14',
      '2026-07-13',
      '2027-07-12',
      '2028-07-12',
    ]);
  });

  it('follow the rules in every year: England and Wales', () => {
    for (const y of YEARS) {
      const easter = easterSunday(y);
      expect([...dates('england-and-wales')].filter((d) => d.startsWith(`${y}-`))).toEqual([
        substitute(`${y}-01-01`),
        addDays(easter, -2),
        addDays(easter, 1),
        firstMonday(y, 5),
        lastMonday(y, 5),
        lastMonday(y, 8),
        ...christmasAndBoxing(y),
      ]);
    }
  });

  it('follow the rules in every year: Scotland (2 January, no Easter Monday, August’s first Monday, St Andrew’s Day)', () => {
    for (const y of YEARS) {
      const newYear = substitute(`${y}-01-01`);
      expect([...dates('scotland')].filter((d) => d.startsWith(`${y}-`))).toEqual([
        newYear,
        substitute(`${y}-01-02`, new Set([newYear])),
        addDays(easterSunday(y), -2),
        firstMonday(y, 5),
        lastMonday(y, 5),
        firstMonday(y, 8),
        substitute(`${y}-11-30`),
        ...christmasAndBoxing(y),
      ]);
    }
  });

  it('follow the rules in every year: Northern Ireland (St Patrick’s Day, the Boyne)', () => {
    for (const y of YEARS) {
      const easter = easterSunday(y);
      expect([...dates('northern-ireland')].filter((d) => d.startsWith(`${y}-`))).toEqual([
        substitute(`${y}-01-01`),
        substitute(`${y}-03-17`),
        addDays(easter, -2),
        addDays(easter, 1),
        firstMonday(y, 5),
        lastMonday(y, 5),
        substitute(`${y}-07-12`),
        lastMonday(y, 8),
        ...christmasAndBoxing(y),
      ]);
    }
  });
});
