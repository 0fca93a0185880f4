import { DateTime } from 'luxon';

/** The result of reading a plan's due-date cell. */
export type DueDateParse =
  | { kind: 'date'; date: string } // ISO YYYY-MM-DD
  | { kind: 'ongoing' }
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string };

const DAY_FORMATS = [
  'd/M/yyyy',
  'd/M/yy',
  'd.M.yyyy',
  'd.M.yy',
  'd-M-yyyy',
  'yyyy-MM-dd',
  'd MMMM yyyy',
  'd MMM yyyy',
  'MMMM d yyyy',
  'MMM d yyyy',
];
const MONTH_FORMATS = ['MMMM yyyy', 'MMM yyyy', 'M/yyyy', 'MM/yyyy'];
const ONGOING =
  /^(ongoing|on-going|continuous|continual|throughout the year|rolling|annual(ly)?|monthly|quarterly|bi-?annually|as required)\b/i;
const NONE = /^(n\/?a|tbc|tbd|-|–|none|)$/i;

/**
 * Reads a due date as UK plans write it: `14/9/2015`, `30 November 2019`,
 * `31st March 2020`, `April 2020` (the last day of the month), `End of March
 * 2020`, `Q3 2020/21` (financial quarters: Q1 is April–June), `ongoing`.
 * Day/month order is always UK. An impossible date such as `31/4/2016` is
 * `invalid` with the reason, never a guess.
 */
export function parseDueDate(raw: string): DueDateParse {
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;]+$/, '');
  if (NONE.test(text)) return { kind: 'none' };
  if (ONGOING.test(text)) return { kind: 'ongoing' };

  const quarter = /^Q([1-4])\s*(?:of\s*)?(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/i.exec(text);
  if (quarter) return financialQuarterEnd(Number(quarter[1]), Number(quarter[2]), quarter[3]!);

  // "31st March 2020", "1st of April 2020", "End of March 2020", "by end March 2020", "Sept 2020".
  const cleaned = text
    .replace(/^(by|before|due|from|deadline:?)\s+/i, '')
    .replace(/^(the\s+)?(end|close)\s+(of\s+)?/i, '')
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/\b(\d{1,2}) of\b/i, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  const day = firstValid(cleaned, DAY_FORMATS);
  if (day) return { kind: 'date', date: day.toISODate()! };
  const month = firstValid(cleaned, MONTH_FORMATS);
  if (month) return { kind: 'date', date: month.endOf('month').toISODate()! };
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(cleaned);
  if (numeric) {
    return { kind: 'invalid', reason: `"${raw.trim()}" is not a real date (day ${numeric[1]} of month ${numeric[2]})` };
  }
  const named = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(cleaned);
  if (named && DateTime.fromFormat(`1 ${named[2]} ${named[3]}`, 'd MMMM yyyy', { locale: 'en-GB' }).isValid) {
    return { kind: 'invalid', reason: `"${raw.trim()}" is not a real date` };
  }
  return { kind: 'invalid', reason: `"${raw.trim()}" is not a date this importer understands (try 31/03/2020, March 2020 or Q4 2019/20)` };
}

/** Tries each format; "Sep" and "Sept" are both accepted whichever the locale data prefers. */
function firstValid(text: string, formats: string[]): DateTime | undefined {
  const variants = [text, text.replace(/\bSept\b/i, 'Sep'), text.replace(/\bSep\b/i, 'Sept')];
  for (const format of formats) {
    for (const variant of variants) {
      const dt = DateTime.fromFormat(variant, format, { locale: 'en-GB' });
      if (dt.isValid) return dt;
    }
  }
  return undefined;
}

function financialQuarterEnd(q: number, startYear: number, endPart: string): DueDateParse {
  const endYear = endPart.length === 2 ? Math.floor(startYear / 100) * 100 + Number(endPart) : Number(endPart);
  if (endYear !== startYear + 1) return { kind: 'invalid', reason: `"Q${q} ${startYear}/${endPart}" is not a financial year` };
  const ends = ['06-30', '09-30', '12-31', '03-31'];
  const year = q === 4 ? endYear : startYear;
  return { kind: 'date', date: `${year}-${ends[q - 1]}` };
}

/** Today's date (`YYYY-MM-DD`) in the given IANA time zone at instant `now`. */
export function localDate(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

export { addDays, daysBetween, relativeDue, weekday } from './calendar-days.js';

/** "Wed 17 Mar" (adds the year when it differs from `today`'s). */
export function shortDate(date: string, today?: string): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB');
  const sameYear = today !== undefined && today.slice(0, 4) === date.slice(0, 4);
  return dt.toFormat(sameYear ? 'ccc d LLL' : 'ccc d LLL yyyy');
}
