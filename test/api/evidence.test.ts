// Evidence links through the tab's API: accepted, refused with a field message, and carried
// into every answer that shows an update — the action page, the plan list, the changes report
// and the board-paper downloads.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type {
  ActionDetailResponse,
  ApiErrorBody,
  BadUpdateBody,
  ChangesResponse,
  PlanResponse,
  SubmitUpdateRequest,
  SubmitUpdateResponse,
} from '../../bot/src/api/contract.js';
import { ASHA, BOARD, actionId, personClaims, useEntraApi } from './harness.js';

const ctx = useEntraApi({ env: { VIEWERS: BOARD.email }, perTest: true });

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf';

async function post(payload: Partial<SubmitUpdateRequest> & Record<string, unknown>): Promise<Response> {
  const id = await actionId(ctx.api.store, '1.1');
  const body = {
    requestId: `evidence-${Math.random().toString(36).slice(2)}`,
    expectedVersion: (await ctx.api.store.getAction(id))!.version,
    text: 'All five panels audited.',
    rag: 'Green',
    ...payload,
  };
  return ctx.api.call(`/api/actions/${id}/updates`, { method: 'POST', token: await ctx.issuer.token(personClaims(ASHA)), body });
}

const asBoard = async (path: string) => ctx.api.call(path, { token: await ctx.issuer.token(personClaims(BOARD)) });

describe('evidence links in the API', () => {
  it('stores up to three links, normalised and without repeats, and returns them with the update and the action', async () => {
    const res = await post({ links: [AUDIT, '', 'https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx', PAPER] });
    expect(res.status).toBe(201);
    const created = (await res.json()) as SubmitUpdateResponse;
    expect(created.update.links).toEqual([AUDIT, PAPER]);
    expect(created.action.latestUpdate?.links).toEqual([AUDIT, PAPER]);
    expect((await ctx.api.store.listUpdates(created.action.id)).at(-1)?.links).toEqual([AUDIT, PAPER]);
  });

  it.each([
    [['http://intranet.example.nhs.uk/audit.xlsx'], 'The link starts with http://'],
    [[AUDIT, 'javascript:alert(1)'], 'Link 2 is not a web page'],
    [[AUDIT, 'https://intranet/audit.xlsx'], 'Link 2 does not name a site'],
    [
      ['https://x.example.nhs.uk/a', 'https://x.example.nhs.uk/b', 'https://x.example.nhs.uk/c', 'https://x.example.nhs.uk/d'],
      'at most three links',
    ],
    [Array.from({ length: 25 }, () => AUDIT), 'at most three links'],
    [[42], 'could not be read'],
    [{ href: AUDIT }, 'could not be read'],
    [['https://asha@intranet.example.nhs.uk/a'], 'contains a password or access key'],
  ])('refuses %j with 400 and the message for the links field, storing nothing', async (links, words) => {
    const id = await actionId(ctx.api.store, '1.1');
    const before = await ctx.api.store.listUpdates(id);
    const res = await post({ links: links as string[] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as BadUpdateBody;
    expect(body.error.code).toBe('bad_input');
    expect(body.error.details.links).toContain(words);
    expect(body.error.details).not.toHaveProperty('text');
    expect(await ctx.api.store.listUpdates(id)).toEqual(before);
  });

  it('answers a retry with the same links as a duplicate and the same request id with other links as 409', async () => {
    const requestId = 'evidence-retry-api-1';
    const first = await post({ requestId, links: [AUDIT, PAPER] });
    expect(first.status).toBe(201);
    const { update, action } = (await first.json()) as SubmitUpdateResponse;
    const retry = await post({ requestId, expectedVersion: action.version - 1, links: [PAPER, AUDIT] });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as SubmitUpdateResponse).update.id).toBe(update.id);

    const other = await post({ requestId, expectedVersion: action.version - 1, links: [AUDIT] });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ApiErrorBody).error.message).toContain('different note, rating or links');
    expect((await ctx.api.store.listUpdates(action.id)).filter((u) => u.requestId === requestId)).toHaveLength(1);
  });

  it('shows the links on the action page, in the plan list, in the changes report and in the board paper downloads', async () => {
    expect((await post({ links: [AUDIT, PAPER] })).status).toBe(201);
    const id = await actionId(ctx.api.store, '1.1');

    const detail = (await (await asBoard(`/api/actions/${id}`)).json()) as ActionDetailResponse;
    expect(detail.updates.at(-1)?.links).toEqual([AUDIT, PAPER]);

    const plan = (await (await asBoard('/api/plan')).json()) as PlanResponse;
    const row = plan.actions.find((r) => r[0] === id)!;
    expect(row[11]).toEqual(['All five panels audited.', expect.any(Number), '2026-03-10', [AUDIT, PAPER]]);
    expect(plan.actions.filter((r) => r[0] !== id).every((r) => r[11] === null || r[11].length === 3)).toBe(true);

    const changes = (await (await asBoard('/api/changes?since=2026-03-01')).json()) as ChangesResponse;
    expect(changes.updates.at(-1)?.links).toEqual([AUDIT, PAPER]);

    const csv: Record<string, string>[] = parse(await (await asBoard('/api/export?format=csv')).text(), { columns: true, bom: true });
    expect(csv.find((r) => r['Ref'] === '1.1')).toMatchObject({
      'Latest update': 'All five panels audited.',
      Evidence: `${AUDIT}\n${PAPER}`,
    });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await asBoard('/api/export?format=xlsx')).arrayBuffer());
    const sheet = book.getWorksheet('Action plan')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rowOf11 = [...Array(sheet.rowCount).keys()].map((n) => sheet.getRow(n + 1)).find((r) => r.getCell(2).value === '1.1')!;
    expect(rowOf11.getCell(header.indexOf('Evidence') + 1).value).toBe(`${AUDIT}\n${PAPER}`);
    expect(rowOf11.getCell(header.indexOf('RAG') + 1).value).toBe('Green');
  });
});
