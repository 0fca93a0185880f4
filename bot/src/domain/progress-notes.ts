import { DateTime } from 'luxon';
import { parseDueDate, type DueDateParse } from './dates.js';

/** A progress note found in a cell; `date` is null for text before the first dated note. */
interface DatedNote {
  /** ISO instant, or null when the text carried no date. */
  submittedAt: string | null;
  text: string;
}

/** What a progress cell holds: text before any date, and the dated notes in the order written. */
export interface SplitNotes {
  leading: string;
  notes: DatedNote[];
  /** Date-like markers that are not real dates (kept as text), for a warning. */
  badDates: string[];
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_TOKEN = `\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+\\d{4}|(?:${MONTHS})\\s+\\d{4}`;
// A marker is a date (optionally with a time) at the start of a line or after a space, followed by a colon.
const MARKER = new RegExp(`(^|\\s)(${DATE_TOKEN})(?:\\s+(\\d{1,2}):(\\d{2}))?\\s*:(?=\\s|$)`, 'gi');

/** Noon keeps a date-only note on the same calendar day in every time zone the tab is read in. */
const DEFAULT_HOUR = 12;

/**
 * Splits a progress cell such as "Plan drafted. 06.10.2015: Panels audited.
 * April 2016: Report to board." into its dated notes. Numeric dates are UK
 * order; a month on its own means the first of that month; a note without
 * a time is stamped at 12:00 in `timeZone`. A marker that is not a real date
 * (e.g. 31.04.2016) stays part of the text and is listed in `badDates`.
 * `parseDate` defaults to the domain's `parseDueDate`.
 */
export function splitDatedNotes(cell: string, timeZone: string, parseDate: (text: string) => DueDateParse = parseDueDate): SplitNotes {
  const found: { start: number; end: number; at: string | null; token: string }[] = [];
  for (const m of cell.matchAll(MARKER)) {
    const token = m[2]!;
    const start = m.index + m[1]!.length;
    found.push({ start, end: m.index + m[0].length, at: markerInstant(parseDate(token), token, m[3], m[4], timeZone), token });
  }
  const badDates = found.filter((f) => f.at === null).map((f) => f.token);
  const markers = found.filter((f) => f.at !== null);
  if (markers.length === 0) return { leading: cell.trim(), notes: [], badDates };
  const notes: DatedNote[] = [];
  markers.forEach((marker, i) => {
    const text = cell.slice(marker.end, markers[i + 1]?.start ?? cell.length).trim();
    if (text) notes.push({ submittedAt: marker.at, text });
  });
  return { leading: cell.slice(0, markers[0]!.start).trim(), notes, badDates };
}

function markerInstant(
  parsed: DueDateParse,
  token: string,
  hour: string | undefined,
  minute: string | undefined,
  timeZone: string,
): string | null {
  if (parsed.kind !== 'date') return null;
  let date = parsed.date;
  // parseDueDate reads "April 2016" as the month's last day; a note dated by month was written during it.
  if (/^[a-z]+\s+\d{4}$/i.test(token.trim())) date = `${date.slice(0, 8)}01`;
  const h = hour === undefined ? DEFAULT_HOUR : Number(hour);
  const min = minute === undefined ? 0 : Number(minute);
  if (h > 23 || min > 59) return null;
  return localInstant(date, h, min, timeZone);
}

// Time-zone arithmetic is the slow part of reading notes; plans repeat the same dates.
const instants = new Map<string, string | null>();

function localInstant(date: string, hour: number, minute: number, timeZone: string): string | null {
  const key = `${date}|${hour}|${minute}|${timeZone}`;
  let iso = instants.get(key);
  if (iso === undefined) {
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    const at = DateTime.fromObject({ year: y, month: mo, day: d, hour, minute }, { zone: timeZone });
    iso = at.isValid ? at.toUTC().toISO() : null;
    if (instants.size > 20_000) instants.clear();
    instants.set(key, iso);
  }
  return iso;
}

/**
 * Writes a note's date the way `splitDatedNotes` reads it back: "06.10.2015"
 * for a note stamped at 12:00 local time, "06.10.2015 14:32" otherwise.
 */
export function formatNoteDate(submittedAt: string, timeZone: string): string {
  const at = DateTime.fromISO(submittedAt, { zone: 'utc' }).setZone(timeZone);
  const noon = at.hour === DEFAULT_HOUR && at.minute === 0 && at.second === 0 && at.millisecond === 0;
  return at.toFormat(noon ? 'dd.MM.yyyy' : 'dd.MM.yyyy HH:mm');
}
