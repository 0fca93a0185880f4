import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { IMPORTED_AT, makeImportedAction, makeImportedPlan, makeRecordUpdate } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const itemReads = (r: StoreRig, list: string) => {
  const id = r.server.list(list)!.id;
  return r.server.requests.filter((q) => q === `GET /v1.0/sites/${encodeURIComponent(r.server.site.id)}/lists/${id}/items`).length;
};

describe('GraphPlanStore against the local Graph server', () => {
  it('reads a plan that spans several pages by following nextLink', async () => {
    rig = await startRig({ maxPageSize: 7 });
    const store = await rig.open();
    await store.importActions(makeImportedPlan(20), IMPORTED_AT);
    const before = itemReads(rig, 'WRES Actions');
    const actions = await store.listActions();
    expect(actions.map((a) => a.ref)).toEqual(Array.from({ length: 20 }, (_, i) => `1.${i + 1}`));
    expect(itemReads(rig, 'WRES Actions') - before).toBe(3);
  });

  it('saves a card submission in exactly one HTTP request once the action has been read', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const [action] = await store.listActions();
    const service = new PlanService(store, fixedClock('2026-01-06T10:30:00Z'));
    const actor = { displayName: 'Asha Patel', aadObjectId: action!.owner!.aadObjectId!, isLead: false };

    const before = rig.server.requests.length;
    const outcome = await service.submitUpdate(
      actor,
      { actionId: action!.id, requestId: 'card-0001-abc', expectedVersion: action!.version, text: 'Panels held.', rag: 'Green' },
      'teams',
    );
    expect(outcome.kind).toBe('recorded');
    expect(rig.server.requests.slice(before)).toEqual(['POST /v1.0/$batch']);
    expect(await store.listUpdates(action!.id)).toMatchObject([{ text: 'Panels held.', requestId: 'card-0001-abc' }]);
  });

  it('refuses a stale submission from a second instance (412 from SharePoint) and reports the current action', async () => {
    rig = await startRig();
    const one = await rig.open();
    const two = await rig.open();
    await one.importActions([makeImportedAction()], IMPORTED_AT);
    const seen = (await two.listActions())[0]!;
    const won = await one.recordUpdate(makeRecordUpdate(seen, { text: 'First' }));
    if (won.kind !== 'recorded') throw new Error('not recorded');

    const lost = await two.recordUpdate(makeRecordUpdate(seen, { text: 'Second', rag: 'Red' }));
    expect(lost).toEqual({ kind: 'conflict', action: won.action });
    expect(rig.server.batchedRequests.filter((r) => r.startsWith('PATCH'))).toHaveLength(2);
    expect((await one.listUpdates(seen.id)).map((u) => u.text)).toEqual(['First']);
  });

  it('takes an edit made in SharePoint itself in its stride: the eTag changes, the version does not, the update is saved', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    const item = rig.server.list('WRES Actions')!.items.get(action.id)!;
    item.fields.Measure = 'Edited in SharePoint';
    item.version++;

    const result = await store.recordUpdate(makeRecordUpdate(action));
    expect(result.kind).toBe('recorded');
    expect(result.action).toMatchObject({ measure: 'Edited in SharePoint', version: action.version + 1 });
  });

  it('answers a retry sent to another instance as a duplicate (unique RequestId), storing it once', async () => {
    rig = await startRig();
    const one = await rig.open();
    const two = await rig.open();
    await one.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await two.listActions())[0]!;
    const cmd = makeRecordUpdate(action, { requestId: 'card-retry-0001' });
    const first = await one.recordUpdate(cmd);
    const retry = await two.recordUpdate(cmd);
    expect(retry.kind).toBe('duplicate');
    if (first.kind !== 'recorded' || retry.kind !== 'duplicate') return;
    expect(retry.update).toEqual(first.update);
    expect(rig.server.list('WRES Progress Updates')!.items.size).toBe(1);
  });

  it('keeps UK due dates on the right day all year in the date column, with the text key as the truth', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions(
      [
        makeImportedAction({ ref: '1.1', dueDate: '2020-07-01' }),
        makeImportedAction({ ref: '1.2', dueDate: '2020-01-15' }),
        makeImportedAction({ ref: '1.3', dueDate: '2020-03-29' }),
      ],
      IMPORTED_AT,
    );
    const items = [...rig.server.list('WRES Actions')!.items.values()];
    for (const i of items) {
      const londonDay = DateTime.fromISO(String(i.fields.DueOn), { zone: 'utc' }).setZone('Europe/London').toISODate();
      expect(londonDay).toBe(i.fields.DueDateKey);
    }
    expect((await store.listActions()).map((a) => a.dueDate)).toEqual(['2020-07-01', '2020-01-15', '2020-03-29']);
  });

  it('keeps an update made while SharePoint is down in the outbox, says so, and delivers it once later', async () => {
    rig = await startRig({ maxRetries: 1 });
    const store = await rig.open();
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    expect((await store.health()).updates).toBe(0);
    rig.server.faults = { rate: 1, kinds: ['503'], retryAfterSeconds: 0.01, holdMs: 0, seed: 7 };

    const seen = await store.getAction(action.id);
    expect(seen).toEqual(action);
    const result = await store.recordUpdate(makeRecordUpdate(action, { text: 'Written during the outage' }));
    expect(result).toMatchObject({ kind: 'recorded', pending: true, action: { version: action.version + 1, rag: 'Green' } });
    expect((await store.getAction(action.id))?.version).toBe(action.version + 1);
    expect((await store.health()).pendingWrites).toBe(1);
    expect(await store.flushOutbox()).toBe(1);

    rig.server.faults = null;
    expect(await store.flushOutbox()).toBe(0);
    expect((await store.health()).pendingWrites).toBe(0);
    expect((await store.listUpdates(action.id)).map((u) => u.text)).toEqual(['Written during the outage']);
    expect(await store.getAction(action.id)).toMatchObject({
      version: action.version + 1,
      latestUpdate: { text: 'Written during the outage' },
    });
  });
});
