import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, type Timer } from '../../bot/src/domain/clock.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { updateItemFields } from '../../bot/src/store/sharepoint/item-fields.js';
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

/** A timer whose waits are listed and end only when the test says so (or their signal aborts). */
class ManualTimer implements Timer {
  readonly waits: { ms: number; aborted: boolean; end: () => void }[] = [];
  now(): number {
    return Date.parse('2026-01-06T12:00:00Z');
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wait = { ms, aborted: false, end: () => resolve() };
      signal?.addEventListener('abort', () => {
        wait.aborted = true;
        resolve();
      });
      this.waits.push(wait);
    });
  }
  /** Ends the latest wait. */
  wake(): void {
    this.waits.at(-1)!.end();
  }
}

/** The texts of every stored progress update. */
const valuesOf = (r: StoreRig, field: string) =>
  [...r.server.list('WRES Progress Updates')!.items.values()].map((i) => String(i.fields[field]));

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

  it('puts an action back as it was when its write turns out to reuse a stored request id (SharePoint’s unique RequestId)', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], IMPORTED_AT);
    const [a, c] = await store.listActions();
    const before = { ...rig.server.list('WRES Actions')!.items.get(c!.id)!.fields };
    await store.recordUpdate(makeRecordUpdate(a!, { requestId: 'reused-sp-0001', text: 'On A' }));

    // C is at the version the submission expects, so the write goes out and SharePoint's unique column refuses the update item.
    const reused = await store.recordUpdate(makeRecordUpdate(c!, { requestId: 'reused-sp-0001', text: 'On C', rag: 'Red' }));

    expect(reused).toMatchObject({ kind: 'refused', action: c });
    const after = rig.server.list('WRES Actions')!.items.get(c!.id)!.fields;
    const state = (f: Record<string, unknown>) =>
      ['RowVersion', 'Rag', 'ActionStatus', 'LatestText', 'LastRequestId'].map((k) => f[k] ?? null);
    expect(state(after)).toEqual(state(before));
    const fresh = await rig.open({ cacheSeconds: 0 });
    expect(await fresh.getAction(c!.id)).toEqual(c);
    expect(valuesOf(rig, 'UpdateText')).toEqual(['On A']);
  });

  it('refuses a request id already queued in the outbox for a different update, and answers the same one as a duplicate', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], IMPORTED_AT);
    const [a, c] = await store.listActions();
    rig.server.faults = { rate: 1, kinds: ['503'], where: ['request'], retryAfterSeconds: 1, holdMs: 0, seed: 5 };
    const cmd = makeRecordUpdate(a!, { requestId: 'queued-0001', text: 'Written offline' });
    expect(await store.recordUpdate(cmd)).toMatchObject({ kind: 'recorded', pending: true });

    expect(await store.recordUpdate(cmd)).toMatchObject({ kind: 'duplicate', pending: true, update: { text: 'Written offline' } });
    const reused = await store.recordUpdate(makeRecordUpdate(c!, { requestId: 'queued-0001', text: 'Other action' }));
    expect(reused).toMatchObject({ kind: 'refused', action: c });

    rig.server.faults = null;
    expect(await store.flushOutbox()).toBe(0);
    expect(valuesOf(rig, 'UpdateText')).toEqual(['Written offline']);
    expect((await store.getAction(c!.id))?.version).toBe(c!.version);
  });

  it('sets aside, loudly, a queued update whose request id SharePoint already holds for another update', async () => {
    rig = await startRig();
    const store = await rig.open();
    await store.importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], IMPORTED_AT);
    const [a, c] = await store.listActions();
    rig.server.faults = { rate: 1, kinds: ['503'], where: ['request'], retryAfterSeconds: 1, holdMs: 0, seed: 5 };
    expect(await store.recordUpdate(makeRecordUpdate(c!, { requestId: 'clash-0001', text: 'Queued on C' }))).toMatchObject({
      pending: true,
    });
    rig.server.faults = null;
    // Meanwhile another instance, with its own outbox, stored an update on A under the same request id.
    const elsewhere = makeRecordUpdate(a!, { requestId: 'clash-0001', text: 'Stored on A' });
    const updates = `/sites/${encodeURIComponent(rig.server.site.id)}/lists/${rig.server.list('WRES Progress Updates')!.id}/items`;
    await rig.graph.post(updates, { fields: updateItemFields(elsewhere.update) }, 'storing an update elsewhere');

    expect(await store.flushOutbox()).toBe(0);
    expect(valuesOf(rig, 'UpdateText')).toEqual(['Stored on A']);
    expect(rig.server.list('WRES Actions')!.items.get(c!.id)!.fields.RowVersion).toBe(c!.version);
    expect(rig.logger.lines.some((e) => e.level === 'error' && e.message.includes('set aside'))).toBe(true);
  });

  it('flushes the outbox in the background after the shared back-off, on the injected timer, and stops waiting on close', async () => {
    rig = await startRig();
    const timer = new ManualTimer();
    const store = await rig.open({ timer, pacing: { autoFlush: true, minBackoffMs: 1000, maxBackoffMs: 4000 } });
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    expect(await store.health()).toMatchObject({ actions: 1, pendingWrites: 0 });
    rig.server.faults = { rate: 1, kinds: ['503'], where: ['request'], retryAfterSeconds: 1, holdMs: 0, seed: 5 };
    await store.recordUpdate(makeRecordUpdate(action, { text: 'Kept while down' }));
    await vi.waitFor(() => expect(timer.waits).toHaveLength(1));
    expect(timer.waits[0]!.ms).toBeGreaterThanOrEqual(500);
    expect(timer.waits[0]!.ms).toBeLessThanOrEqual(1000);

    timer.wake();
    await vi.waitFor(() => expect(timer.waits).toHaveLength(2));
    expect(timer.waits[1]!.ms).toBeGreaterThanOrEqual(1000);
    expect(timer.waits[1]!.ms).toBeLessThanOrEqual(2000);
    expect((await store.health()).pendingWrites).toBe(1);

    rig.server.faults = null;
    timer.wake();
    await vi.waitFor(async () => expect((await store.health()).pendingWrites).toBe(0));
    expect(valuesOf(rig, 'UpdateText')).toEqual(['Kept while down']);
    expect(timer.waits).toHaveLength(2);

    rig.server.faults = { rate: 1, kinds: ['503'], where: ['request'], retryAfterSeconds: 1, holdMs: 0, seed: 5 };
    await store.recordUpdate(makeRecordUpdate((await store.getAction(action.id))!, { text: 'Second outage' }));
    await vi.waitFor(() => expect(timer.waits).toHaveLength(3));
    await store.close();
    expect(timer.waits[2]!.aborted).toBe(true);
  });

  it('keeps list counts off the request path: counted once, moved by its own writes, recounted in the background when old', async () => {
    rig = await startRig();
    const clock = fixedClock('2026-01-06T10:00:00Z');
    const store = await rig.open({ clock });
    await store.importActions(makeImportedPlan(3), IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    const counts = () => itemReads(rig!, 'WRES Progress Updates');
    expect(await store.health()).toMatchObject({ actions: 3, updates: 3 });
    const counted = counts();

    await store.recordUpdate(makeRecordUpdate(action));
    expect(await store.health()).toMatchObject({ actions: 3, updates: 4 });
    expect(counts()).toBe(counted);

    clock.set('2026-01-06T10:02:00Z');
    expect(await store.health()).toMatchObject({ updates: 4 });
    await vi.waitFor(() => expect(counts()).toBe(counted + 1));
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
