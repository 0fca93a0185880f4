import { DateTime } from 'luxon';
import { parseDueDate, type DueDateParse } from '../domain/dates.js';

const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;

/**
 * `parseDueDate` with a per-import memory: plans repeat the same few dates
 * ("31 March 2020") on many rows, and reading written-out month names is
 * the slowest step of an import. Plain UK numeric dates with a four-digit
 * year (14/9/2015, 06.10.2015) are checked directly.
 */
export function cachedDueDateParser(): (text: string) => DueDateParse {
  const seen = new Map<string, DueDateParse>();
  return (text) => {
    const key = text.trim();
    let parsed = seen.get(key);
    if (!parsed) {
      parsed = numericDate(key) ?? parseDueDate(key);
      seen.set(key, parsed);
    }
    return parsed;
  };
}

function numericDate(text: string): DueDateParse | undefined {
  const m = NUMERIC.exec(text);
  if (!m) return undefined;
  const date = DateTime.fromObject({ year: Number(m[4]), month: Number(m[3]), day: Number(m[1]) }, { zone: 'utc' });
  // Anything unusual (an impossible day) goes to parseDueDate, which words the refusal.
  return date.isValid ? { kind: 'date', date: date.toISODate() } : undefined;
}
