/**
 * The roll-up API on the real express app: a group's viewers see each
 * member's summary and nothing else (JSON, CSV and Excel alike); anyone
 * else, a member's own lead included, is refused; a member this service
 * does not serve is named as such; and nothing under /api/groups reaches a
 * member's plan or changes anything of it (checked at the store) — on
 * SQLite and on SharePoint (the Graph stand-in).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupsResponse, RollupResponse, ServedMember } from '../../bot/src/api/contract.js';
import { AppError } from '../../bot/src/errors.js';
import type { Tenancy } from '../../bot/src/service/tenancy.js';
import { openOrgStores, STORE_KINDS, type OrgStores } from './org-stores.js';
import { ICB_VIEWER, NORTH_LEAD, openRollupTenancy, PRIVATE_TEXTS, ROLLUP_ORGS, serveRollupApp, STRANGER } from './rollup-fixture.js';

function expectNothingPrivate(text: string): void {
  for (const secret of PRIVATE_TEXTS) expect(text).not.toContain(secret);
}

describe.each(STORE_KINDS)('the roll-up for an oversight group on %s', (kind) => {
  let stores: OrgStores;
  let tenancy: Tenancy;
  let baseUrl: string;
  let close: () => Promise<void>;
  /** Both members' data at the store before any roll-up was read. */
  let before: unknown;

  beforeAll(async () => {
    stores = await openOrgStores(kind, ROLLUP_ORGS);
    tenancy = await openRollupTenancy(stores);
    ({ baseUrl, close } = await serveRollupApp(tenancy));
    before = ['RXX', 'R1H'].map((id) => stores.snapshot(id));
  });
  afterAll(async () => {
    await close?.();
    await tenancy?.close();
    await stores?.close();
  });

  const get = (path: string, who: { email: string }) => fetch(baseUrl + path, { headers: { 'X-Dev-User': who.email } });

  it('lists the groups a person may read: the ICB for its viewer, none for a member’s lead', async () => {
    const viewer = (await (await get('/api/groups', ICB_VIEWER)).json()) as GroupsResponse;
    expect(viewer.groups).toEqual([{ id: 'QWE', name: 'Our ICB', kind: 'icb', members: 3 }]);
    const lead = (await (await get('/api/groups', NORTH_LEAD)).json()) as GroupsResponse;
    expect(lead.groups).toEqual([]);
  });

  it('shows its viewer each member’s summary, and a member not served as such, with no title, owner or note', async () => {
    const res = await get('/api/groups/qwe/rollup', ICB_VIEWER);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expectNothingPrivate(text);
    const body = JSON.parse(text) as RollupResponse;
    expect(body.members.map((m) => [m.id, m.served])).toEqual([
      ['RXX', true],
      ['R1H', true],
      ['RZZ', false],
    ]);
    const north = body.members[0] as ServedMember;
    expect(north).toMatchObject({ name: 'North Trust', actions: 2, complete: 1, percentComplete: 50, overdue: 1, stale: 1 });
    expect(north.worsenedWithoutAction).toEqual([3]);
    expect(north.indicators[1]).toMatchObject({ text: '1.50', direction: 'better' });
    expect(north.indicators[2]).toMatchObject({ text: '2.80', direction: 'worse' });
    expect(body.members[1]).toMatchObject({ name: 'South Trust', actions: 0, staleAfterDays: 60 });
  });

  it('exports the same summary as CSV and Excel, still without any title, owner or note', async () => {
    const csv = await get('/api/groups/QWE/rollup?format=csv', ICB_VIEWER);
    expect(csv.headers.get('content-disposition')).toContain('wres-rollup-QWE-2026-03-10.csv');
    const csvText = await csv.text();
    expectNothingPrivate(csvText);
    expect(csvText).toContain('North Trust,RXX,2,50%,1,');
    expect(csvText).toContain('Not on this service,RZZ');

    const xlsx = await get('/api/groups/QWE/rollup?format=xlsx', ICB_VIEWER);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
    expectNothingPrivate(cells.join('\n'));
    expect(cells).toContain('North Trust');
    expect(cells).toContain('2.80 (worse, 2019/20)');
    expect((await get('/api/groups/QWE/rollup?format=pdf', ICB_VIEWER)).status).toBe(400);
  });

  it('names a member whose plan cannot be read just now, and still shows every other member', async () => {
    const south = tenancy.context('R1H')!.store;
    const listActions = south.listActions.bind(south);
    // South's site does not answer, as a SharePoint outage rejects a read.
    south.listActions = () => Promise.reject(new AppError('unavailable', 'SharePoint did not answer.'));
    try {
      const res = await get('/api/groups/QWE/rollup', ICB_VIEWER);
      expect(res.status).toBe(200);
      const body = (await res.json()) as RollupResponse;
      expect(body.members.map((m) => [m.id, m.served])).toEqual([
        ['RXX', true],
        ['R1H', false],
        ['RZZ', false],
      ]);
      expect(body.members[1]).toEqual({ id: 'R1H', name: 'South Trust', served: false, why: 'unreadable' });
      const csv = await (await get('/api/groups/QWE/rollup?format=csv', ICB_VIEWER)).text();
      expect(csv).toContain('North Trust,RXX,2,50%,1,');
      expect(csv).toContain('South Trust,R1H,Could not be read just now');
    } finally {
      south.listActions = listActions;
    }
  });

  it('refuses anyone not on the group’s viewer list, a member’s own lead included, in words', async () => {
    for (const who of [NORTH_LEAD, STRANGER]) {
      for (const path of ['/api/groups/QWE/rollup', '/api/groups/QWE/rollup?format=csv']) {
        const res = await get(path, who);
        expect(res.status).toBe(403);
        const text = await res.text();
        expect(text).toContain('not on the list of people who can see the roll-up for Our ICB');
        expectNothingPrivate(text);
      }
    }
    expect((await get('/api/groups/NOPE/rollup', ICB_VIEWER)).status).toBe(404);
  });

  it('gives a group viewer no way into a member’s plan', async () => {
    for (const path of ['/api/groups/QWE/members/RXX', '/api/groups/QWE/plan', '/api/groups/QWE', '/api/groups/RXX/rollup']) {
      const res = await get(path, ICB_VIEWER);
      expect(res.status, path).toBe(404);
      expectNothingPrivate(await res.text());
    }
    for (const path of ['/api/plan', '/api/summary', '/api/export?format=csv', '/api/indicators']) {
      const res = await get(path, ICB_VIEWER);
      expect(res.status, path).toBe(403);
      expectNothingPrivate(await res.text());
    }
  });

  it('changed nothing of any member by all the reading and refusing above', () => {
    expect(['RXX', 'R1H'].map((id) => stores.snapshot(id))).toEqual(before);
  });
});
