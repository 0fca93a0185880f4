import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { rollupTable, type GroupRollup } from '../domain/rollup.js';
import { escapeSpreadsheetCell } from '../domain/spreadsheet-cell.js';

/** The export formats of a roll-up. */
export const ROLLUP_FORMATS = ['csv', 'xlsx'] as const;
export type RollupFormat = (typeof ROLLUP_FORMATS)[number];

/** "wres-rollup-QWE-2026-03-10.csv" */
export function rollupFilename(rollup: GroupRollup, today: string, format: RollupFormat): string {
  return `wres-rollup-${rollup.group.id}-${today}.${format}`;
}

/** The roll-up as CSV (UTF-8 with a byte-order mark for Excel), every cell escaped against formula injection. */
export function rollupCsv(rollup: GroupRollup): string {
  const rows = rollupTable(rollup).map((row) => row.map(escapeSpreadsheetCell));
  return stringify(rows, { bom: true, record_delimiter: 'windows' });
}

const WIDTHS = [34, 10, 9, 11, 9, 14, 24];

/** The roll-up as an Excel workbook: one sheet, bold frozen header and first column, wrapped cells. */
export async function rollupXlsx(rollup: GroupRollup, today: string): Promise<Buffer> {
  const [header, ...rows] = rollupTable(rollup);
  const book = new ExcelJS.Workbook();
  book.creator = 'WRES Action Tracker';
  book.title = `WRES roll-up ${rollup.group.name} ${today}`;
  const sheet = book.addWorksheet('Roll-up', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = header!.map((h, i) => ({ header: escapeSpreadsheetCell(h), width: WIDTHS[i] ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'top', wrapText: true };
  for (const row of rows) sheet.addRow(row.map(escapeSpreadsheetCell)).alignment = { vertical: 'top', wrapText: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
