/**
 * Dates as UK readers write and read them, independent of the browser's
 * locale: "29/11/2026", "29.11.26", "29 Nov 2026", "29th November 2026", or
 * ISO "2026-11-29". Day before month, always. Small and luxon-free so the tab
 * need not bundle a date library for one field.
 */

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** "nov" and "november" (and "sept") → 11; anything else is not a month. */
const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.map((name, i): [string, number] => [name, i + 1]),
  ...MONTH_NAMES.map((name, i): [string, number] => [name.slice(0, 3), i + 1]),
  ['sept', 9],
]);

/** The local-midnight Date for a real calendar day, or null (31/04 is not a day). */
function day(year: number, month: number, date: number): Date | null {
  const d = new Date(year, month - 1, date);
  return d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === date ? d : null;
}

/** Reads a typed UK date; null when it is not one (the picker then says how to write it). */
export function parseUkDate(text: string): Date | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const numeric = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$/.exec(t);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    return day(year, Number(numeric[2]), Number(numeric[1]));
  }
  const named = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z]+)\.?,? (\d{4})$/i.exec(t);
  if (named) {
    const month = MONTHS.get(named[2]!.toLowerCase());
    return month ? day(Number(named[3]), month, Number(named[1])) : null;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  return iso ? day(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

const shown = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "29 Nov 2026" (unambiguous whichever way round the reader writes dates). */
export function formatUkDate(date: Date | null | undefined): string {
  return date ? shown.format(date) : '';
}

/** `YYYY-MM-DD` of a local Date. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local Date of a `YYYY-MM-DD` day. */
export function fromIsoDay(iso: string): Date | null {
  return parseUkDate(iso);
}
