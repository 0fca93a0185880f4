import { parse } from 'node-html-parser';
import { unescapeSpreadsheetCell } from '../domain/spreadsheet-cell.js';
import { withoutControlCharacters } from '../domain/text-hygiene.js';

const LOOKS_LIKE_HTML = /<\/?(p|br|div|span|b|i|u|em|strong|li|ul|ol|font|table|tr|td)\b[^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

/**
 * Plain text of an HTML fragment: block elements (<p>, <li>, <br>) become
 * line breaks, entities are decoded, spaces inside each line collapsed.
 */
function htmlToText(html: string): string {
  return tidyText(parse(html).structuredText);
}

/** Collapses runs of spaces (non-breaking included) within lines and drops blank lines. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The text a user meant in a cell: HTML left over from a conversion
 * ("<p>…</p>", "&amp;") becomes plain text; other text is tidied. Applied
 * twice at most, for documents whose text literally contains markup. The
 * apostrophe our exports put before = + - @ is removed, and so are control
 * characters (see `withoutControlCharacters`).
 */
export function cleanCell(raw: string): string {
  let text = unescapeSpreadsheetCell(raw);
  for (let pass = 0; pass < 2 && LOOKS_LIKE_HTML.test(text); pass++) text = htmlToText(text);
  // After the HTML passes, so a control character written as an entity (&#0;) goes too.
  return tidyText(withoutControlCharacters(text));
}

/** Lower-case letters and digits only: how header labels are compared. */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9#]/g, '');
}
