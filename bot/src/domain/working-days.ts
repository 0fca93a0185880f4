import { addDays, weekday } from './dates.js';

/** No bank holidays: only weekends are non-working days. */
const NO_BANK_HOLIDAYS: ReadonlySet<string> = new Set();

/**
 * The most days a working day can lie before a non-working one. UK runs of
 * weekends and bank holidays are at most four days (Easter, Christmas with
 * substitute days); a calendar that needed more would stop at this bound.
 */
export const MAX_DAYS_BACK = 14;

/** True for Monday to Friday that is not one of `bankHolidays` (`YYYY-MM-DD` dates). */
export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string> = NO_BANK_HOLIDAYS): boolean {
  return weekday(date) <= 5 && !bankHolidays.has(date);
}

/**
 * `date` itself on a working day; else the nearest working day before it:
 * the Friday before a weekend, the Thursday before Good Friday and Easter
 * Monday in England and Wales.
 */
export function workingDayOnOrBefore(date: string, bankHolidays: ReadonlySet<string> = NO_BANK_HOLIDAYS): string {
  let day = date;
  for (let back = 0; back < MAX_DAYS_BACK && !isWorkingDay(day, bankHolidays); back++) day = addDays(day, -1);
  return day;
}
