/**
 * `wres --org CODE` keeps to that organisation on SQLite and on SharePoint
 * (a site each on the local Graph stand-in): its export (CSV, Excel board
 * paper, JSON), status and figures show only its plan; its plan and figure
 * imports, carry-over and digest change and reach only it. The other
 * organisation's data is checked at the store itself after every command.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { ASHA, BEN, LEAD, conversationFor } from '../reminders/harness.js';
import { makeImportedAction } from '../store/fixtures.js';
import { runCli } from '../cli/run-cli.js';
import { openOrgStores, STORE_KINDS, type OrgStores } from './org-stores.js';

const NORTH: Organisation = { id: 'RXX', name: 'North Trust', leads: [LEAD.email!], viewers: [], settings: {} };
const SOUTH: Organisation = { id: 'R1H', name: 'South Trust', leads: [BEN.email!], viewers: [], settings: {} };
const NOW = '2026-03-30T09:00:00Z';

/** Each organisation's plan: an overdue action (for the digest) and one due later, titled with the organisation. */
function planOf(prefix: 'NORTH' | 'SOUTH') {
  return [
    makeImportedAction({ ref: '1.1', planYear: '2025/26', title: `${prefix} panel audit`, owner: ASHA, dueDate: '2026-03-02' }),
    makeImportedAction({ ref: '1.2', planYear: '2025/26', title: `${prefix} reverse mentoring`, owner: BEN, dueDate: '2026-03-31' }),
  ];
}

describe.each(STORE_KINDS)('wres --org on %s', (kind) => {
  let stores: OrgStores;
  let connector: FakeBotConnector;
  const tmp = tempDir('wres-cli-orgs-');
  const wres = (...argv: string[]) => runCli(argv, stores.env, NOW);
  /** North's and South's data as the store holds it. */
  const snapshots = () => JSON.stringify([stores.snapshot('RXX'), stores.snapshot('R1H')]);

  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    stores = await openOrgStores(kind, [NORTH, SOUTH], { env: { PUBLIC_URL: 'https://wres.example.nhs.uk', SCHEDULER: 'false' } });
    for (const org of await stores.registry.listOrganisations()) {
      const store = stores.storeFor(org);
      await store.init();
      await store.importActions(planOf(org.id === 'RXX' ? 'NORTH' : 'SOUTH'), '2026-03-01T09:00:00Z');
      for (const lead of [LEAD, BEN]) await store.saveConversation(conversationFor(lead, connector.url));
      await store.close();
    }
  });
  afterAll(async () => {
    await connector?.stop();
    await stores?.close();
    tmp.remove();
  });

  it('refuses a plan command without --org, or with an unknown code, and changes nothing in either organisation', async () => {
    const plan = tmp.path('plan.csv');
    writeFileSync(plan, ['WRES action plan 2026-27', 'Ref,Action,Due by,Lead', '1,Sneaked in,31/3/2027,HR'].join('\n'));
    const before = snapshots();
    for (const argv of [['import', plan], ['--org', 'RZZ', 'import', plan], ['digest'], ['export']]) {
      const run = await wres(...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/say which one with --org CODE|--org RZZ: there is no such organisation/);
    }
    expect(snapshots()).toEqual(before);
    expect(connector.sentActivities()).toEqual([]);
  });

  it('exports, counts and shows only the chosen organisation’s plan, and reading changes nothing', async () => {
    const before = snapshots();
    const csv = await wres('--org', 'RXX', 'export', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('NORTH panel audit');
    expect(csv.stdout).not.toContain('SOUTH');
    const json = await wres('--org', 'r1h', 'export', '--format', 'json');
    expect(json.stdout).toContain('SOUTH reverse mentoring');
    expect(json.stdout).not.toContain('NORTH');
    const out = tmp.path('south.xlsx');
    expect((await wres('--org', 'R1H', 'export', '--out', out)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells = JSON.stringify(workbook.worksheets.map((ws) => ws.getSheetValues()));
    expect(cells).toContain('SOUTH panel audit');
    expect(cells).not.toContain('NORTH');
    const status = await wres('--org', 'R1H', 'status', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ organisation: { id: 'R1H', name: 'South Trust' }, actions: 2 });
    expect(snapshots()).toEqual(before);
  });

  it('sends the chosen organisation’s digest to its own lead only, naming it, and claims it in its own ledger', async () => {
    const south = JSON.stringify(stores.snapshot('R1H'));
    const run = await wres('--org', 'RXX', 'digest', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { sent: { who: string }[] }).sent.map((s) => s.who)).toEqual([LEAD.displayName]);
    const chatOf = (p: typeof LEAD) => (conversationFor(p).reference.conversation as { id: string }).id;
    const dee = JSON.stringify(connector.sentActivities(chatOf(LEAD)));
    expect(dee).toContain('North Trust (RXX)');
    expect(dee).toContain('NORTH panel audit');
    expect(dee).not.toMatch(/SOUTH|South Trust/);
    expect(connector.sentActivities(chatOf(BEN))).toEqual([]);
    expect(JSON.stringify(stores.snapshot('R1H'))).toEqual(south);
    // South's own run reaches South's lead with South's plan.
    expect((await wres('--org', 'R1H', 'digest')).code).toBe(0);
    const ben = JSON.stringify(connector.sentActivities(chatOf(BEN)));
    expect(ben).toContain('South Trust (R1H)');
    expect(ben).not.toMatch(/NORTH|North Trust/);
  });

  it('imports a plan and figures, and carries over, in the chosen organisation only', async () => {
    const plan = tmp.path('north-plan.csv');
    writeFileSync(plan, ['WRES action plan 2026-27', 'Ref,Action,Due by,Lead', '1,North import,31/3/2027,HR'].join('\n'));
    const figures = tmp.path('north-figures.csv');
    writeFileSync(figures, ['Measure,2023/24,2024/25', 'indicator 3,1.78,2.05'].join('\n'));
    const south = JSON.stringify(stores.snapshot('R1H'));
    const north = JSON.stringify(stores.snapshot('RXX'));
    expect((await wres('--org', 'RXX', 'import', plan)).code).toBe(0);
    expect((await wres('--org', 'RXX', 'figures', 'import', figures)).code).toBe(0);
    const carried = await wres('--org', 'RXX', 'carry-over', '2025/26', '2026/27');
    expect(carried.code, carried.stderr).toBe(0);
    const northAfter = JSON.stringify(stores.snapshot('RXX'));
    expect(north).not.toContain('North import');
    expect(northAfter).toContain('North import');
    expect(northAfter).toContain('1.78');
    expect(JSON.stringify(stores.snapshot('R1H'))).toEqual(south);
    // What North imported is North's to show, not South's.
    expect((await wres('--org', 'R1H', 'figures', 'show')).stdout).not.toContain('1.78');
    expect((await wres('--org', 'R1H', 'export')).stdout).not.toContain('North import');
  });
});
