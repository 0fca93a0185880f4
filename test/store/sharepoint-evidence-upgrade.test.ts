import { afterEach, describe, expect, it } from 'vitest';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { startRig, type StoreRig } from '../graph/harness.js';
import { seedPlan } from '../graph/seed-plan.js';
import { makeRecordUpdate } from './fixtures.js';

const ACTIONS = 'WRES Actions';
const UPDATES = 'WRES Progress Updates';
const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const OWNER = { displayName: 'Asha Patel', email: 'asha.patel@example.nhs.uk' };

let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** A site provisioned, and used, by the version before evidence links: neither column, items without them. */
async function siteFromBeforeEvidence(): Promise<{ rig: StoreRig; actionId: string }> {
  const r = await startRig();
  const actionId = seedPlan(r.server, 3, OWNER);
  for (const [name, column] of [
    [ACTIONS, 'LatestLinks'],
    [UPDATES, 'EvidenceLinks'],
  ] as const) {
    const list = r.server.list(name)!;
    list.columns = list.columns.filter((c) => c.name !== column);
    for (const item of list.items.values()) delete item.fields[column];
  }
  return { rig: r, actionId };
}

describe('upgrading a SharePoint site to evidence links', () => {
  it('refuses to start until provisioned; wres provision adds both columns once, to the lists already in use', async () => {
    const old = await siteFromBeforeEvidence();
    rig = old.rig;
    const refusal = await rig.open().then(
      () => '',
      (e: Error) => e.message,
    );
    expect(refusal).toContain('column "LatestLinks" is missing from "WRES Actions"');
    expect(refusal).toContain('column "EvidenceLinks" is missing from "WRES Progress Updates"');

    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({
      changes: ['Added column "LatestLinks" to "WRES Actions"', 'Added column "EvidenceLinks" to "WRES Progress Updates"'],
      problems: [],
    });
    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({ changes: [], problems: [] });
    const column = rig.server.list(UPDATES)!.columns.find((c) => c.name === 'EvidenceLinks')!;
    expect(column.facets.text).toMatchObject({ allowMultipleLines: true });
  });

  it('reads the old items as before and stores links on the new ones', async () => {
    const old = await siteFromBeforeEvidence();
    rig = old.rig;
    await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    const store = await rig.open();
    const action = (await store.getAction(old.actionId))!;
    expect(action.latestUpdate).not.toHaveProperty('links');
    expect((await store.listUpdates(action.id))[0]).not.toHaveProperty('links');

    const result = await store.recordUpdate(makeRecordUpdate(action, { links: [AUDIT], submittedAt: '2026-02-01T10:00:00Z' }));
    expect(result.kind).toBe('recorded');
    const item = [...rig.server.list(UPDATES)!.items.values()].at(-1)!;
    expect(item.fields.EvidenceLinks).toBe(AUDIT);
    expect(rig.server.list(ACTIONS)!.items.get(action.id)!.fields.LatestLinks).toBe(AUDIT);
  });

  it('never offers as a link what someone typed into the column by hand unless it passes the check', async () => {
    rig = await startRig();
    const actionId = seedPlan(rig.server, 1, OWNER);
    const item = [...rig.server.list(UPDATES)!.items.values()][0]!;
    item.fields.EvidenceLinks = ['javascript:alert(document.cookie)', 'http://intranet.example.nhs.uk/x', ` ${AUDIT} `, AUDIT].join('\n');
    rig.server.list(ACTIONS)!.items.get(actionId)!.fields.LatestLinks = 'data:text/html,<script>alert(1)</script>';
    const store = await rig.open();

    expect((await store.listUpdates(actionId))[0]!.links).toEqual([AUDIT]);
    expect((await store.getAction(actionId))!.latestUpdate).not.toHaveProperty('links');
  });
});
