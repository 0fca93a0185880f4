/**
 * The store-level isolation contract: two organisations' stores on one
 * backing store (one SQLite file, one Graph stand-in) never show or touch
 * each other's data. Run it against any adapter with
 * `describeOrganisationIsolation(name, openRig)`; `openRig` gives a fresh,
 * empty backing store and `storeFor(orgId)` an initialised store bound to
 * that organisation on it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import {
  IMPORTED_AT,
  makeConversation,
  makeImportedAction,
  makeImportedPlan,
  makeMetric,
  makeRecordUpdate,
  makeReminder,
} from '../store/fixtures.js';

/** A fresh backing store and a way to open one organisation's store on it. */
export interface IsolationRig {
  storeFor(orgId: string): Promise<PlanStore>;
  close(): Promise<void>;
}

const A = 'RXX';
const B = 'R1H';

/** Finds action `ref` in `store`'s plan. */
async function action(store: PlanStore, ref: string): Promise<Action> {
  const found = (await store.listActions()).find((x) => x.ref === ref);
  if (!found) throw new Error(`No action ${ref}`);
  return found;
}

/**
 * `conversations`: `shared` where one store holds every organisation's Teams
 * conversations (SQLite: a person's chat with the bot is one), `per-organisation`
 * where each organisation's store keeps its own (SharePoint: a list on each site).
 */
