import { stringify } from 'csv-stringify/sync';
import type { Action } from '../domain/model.js';
import { EXPORT_COLUMNS, planTable, type ExportOptions } from '../domain/plan-table.js';
import { escapeSpreadsheetCell } from '../domain/spreadsheet-cell.js';

/** The plan as CSV (UTF-8 with a byte-order mark so Excel reads accents), cells escaped against formula injection. */
export function toCsv(actions: Action[], options: ExportOptions = {}): string {
  const rows = planTable(actions, options).map((row) => row.map(escapeSpreadsheetCell));
  return stringify([[...EXPORT_COLUMNS], ...rows], { bom: true, record_delimiter: 'windows' });
}
