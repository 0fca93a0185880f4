/**
 * The character rule for text that comes in from outside (imported plans,
 * notes): no control characters. Vertical tab, form feed and the Unicode
 * line separators become line breaks (Excel on a Mac writes a line break in
 * a cell as a vertical tab); NUL and every other C0 and C1 control is
 * removed. Tab, line feed and carriage return are kept.
 */
const LINE_BREAKS = /[\v\f\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** `text` without control characters (see the module comment): safe to store, show and export. */
export function stripControlCharacters(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
}

/** True when `stripControlCharacters` would change `text`. */
export function hasControlCharacters(text: string): boolean {
  return stripControlCharacters(text) !== text;
}
