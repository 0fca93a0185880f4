// Evidence links on the SharePoint store's write path: through the outbox while SharePoint is
// down (and across a restart), and through a $batch whose create step alone is throttled.
import { afterEach, describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeImportedAction, makeRecordUpdate } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/wres-paper.pdf';

let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const storedLinks = (r: StoreRig) => [...r.server.list('WRES Progress Updates')!.items.values()].map((i) => i.fields.EvidenceLinks);

describe('evidence links on the SharePoint write path', () => {
  it('keeps the links of an update made while SharePoint is down, across a restart, and delivers them once', async () => {
    rig = await startRig({ maxRetries: 1 });
    const first = await rig.open();
    await first.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await first.listActions())[0]!;
    rig.server.faults = { rate: 1, kinds: ['503'], retryAfterSeconds: 0.01, holdMs: 0, seed: 7 };

    const result = await first.recordUpdate(makeRecordUpdate(action, { text: 'Audit done', links: [AUDIT, PAPER] }));
    expect(result).toMatchObject({ kind: 'recorded', pending: true, update: { links: [AUDIT, PAPER] } });
    expect((await first.getAction(action.id))?.latestUpdate?.links).toEqual([AUDIT, PAPER]);
    await first.close();

    rig.server.faults = null;
    const second = await rig.open();
    expect(await second.flushOutbox()).toBe(0);
    expect(storedLinks(rig)).toEqual([`${AUDIT}\n${PAPER}`]);
    expect((await second.listUpdates(action.id)).map((u) => u.links)).toEqual([[AUDIT, PAPER]]);
    expect((await second.getAction(action.id))?.latestUpdate).toMatchObject({ text: 'Audit done', links: [AUDIT, PAPER] });
  });

  it('stores the links once when only the create step inside the $batch is throttled', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    rig.server.script = [{ where: 'step', status: 429, retryAfter: '1', match: /^POST .*#update$/, times: 1 }];

    const result = await store.recordUpdate(makeRecordUpdate(action, { links: [PAPER] }));
    expect(result).toMatchObject({ kind: 'recorded', update: { links: [PAPER] } });
    expect(result).not.toHaveProperty('pending', true);
    const updatesList = rig.server.list('WRES Progress Updates')!.id;
    // The throttled create was sent again (after its Retry-After), and SharePoint holds it once.
    expect(rig.server.script[0]!.times).toBe(0);
    expect(rig.server.batchedRequests.filter((r) => r.startsWith('POST') && r.includes(updatesList))).toHaveLength(2);
    expect(storedLinks(rig)).toEqual([PAPER]);
    expect((await store.getAction(action.id))?.latestUpdate?.links).toEqual([PAPER]);
  });
});