export function describeOrganisationIsolation(
  name: string,
  openRig: () => Promise<IsolationRig>,
  options: { conversations: 'shared' | 'per-organisation' } = { conversations: 'shared' },
): void {
  describe(`organisation isolation: ${name}`, () => {
    let rig: IsolationRig;
    let a: PlanStore;
    let b: PlanStore;
    beforeEach(async () => {
      rig = await openRig();
      a = await rig.storeFor(A);
      b = await rig.storeFor(B);
    });
    afterEach(async () => {
      await rig.close();
    });

    it('keeps two organisations’ identical plans apart: each imports its own, lists and counts only its own', async () => {
      const plan = makeImportedPlan(3);
      expect((await a.importActions(plan, IMPORTED_AT)).created).toBe(3);
      // The same (plan year, ref) keys and history in B are new there, not "unchanged" against A's.
      const intoB = await b.importActions([...plan, makeImportedAction({ ref: '9.1', title: 'Only in B' })], IMPORTED_AT);
      expect(intoB).toMatchObject({ created: 4, progressAdded: 3 });
      const [listA, listB] = [await a.listActions(), await b.listActions()];
      expect(listA.map((x) => x.ref)).toEqual(['1.1', '1.2', '1.3']);
      expect(listB.map((x) => x.ref)).toEqual(['1.1', '1.2', '1.3', '9.1']);
      expect(listA.some((x) => listB.some((y) => y.id === x.id))).toBe(false);
      expect(await a.health()).toMatchObject({ actions: 3, updates: 3 });
      expect(await b.health()).toMatchObject({ actions: 4, updates: 3 });
      expect((await a.previewImport(plan, IMPORTED_AT)).summary).toMatchObject({ created: 0, unchanged: 3 });
    });

    it('an id of another organisation is not found: A answers "not found" for B’s id, and neither A’s nor B’s action changes', async () => {
      await a.importActions(makeImportedPlan(1), IMPORTED_AT);
      await b.importActions(makeImportedPlan(1), IMPORTED_AT);
      const theirs = await action(b, '1.1');
      // A's own 1.1 (on SharePoint, the same item number on A's site): B's id must never resolve to it.
      const ours = await action(a, '1.1');
      expect(await a.getAction(theirs.id)).toBeNull();
      expect(await a.listUpdates(theirs.id)).toEqual([]);
      await expect(a.recordUpdate(makeRecordUpdate(theirs, { text: 'Written from A' }))).rejects.toMatchObject({ code: 'not_found' });
      expect(await b.getAction(theirs.id)).toMatchObject({ version: theirs.version, rag: theirs.rag });
      expect((await b.listUpdates(theirs.id)).map((u) => u.text)).toEqual(['Progress on action 1']);
      expect(await a.getAction(ours.id)).toMatchObject({ version: ours.version, rag: ours.rag });
      expect((await a.listUpdates(ours.id)).map((u) => u.text)).toEqual(['Progress on action 1']);
      expect(await a.listReminders(theirs.id)).toEqual([]);
    });

    it('keeps updates apart: the same request id in each is two submissions, and "since" lists only its own', async () => {
      await a.importActions(makeImportedPlan(1), IMPORTED_AT);
      await b.importActions(makeImportedPlan(1), IMPORTED_AT);
      const ours = await action(a, '1.1');
      const theirs = await action(b, '1.1');
      const since = '2026-01-06T00:00:00Z';
      const inA = await a.recordUpdate(makeRecordUpdate(ours, { requestId: 'same-key-0001', text: 'A’s note' }));
      const inB = await b.recordUpdate(makeRecordUpdate(theirs, { requestId: 'same-key-0001', text: 'B’s note' }));
      expect([inA.kind, inB.kind]).toEqual(['recorded', 'recorded']);
      expect((await a.listUpdatesSince(since)).map((u) => u.text)).toEqual(['A’s note']);
      expect((await b.listUpdatesSince(since)).map((u) => u.text)).toEqual(['B’s note']);
      expect((await a.listUpdates(ours.id)).map((u) => u.text)).toEqual(['Progress on action 1', 'A’s note']);
    });

    it('keeps reminder ledgers apart: the same key is claimed once in each; A cannot mark or see B’s', async () => {
      await a.importActions(makeImportedPlan(1), IMPORTED_AT);
      await b.importActions(makeImportedPlan(1), IMPORTED_AT);
      const theirs = await action(b, '1.1');
      // Digest entries use keys that are not actions: the same key in two organisations is two entries.
      const digest = makeReminder('digest:2026-11-30', { stage: 'digest', dueDate: '2026-11-30' });
      expect(await a.claimReminder(digest)).toBe('claimed');
      expect(await b.claimReminder(digest)).toBe('claimed');
      await a.markReminderSent(digest, '2026-03-24T08:01:00Z');
      expect(await b.listReminders('digest:2026-11-30')).toMatchObject([{ state: 'pending' }]);
      expect(await b.claimReminder(makeReminder(theirs.id))).toBe('claimed');
      await expect(a.markReminderSent(makeReminder(theirs.id), '2026-03-24T08:01:00Z')).rejects.toMatchObject({ code: 'not_found' });
      // Whether A's store answers "not found" or nothing, B's entry must stay as it was.
      await a.markReminderFailed(makeReminder(theirs.id), { reason: 'from A', at: '2026-03-24T08:02:00Z' }).catch(() => undefined);
      expect(await b.listReminders(theirs.id)).toMatchObject([{ state: 'pending', attempts: 1 }]);
      expect((await a.listReminders()).map((r) => r.actionId)).toEqual(['digest:2026-11-30']);
    });

    it('keeps indicator figures apart: the same (year, measure) in each holds its own value', async () => {
      await a.saveMetrics([makeMetric({ value: 120 })]);
      await b.saveMetrics([makeMetric({ value: 45 }), makeMetric({ measure: 'appointed.bme', value: 9 })]);
      expect((await a.listMetrics()).map((m) => [m.measure, m.value])).toEqual([['shortlisted.bme', 120]]);
      expect((await b.listMetrics()).map((m) => [m.measure, m.value])).toEqual([
        ['appointed.bme', 9],
        ['shortlisted.bme', 45],
      ]);
    });

    it('links an owner’s Entra account only in the organisation whose plan is being read', async () => {
      const owner = { displayName: 'Sam Shared', email: 'sam.shared@nhs.net' };
      await a.importActions([makeImportedAction({ owner })], IMPORTED_AT);
      await b.importActions([makeImportedAction({ owner })], IMPORTED_AT);
      expect(await a.linkOwnerObjectId('SAM.SHARED@nhs.net', '22222222-2222-4222-8222-222222222222')).toBe(1);
      expect((await action(a, '1.1')).owner?.aadObjectId).toBe('22222222-2222-4222-8222-222222222222');
      expect((await action(b, '1.1')).owner?.aadObjectId).toBeUndefined();
    });

    if (options.conversations === 'shared')
      it('shares Teams conversations: a person’s chat with the bot is one whatever the organisation', async () => {
        await a.saveConversation(makeConversation());
        expect(await b.getConversation(makeConversation().aadObjectId)).toMatchObject({ displayName: 'Asha Patel' });
      });
    else
      it('keeps Teams conversations on each organisation’s own site', async () => {
        await a.saveConversation(makeConversation());
        expect(await b.getConversation(makeConversation().aadObjectId)).toBeNull();
        expect(await a.getConversation(makeConversation().aadObjectId)).toMatchObject({ displayName: 'Asha Patel' });
      });
  });
}
