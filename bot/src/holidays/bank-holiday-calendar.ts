import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { holidayDates, overlayByYear, type BankHoliday, type BankHolidayDivision } from '../domain/bank-holidays.js';
import { AppError } from '../errors.js';
import type { PlanStore } from '../store/plan-store.js';
import { parseBankHolidays } from './holiday-file.js';

const SHIPPED_FILE = 'bot/src/holidays/uk-bank-holidays.json';
let shipped: readonly BankHoliday[] | null = null;

/**
 * The bank holidays shipped with the app (the published dates for
 * 2024–2028, every nation), read once from `uk-bank-holidays.json` and
 * checked like an imported file. Found from the sources and from dist/.
 */
export function shippedBankHolidays(): readonly BankHoliday[] {
  if (shipped) return shipped;
  for (let up = 3; up <= 4; up++) {
    const path = fileURLToPath(new URL(`${'../'.repeat(up)}${SHIPPED_FILE}`, import.meta.url));
    if (existsSync(path)) return (shipped = Object.freeze(parseBankHolidays(JSON.parse(readFileSync(path, 'utf8')), SHIPPED_FILE)));
  }
  throw new AppError('config', `${SHIPPED_FILE} was not found beside the app.`);
}

/**
 * Every nation's bank holidays in force: the dates an admin imported
 * (`wres holidays import`, kept in the store so that every instance sees
 * them) for each year the import covered, the shipped dates for the other years.
 */
async function bankHolidaysInForce(store: Pick<PlanStore, 'listBankHolidays'>): Promise<BankHoliday[]> {
  return overlayByYear(shippedBankHolidays(), await store.listBankHolidays());
}

/** The dates of `division`'s bank holidays in force: what the reminder policy and the scheduler skip. */
export async function bankHolidayDates(
  store: Pick<PlanStore, 'listBankHolidays'>,
  division: BankHolidayDivision,
): Promise<ReadonlySet<string>> {
  return holidayDates(await bankHolidaysInForce(store), division);
}

/**
 * The years from `from` to `to` (`YYYY-MM-DD`, inclusive) in which `dates`
 * has no bank holiday: their bank holidays are not known, so only weekends
 * count as days off then. Every nation has bank holidays every year.
 */
export function yearsNotKnown(dates: ReadonlySet<string>, from: string, to: string): number[] {
  const known = new Set([...dates].map((d) => Number(d.slice(0, 4))));
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!known.has(y)) years.push(y);
  return years;
}
