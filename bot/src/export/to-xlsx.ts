import ExcelJS from 'exceljs';
import type { Action } from '../domain/model.js';
import { EXPORT_COLUMNS, planTable, type ExportOptions } from '../domain/plan-table.js';
import { escapeSpreadsheetCell } from '../domain/spreadsheet-cell.js';

const WIDTHS: Record<(typeof EXPORT_COLUMNS)[number], number> = {
  Ref: 8,
  'Plan year': 10,
  Indicators: 11,
  Theme: 40,
  Action: 60,
  Measure: 40,
  Lead: 28,
  Owner: 30,
  'Owner email': 28,
  'Due by': 16,
  Status: 13,
  RAG: 14,
  'Progress update': 70,
};

/**
 * The plan as an Excel workbook: one sheet, a bold frozen header row with a
 * filter, wrapped text. Every cell is text (escaped against formula injection).
 */
export async function toXlsx(actions: Action[], options: ExportOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'WRES Action Tracker';
  const sheet = workbook.addWorksheet('WRES action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((name) => ({ header: name, key: name, width: WIDTHS[name] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of planTable(actions, options)) {
    const added = sheet.addRow(row.map(escapeSpreadsheetCell));
    added.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
