import { afterEach, describe, expect, it } from 'vitest';
import { loadListSpecs, loadPlatformListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { makeImportedAction } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const col = (r: StoreRig, list: string, name: string) => r.server.list(list)?.columns.find((c) => c.name === name);

describe('wres provision (provisionLists)', () => {
  it('creates the six lists with indexed and unique key columns, and a second run changes nothing', async () => {
    rig = await startRig({ provision: false });
    const first = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(first.changes).toEqual([
      expect.stringContaining('WRES Actions'),
      expect.stringContaining('WRES Progress Updates'),
      expect.stringContaining('WRES Reminders Sent'),
      expect.stringContaining('WRES Conversations'),
      expect.stringContaining('WRES Indicator Metrics'),
      expect.stringContaining('WRES Bank Holidays'),
    ]);
    expect(col(rig, 'WRES Progress Updates', 'RequestId')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col(rig, 'WRES Reminders Sent', 'LedgerKey')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col(rig, 'WRES Actions', 'ActionKey')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col(rig, 'WRES Actions', 'DueDateKey')).toMatchObject({ indexed: true });
    expect(col(rig, 'WRES Actions', 'ActionStatus')?.facets).toHaveProperty('choice');

    const before = JSON.stringify(rig.server.site.lists.map((l) => l.columns));
    const requestsBefore = rig.server.requests.length;
    const second = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(second).toEqual({ changes: [], problems: [] });
    expect(JSON.stringify(rig.server.site.lists.map((l) => l.columns))).toBe(before);
    expect(rig.server.requests.slice(requestsBefore).every((r) => r.startsWith('GET') || r.endsWith('/$batch'))).toBe(true);
  });

  it('creates the organisation registry on the platform site, unique on ODS codes, and a second run changes nothing', async () => {
    rig = await startRig();
    const first = await provisionLists(rig.graph, rig.server.site.id, loadPlatformListSpecs());
    expect(first).toEqual({
      changes: ['Created list "WRES Organisations" with 8 columns', 'Created list "WRES Oversight Groups" with 5 columns'],
      problems: [],
    });
    expect(col(rig, 'WRES Organisations', 'OrgCode')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col(rig, 'WRES Oversight Groups', 'GroupCode')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(col(rig, 'WRES Oversight Groups', 'GroupKind')?.facets).toMatchObject({ choice: { choices: ['icb', 'region'] } });
    for (const name of ['SiteId', 'SiteUrl', 'Leads', 'Viewers', 'DirectoryValues', 'Settings'])
      expect(col(rig, 'WRES Organisations', name)).toBeDefined();
    expect(await provisionLists(rig.graph, rig.server.site.id, loadPlatformListSpecs())).toEqual({ changes: [], problems: [] });
    // The plan lists stay as they were: the registry is two more lists beside them.
    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({ changes: [], problems: [] });
  });

  it('adds only what an existing site lacks: a missing column and a lost index', async () => {
    rig = await startRig();
    const updates = rig.server.list('WRES Progress Updates')!;
    updates.columns = updates.columns.filter((c) => c.name !== 'UpdateSource');
    Object.assign(col(rig, 'WRES Actions', 'DueDateKey')!, { indexed: false });

    const report = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(report.changes).toEqual([
      'Indexed column "DueDateKey" in "WRES Actions"',
      'Added column "UpdateSource" to "WRES Progress Updates"',
    ]);
    expect(col(rig, 'WRES Actions', 'DueDateKey')?.indexed).toBe(true);
  });

  it('upgrades a site provisioned before bank holidays: adds just that list, and the store then starts with the plan intact', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction({ ref: '1.1' })], '2026-03-01T09:00:00Z');
    await store.close();
    rig.server.site.lists = rig.server.site.lists.filter((l) => l.displayName !== 'WRES Bank Holidays');
    await expect(rig.open()).rejects.toThrow('list "WRES Bank Holidays" is missing');

    const report = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(report).toEqual({ changes: ['Created list "WRES Bank Holidays" with 5 columns'], problems: [] });
    expect(col(rig, 'WRES Bank Holidays', 'HolidayKey')).toMatchObject({ indexed: true, enforceUniqueValues: true });
    const upgraded = await rig.open();
    expect((await upgraded.listActions()).map((a) => a.ref)).toEqual(['1.1']);
    expect(await upgraded.listBankHolidays()).toEqual([]);
    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({ changes: [], problems: [] });
  });

  it('reports a column of the wrong type for a person to fix instead of guessing', async () => {
    rig = await startRig();
    Object.assign(col(rig, 'WRES Actions', 'RowVersion')!, { facets: { text: { allowMultipleLines: false } } });
    const report = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(report.changes).toEqual([]);
    expect(report.problems).toEqual([expect.stringContaining('column "RowVersion" in "WRES Actions" is text, not number')]);
  });
});

describe('SharePoint store start-up', () => {
  it('says exactly what is missing and to run wres provision', async () => {
    rig = await startRig();
    const site = rig.server.site;
    site.lists = site.lists.filter((l) => l.displayName !== 'WRES Reminders Sent');
    Object.assign(col(rig, 'WRES Progress Updates', 'RequestId')!, { enforceUniqueValues: false });

    const failure = rig.open();
    await expect(failure).rejects.toMatchObject({ code: 'config' });
    const message = await failure.then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toContain('list "WRES Reminders Sent" is missing');
    expect(message).toContain('column "RequestId" in "WRES Progress Updates" must be indexed and enforce unique values');
    expect(message).toContain('wres provision');
  });

  it('starts against a provisioned site found by URL', async () => {
    rig = await startRig();
    const store = await rig.open();
    expect(await store.health()).toEqual({ kind: 'sharepoint', actions: 0, updates: 0, pendingWrites: 0, failedWrites: 0 });
  });
});
