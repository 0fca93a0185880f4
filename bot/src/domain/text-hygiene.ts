/**
 * Control characters in text people give us (progress notes, imported cells).
 * They are invisible on screen, yet a NUL or a vertical tab travels into
 * SharePoint, CSV and XLSX exports and breaks them. The rule, in one place:
 * keep tabs and line feeds; every spelling of a line break (CRLF, CR, the
 * vertical tab and form feed Word uses for manual line and page breaks, NEL,
 * and the Unicode line and paragraph separators) becomes a line feed; every
 * other C0 control, DEL and every C1 control is removed.
 */

const LINE_BREAKS = /\r\n?|[\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANY_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;

/** `text` with line breaks made `\n` and every other control character (tab aside) removed. */
export function withoutControlCharacters(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
}

/** True when `withoutControlCharacters` would change `text`. */
export function hasControlCharacters(text: string): boolean {
  return ANY_CONTROL.test(text);
}
