import ExcelJS from 'exceljs';
import type { RawDocument, RawTable } from './types.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The text a user sees in a cell, whatever exceljs holds: rich text, hyperlink, formula result, date. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates have no zone: exceljs returns them as UTC midnight.
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const label = cellText(value.text);
    const mail = /^mailto:([^?]+)/i.exec(value.hyperlink);
    // A name linked to a mailto: keeps the address, so the owner can be reached.
    return mail && !label.includes('@') ? `${label} <${decodeURIComponent(mail[1]!)}>` : label;
  }
  if ('result' in value) return cellText(value.result);
  if ('error' in value) return '';
  return '';
}

/**
 * Reads every visible worksheet of an XLSX plan; each is its own table.
 * Row numbers are the spreadsheet's; merged cells count once (their first cell).
 */
export async function readXlsx(buffer: Buffer): Promise<RawDocument> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheets = workbook.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined);
  const tables: RawTable[] = sheets.map((ws) => {
    const rows: RawTable['rows'] = [];
    const where = sheets.length > 1 ? ` of sheet "${ws.name}"` : '';
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value));
      }
      rows.push({ rowNumber, location: `row ${rowNumber}${where}`, cells });
    });
    return { rows, preamble: '', continuesPrevious: false };
  });
  return { tables };
}
