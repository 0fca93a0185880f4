import mammoth from 'mammoth';
import { parse, type HTMLElement } from 'node-html-parser';
import { tidyText } from './cell-text.js';
import type { RawDocument, RawRow, RawTable } from './types.js';

/**
 * Reads the tables of a Word plan (through mammoth's HTML). A plan split
 * over pages arrives as several tables: each continues the one before, and
 * the paragraphs before a table (titles) become its preamble. Rows are
 * numbered through the whole document, headers included; `location` also
 * names the table ("table 2, row 3") when there are several.
 */
export async function readDocx(buffer: Buffer): Promise<RawDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const root = parse(html);
  const pieces: { preamble: string[]; table: HTMLElement }[] = [];
  let preamble: string[] = [];
  for (const node of root.childNodes) {
    const el = node as HTMLElement;
    if (el.tagName === 'TABLE') {
      pieces.push({ preamble, table: el });
      preamble = [];
    } else if (node.text.trim()) {
      preamble.push(tidyText(el.structuredText ?? node.text));
    }
  }
  let running = 0;
  const tables: RawTable[] = pieces.map((piece, t) => {
    const grid = tableGrid(piece.table);
    const rows: RawRow[] = grid.map((cells, r) => {
      running += 1;
      const location = pieces.length > 1 ? `row ${running} (table ${t + 1}, row ${r + 1})` : `row ${running}`;
      return { rowNumber: running, location, cells };
    });
    return { rows, preamble: piece.preamble.join('\n'), continuesPrevious: t > 0 };
  });
  return { tables };
}

/**
 * The table as a grid of cell texts: a cell spanning columns keeps its text
 * in the first, and a cell spanning rows leaves blanks below it, so every
 * column stays under its header.
 */
function tableGrid(table: HTMLElement): string[][] {
  const rows = table.querySelectorAll('tr').filter((tr) => tr.closest('table') === table);
  const carried: number[] = [];
  return rows.map((tr) => {
    const cells: string[] = [];
    const place = (text: string) => {
      while ((carried[cells.length] ?? 0) > 0) {
        carried[cells.length]! -= 1;
        cells.push('');
      }
      cells.push(text);
    };
    for (const td of tr.childNodes as HTMLElement[]) {
      if (td.tagName !== 'TD' && td.tagName !== 'TH') continue;
      const colspan = Math.max(1, Number(td.getAttribute('colspan') ?? 1) || 1);
      const rowspan = Math.max(1, Number(td.getAttribute('rowspan') ?? 1) || 1);
      for (let i = 0; i < colspan; i++) {
        place(i === 0 ? tidyText(td.structuredText) : '');
        if (rowspan > 1) carried[cells.length - 1] = rowspan - 1;
      }
    }
    for (let c = cells.length; c < carried.length; c++) {
      if ((carried[c] ?? 0) > 0) carried[c]! -= 1;
      cells.push('');
    }
    return cells;
  });
}
