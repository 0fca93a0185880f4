import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Rag } from '../domain/model.js';
import { filterActions, groupActions } from '../domain/plan-filter.js';
import { AppError } from '../errors.js';
import { escapeSpreadsheetCell } from '../domain/spreadsheet-cell.js';
import { BOARD_PAPER_COLUMNS, boardPaperFilename, boardPaperRows, type BoardPaperRow } from './board-paper.js';
import { callerOf } from './caller.js';
import { parseFilterQuery, planViews, viewContext } from './views.js';

const formatSchema = z.enum(['csv', 'xlsx'], { message: 'format must be csv or xlsx.' });

/**
 * GET /api/export?format=csv|xlsx plus the tab's filters (group, owner, rag,
 * status, overdue, indicator, q): the filtered plan as a board-paper file
 * download. Every text cell goes through the shared spreadsheet escaping, so
 * a note such as `=HYPERLINK(…)` stays text.
 */
export function exportRoute(deps: { config: Config; clock: Clock }): RequestHandler {
  return async (req, res) => {
    const format = formatSchema.safeParse(req.query.format);
    if (!format.success) throw new AppError('bad_input', 'format must be csv or xlsx.');
    const { group, filter } = parseFilterQuery({ ...req.query, format: undefined });
    const ctx = viewContext(deps.config, deps.clock);
    const views = filterActions(planViews(callerOf(res), ctx), filter);
    const rows = boardPaperRows(groupActions(views, group), deps.config.TIMEZONE);
    res.attachment(boardPaperFilename(ctx.today, format.data, Object.keys(filter).length > 0));
    if (format.data === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(rows));
    } else {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, ctx.today));
    }
  };
}

/** UTF-8 with a byte-order mark so Excel reads "—" and accents correctly. */
function toCsv(rows: BoardPaperRow[]): string {
  const records = [[...BOARD_PAPER_COLUMNS], ...rows.map((r) => r.cells.map(escapeSpreadsheetCell))];
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}

const RAG_FILL: Record<Rag, string | undefined> = {
  Red: 'FFF4CCCC',
  Amber: 'FFFCE4C4',
  Green: 'FFD9EAD3',
  Blue: 'FFCFE2F3',
  None: undefined,
};
const WIDTHS = [28, 7, 9, 10, 28, 48, 36, 22, 12, 16, 12, 16, 60, 40, 18, 12];

async function toXlsx(rows: BoardPaperRow[], today: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'WRES Action Tracker';
  book.title = `WRES action plan ${today}`;
  const sheet = book.addWorksheet('Action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BOARD_PAPER_COLUMNS.map((header, i) => ({ header, width: WIDTHS[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row.cells.map(escapeSpreadsheetCell));
    added.alignment = { vertical: 'top', wrapText: true };
    const fill = RAG_FILL[row.rag];
    if (fill) added.getCell(12).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    if (row.overdue) added.getCell(10).font = { bold: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: BOARD_PAPER_COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
