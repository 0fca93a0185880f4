import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmitUpdateRequest } from '../../bot/src/api/contract.js';
import { ASHA, BOARD, actionId, personClaims, useEntraApi } from './harness.js';

const ctx = useEntraApi();
const EVIL = '=HYPERLINK("http://evil.example","Click for the update")';
const FORMULA_START = /^[=+\-@\t\r]/;

beforeAll(async () => {
  const id = await actionId(ctx.api.store, '1.1');
  const body: SubmitUpdateRequest = {
    requestId: 'export-evil-note-1',
    expectedVersion: (await ctx.api.store.getAction(id))!.version,
    text: EVIL,
    rag: 'Amber',
  };
  const res = await ctx.api.call(`/api/actions/${id}/updates`, { method: 'POST', token: await ctx.issuer.token(personClaims(ASHA)), body });
  expect(res.status).toBe(201);
});

async function download(query: string): Promise<Response> {
  return ctx.api.call(`/api/export?${query}`, { token: await ctx.issuer.token(personClaims(BOARD)) });
}

async function csvRows(query: string): Promise<Record<string, string>[]> {
  const res = await download(query);
  expect(res.status).toBe(200);
  return parse<Record<string, string>>(await res.text(), { columns: true, bom: true });
}

describe('GET /api/export', () => {
  it('downloads the whole plan as a CSV board paper named with the date', async () => {
    const res = await download('format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?wres-action-plan-2026-03-10\.csv"?$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = parse<Record<string, string>>(await res.text(), { columns: true, bom: true });
    // 2.1 cites indicators 5 and 6, so it appears under both.
    expect(rows.map((r) => r['Ref'])).toEqual(['1.1', '1.2', '2.1', '2.1', '2.2']);
    expect(rows[1]).toMatchObject({
      Group: 'Indicator 3 — Formal disciplinary',
      Owner: 'Ben Okafor',
      Due: '28/02/2026',
      When: '10 days overdue',
      RAG: 'Red',
    });
  });

  it('keeps a formula-like note as visible text in CSV', async () => {
    const rows = await csvRows('format=csv');
    const note = rows.find((r) => r['Ref'] === '1.1')!['Latest update']!;
    expect(note).toContain('HYPERLINK("http://evil.example"');
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(FORMULA_START);
  });

  it('keeps a formula-like note as text in XLSX, with no formula cells', async () => {
    const res = await download('format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?wres-action-plan-2026-03-10\.xlsx"?$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('Action plan')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Latest update');
    const noteCol = header.indexOf('Latest update') + 1;
    const notes: string[] = [];
    sheet.eachRow((row, n) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(FORMULA_START);
      });
      if (n > 1) notes.push(String(row.getCell(noteCol).value ?? ''));
    });
    expect(notes.some((t) => t.includes('HYPERLINK("http://evil.example"'))).toBe(true);
  });

  it('applies the tab filters: rag, overdue, owner, search text and grouping by theme', async () => {
    expect((await csvRows('format=csv&rag=Red')).map((r) => r['Ref'])).toEqual(['1.2']);
    expect((await csvRows('format=csv&overdue=true')).map((r) => r['Ref'])).toEqual(['1.2']);
    expect((await csvRows('format=csv&owner=asha%20patel')).map((r) => r['Ref'])).toEqual(['1.1', '2.2']);
    expect((await csvRows('format=csv&q=BYSTANDER%20training')).map((r) => r['Ref'])).toEqual(['2.1', '2.1']);
    const byTheme = await csvRows('format=csv&group=theme');
    expect(byTheme.map((r) => r['Group'])).toEqual(['Shortlisting to appointment', 'Disciplinary', 'Bullying and harassment', 'Board']);
    const filtered = await download('format=csv&rag=Red');
    expect(filtered.headers.get('content-disposition')).toContain('wres-action-plan-2026-03-10-filtered.csv');
  });

  it('refuses an unknown format or filter value with 400', async () => {
    expect((await download('format=pdf')).status).toBe(400);
    expect((await download('format=csv&rag=Purple')).status).toBe(400);
    expect((await download('format=csv&group=owner')).status).toBe(400);
  });
});
