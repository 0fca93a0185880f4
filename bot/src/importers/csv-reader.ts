import { parse } from 'csv-parse/sync';
import type { RawDocument } from './types.js';

/** UTF-8 (with or without BOM), falling back to Windows-1252 for files saved by older Excel. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** The delimiter used most in the first lines: comma, semicolon (European Excel) or tab. */
function sniffDelimiter(text: string): string {
  const sample = text.split(/\r?\n/, 10).join('\n');
  const counts = [',', ';', '\t'].map((d) => [d, sample.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * Reads a CSV (or tab/semicolon separated) plan into one table. Row numbers
 * are record numbers, which match the row numbers Excel shows when it opens
 * the file (a quoted cell may span several lines).
 */
export function readCsv(buffer: Buffer): RawDocument {
  const text = decode(buffer);
  const records = parse(text, {
    delimiter: sniffDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  return {
    tables: [
      {
        preamble: '',
        continuesPrevious: false,
        rows: records.map((cells, i) => ({ rowNumber: i + 1, location: `row ${i + 1}`, cells })),
      },
    ],
  };
}
