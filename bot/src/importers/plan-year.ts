import { DateTime } from 'luxon';

const RANGE = /(?:^|[^\d])((?:19|20)\d{2})\s*(?:[-/–—]|to)\s*((?:19|20)?\d{2})(?!\d)/i;

/**
 * Reads a plan year written as "2019/20", "2019-20", "2019-2020" or
 * "2019 to 2020" and returns it as "2019/20"; undefined when the text has
 * no such range or the two years are not consecutive.
 */
export function findPlanYear(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = RANGE.exec(line);
    if (!m) continue;
    const start = Number(m[1]);
    const endPart = m[2]!;
    const end = endPart.length === 2 ? Math.floor(start / 100) * 100 + Number(endPart) : Number(endPart);
    if (end === start + 1) return formatPlanYear(start);
  }
  return undefined;
}

/** "2019/20" for the financial year that starts in April 2019. */
export function formatPlanYear(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The NHS financial year (April to March) that `now` falls in, in `timeZone`. */
export function currentPlanYear(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return formatPlanYear(local.month >= 4 ? local.year : local.year - 1);
}

/** A plan year given by a user (option or cell), normalised to "2019/20"; undefined when it is not one. */
export function normalisePlanYear(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^(?:19|20)\d{2}\s*(?:[-/–]|to)\s*(?:(?:19|20)?\d{2})$/i.test(trimmed)) return undefined;
  return findPlanYear(trimmed);
}
