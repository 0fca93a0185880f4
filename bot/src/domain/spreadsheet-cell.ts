const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes user text safe to put in a spreadsheet cell (CSV or XLSX): text
 * starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe, so Excel shows it as text instead of running it as a formula
 * (CSV injection). The plan importer removes the apostrophe again.
 */
export function escapeSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Reverses `escapeSpreadsheetCell` for text read back from a spreadsheet. */
export function unescapeSpreadsheetCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
