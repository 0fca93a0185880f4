import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { cleanCell } from './cell-text.js';
import { detectHeader } from './headers.js';
import type { RawDocument, TextEncoding } from './types.js';

/**
 * Decodes a text file: a byte-order mark decides (UTF-8, UTF-16 LE or BE);
 * without one, text with a NUL in most odd (or even) bytes is UTF-16 LE (BE),
 * valid UTF-8 is UTF-8, and anything else is Windows-1252, what Excel on
 * Windows saves as "CSV" (iconv-lite maps 0x80–0x9F to “ ” ‘ ’ – — … €).
 */
function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'UTF-16 LE' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'UTF-16 BE' };
  const unmarked = unmarkedUtf16(buffer);
  if (unmarked) return { text: iconv.decode(buffer, unmarked === 'UTF-16 LE' ? 'utf-16le' : 'utf-16be'), encoding: unmarked };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(buffer, 'windows-1252'), encoding: 'Windows-1252' };
  }
}

/** UTF-16 without a byte-order mark: ASCII text leaves a NUL in every other byte of the first kilobyte. */
function unmarkedUtf16(buffer: Buffer): TextEncoding | undefined {
  const sample = buffer.subarray(0, 1024);
  if (sample.length < 8) return undefined;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const half = sample.length / 2;
  if (odd > half * 0.6 && even === 0) return 'UTF-16 LE';
  if (even > half * 0.6 && odd === 0) return 'UTF-16 BE';
  return undefined;
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter under which a line reads as the richest header row (most
 * columns recognised) within the first 200 lines, so paragraphs of prose
 * above the table (full of commas) do not decide; else the one used most in
 * the first lines.
 */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 200);
  let best: { delimiter: string; columns: number } | undefined;
  for (const delimiter of DELIMITERS) {
    for (const line of lines) {
      if (!line.includes(delimiter)) continue;
      const header = detectHeader(line.split(delimiter).map((c) => cleanCell(c.replace(/^"|"$/g, ''))));
      const columns = header
        ? Object.values(header)
            .flat()
            .filter((v) => v !== undefined).length
        : 0;
      if (columns > (best?.columns ?? 0)) best = { delimiter, columns };
    }
  }
  if (best) return best.delimiter;
  const sample = lines.slice(0, 10).join('\n');
  return DELIMITERS.map((d) => [d, sample.split(d).length - 1] as const).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Reads a CSV (or tab/semicolon separated) plan into one table. Row numbers
 * are record numbers, which match the row numbers Excel shows when it opens
 * the file (a quoted cell may span several lines). Reads at most `maxRows`
 * records plus one (so a caller can refuse a longer file without holding it).
 */
export function readCsv(buffer: Buffer, maxRows = Number.POSITIVE_INFINITY): RawDocument {
  const { text, encoding } = decodeText(buffer);
  const records = parse(text, {
    delimiter: sniffDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    ...(Number.isFinite(maxRows) ? { to: maxRows + 1 } : {}),
  });
  return {
    encoding,
    tables: [
      {
        preamble: '',
        continuesPrevious: false,
        rows: records.map((cells, i) => ({ rowNumber: i + 1, location: `row ${i + 1}`, cells })),
      },
    ],
  };
}

/** What to tell the user about a file's encoding: nothing for UTF-8, else which one was used and what to check. */
export function encodingNote(encoding: TextEncoding | undefined): string | undefined {
  if (!encoding || encoding === 'UTF-8') return undefined;
  if (encoding === 'Windows-1252')
    return 'The file is not UTF-8, so it was read as Windows-1252 (what Excel on Windows saves as "CSV"). Check that accents and symbols such as “ ” – € read right; saving as "CSV UTF-8" avoids the question.';
  return `The file was read as ${encoding} text (what Excel saves as "Unicode text").`;
}
