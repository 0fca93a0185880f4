/**
 * Reassignment and carry-over on the SharePoint store, against the local
 * Graph stand-in: `wres provision` upgrades a site provisioned before them
 * (new columns and the "CarriedOver" choice, once), the new owner is found
 * in the directory, faults inside a `$batch` and an outage lose nothing, and
 * a carry-over that stopped part way is finished without copying twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { carriedCopy } from '../../bot/src/domain/carry-over.js';
import type { Action } from '../../bot/src/domain/model.js';
import { GraphUserDirectory } from '../../bot/src/graph/user-directory.js';
import { CarryOverService } from '../../bot/src/service/carry-over.js';
import { PeopleFinder } from '../../bot/src/service/people-finder.js';
import { Reassignments } from '../../bot/src/service/reassignments.js';
import type { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { IMPORTED_AT, makeImportedAction } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

const NOW = '2027-04-06T10:00:00Z';
const LEAD = {
  displayName: 'Lena Hart',
  aadObjectId: '33333333-3333-4333-8333-333333333333',
  email: 'lena.hart@example.nhs.uk',
  isLead: true,
};
const ADELE = {
  id: 'aaaa0000-0000-4000-8000-00000000000a',
  displayName: 'Adele Vance',
  mail: 'adele.vance@example.nhs.uk',
  userPrincipalName: 'adele.vance@example.nhs.uk',
};

let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function seeded(): Promise<{ rig: StoreRig; store: GraphPlanStore }> {
  rig = await startRig();
  rig.server.users.push(ADELE);
  const store = await rig.open({ clock: fixedClock(NOW) });
  await store.importActions(
    [
      makeImportedAction({ ref: '2.3', planYear: '2026/27', dueDate: '2027-03-31', rag: 'Amber' }),
      makeImportedAction({ ref: '2.4', planYear: '2026/27', dueDate: '2028-02-29', rag: 'Red' }),
      makeImportedAction({ ref: '2.5', planYear: '2026/27', status: 'Complete', rag: 'Blue' }),
    ],
    IMPORTED_AT,
  );
  return { rig, store };
}

const byRef = async (store: GraphPlanStore, planYear: string, ref: string): Promise<Action | undefined> =>
  (await store.listActions()).find((a) => a.planYear === planYear && a.ref === ref);

describe('upgrading a site provisioned before reassignment and carry-over', () => {
  it('refuses to start until provisioned; wres provision then adds the columns and the CarriedOver choice once', async () => {
    rig = await startRig();
    for (const name of ['WRES Actions', 'WRES Progress Updates']) {
      const list = rig.server.list(name)!;
      list.columns = list.columns.filter(
        (c) => !['CarriedFromId', 'CarriedFromKey', 'CarriedToId', 'CarriedToKey', 'UpdateEvent'].includes(c.name),
      );
      for (const c of list.columns) {
        const choice = c.facets.choice as { choices?: string[] } | undefined;
        if (choice?.choices) choice.choices = choice.choices.filter((x) => x !== 'CarriedOver');
      }
    }
    const refusal = await rig.open().then(
      () => '',
      (e: Error) => e.message,
    );
    expect(refusal).toContain('column "ActionStatus" in "WRES Actions" lacks the "CarriedOver" choice');
    expect(refusal).toContain('column "UpdateEvent" is missing from "WRES Progress Updates"');

    const first = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(first.problems).toEqual([]);
    expect(first.changes).toEqual([
      'Added the "CarriedOver" choice to column "ActionStatus" in "WRES Actions"',
      'Added column "CarriedFromId" to "WRES Actions"',
      'Added column "CarriedFromKey" to "WRES Actions"',
      'Added column "CarriedToId" to "WRES Actions"',
      'Added column "CarriedToKey" to "WRES Actions"',
      'Added the "CarriedOver" choice to column "StatusFrom" in "WRES Progress Updates"',
      'Added the "CarriedOver" choice to column "StatusTo" in "WRES Progress Updates"',
      'Added column "UpdateEvent" to "WRES Progress Updates"',
    ]);
    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({ changes: [], problems: [] });
    await expect(rig.open()).resolves.toBeTruthy();
  });
});

describe('reassigning on SharePoint', () => {
  function reassignments(store: GraphPlanStore) {
    return new Reassignments({
      store,
      clock: fixedClock(NOW),
      people: new PeopleFinder(store, new GraphUserDirectory(rig!.graph, rig!.logger)),
    });
  }

  it('gives the action to the person the directory names, with their object id, and logs it as a reassignment', async () => {
    const { store } = await seeded();
    const action = (await byRef(store, '2026/27', '2.3'))!;
    // Throttled inside the $batch that moves the action: the step is retried, the change stored once.
    rig!.server.script = [{ where: 'step', status: 429, retryAfter: '1', match: /^PATCH .*#action$/, times: 1 }];
    const outcome = await reassignments(store).reassign(
      LEAD,
      {
        requestId: 'reassign-sp-0001',
        to: { email: 'Adele.Vance@example.nhs.uk' },
        actions: [{ id: action.id, expectedVersion: action.version }],
      },
      'tab',
    );
    expect(rig!.server.script[0]!.times).toBe(0);
    expect(rig!.server.batchedRequests.filter((r) => r.startsWith('PATCH') && r.includes(`/items/${action.id}/fields`))).toHaveLength(2);
    expect(outcome.items).toMatchObject([{ kind: 'recorded' }]);
    const stored = (await byRef(store, '2026/27', '2.3'))!;
    expect(stored.owner).toEqual({ displayName: 'Adele Vance', email: ADELE.mail, aadObjectId: ADELE.id });
    expect(stored.version).toBe(action.version + 1);
    const log = await store.listUpdates(action.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      text: 'Reassigned from Asha Patel to Adele Vance by Lena Hart',
      event: { kind: 'reassigned', from: action.owner, to: { displayName: 'Adele Vance', aadObjectId: ADELE.id } },
    });
  });

  it('refuses an email the directory does not know, and says so when the directory cannot be asked; nothing changes', async () => {
    const { store } = await seeded();
    const action = (await byRef(store, '2026/27', '2.3'))!;
    const req = (email: string) => ({
      requestId: `reassign-sp-${email}`,
      to: { email },
      actions: [{ id: action.id, expectedVersion: action.version }],
    });
    await expect(reassignments(store).reassign(LEAD, req('nobody@example.nhs.uk'), 'tab')).rejects.toMatchObject({
      code: 'bad_input',
      message: 'Nobody with the email nobody@example.nhs.uk is in your organisation’s directory. Check the address.',
    });
    rig!.server.refuseUsers = true;
    await expect(reassignments(store).reassign(LEAD, req('adele.vance@example.nhs.uk'), 'tab')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Nothing was changed'),
    });
    expect((await byRef(store, '2026/27', '2.3'))?.owner?.displayName).toBe('Asha Patel');
    expect(await store.listUpdates(action.id)).toEqual([]);
  });

  it('keeps a reassignment made while SharePoint is down in the outbox and delivers it once', async () => {
    const { store } = await seeded();
    const action = (await byRef(store, '2026/27', '2.3'))!;
    const service = reassignments(store);
    await service.preview(LEAD, 'asha.patel@example.nhs.uk', { email: ADELE.mail }); // the directory answers before the outage
    rig!.server.script = [{ where: 'request', status: 503, retryAfter: '1', match: /\$batch/, times: 50 }];
    const req = { requestId: 'reassign-sp-0002', to: { email: ADELE.mail }, actions: [{ id: action.id, expectedVersion: action.version }] };
    const outcome = await service.reassign(LEAD, req, 'tab');
    expect(outcome.items).toMatchObject([{ kind: 'recorded', pending: true, action: { owner: { displayName: 'Adele Vance' } } }]);
    expect((await store.health()).pendingWrites).toBe(1);

    rig!.server.script = [];
    expect(await store.flushOutbox()).toBe(0);
    expect((await byRef(store, '2026/27', '2.3'))?.owner?.aadObjectId).toBe(ADELE.id);
    expect(await service.reassign(LEAD, req, 'tab')).toMatchObject({ items: [{ kind: 'duplicate' }] });
    expect((await store.listUpdates(action.id)).filter((u) => u.event?.kind === 'reassigned')).toHaveLength(1);
  });
});

describe('carrying over on SharePoint', () => {
  it('copies and marks each open action once, and finishes a run that stopped after making the copies', async () => {
    const { store } = await seeded();
    const original = (await byRef(store, '2026/27', '2.3'))!;
    // A run that died after its import: the copy of 2.3 is there, the original not yet marked.
    await store.importActions([{ action: carriedCopy(original, '2027/28', '2028-03-31'), history: [] }], NOW);

    const service = new CarryOverService(store, fixedClock(NOW));
    expect((await service.preview('2026/27', '2027/28')).items.map((i) => `${i.action.ref}:${i.kind}`)).toEqual(['2.3:finish', '2.4:copy']);
    const result = await service.run({ from: '2026/27', to: '2027/28', by: { name: 'Lena Hart' }, source: 'tab' });
    expect(result.notCarried).toEqual([]);
    expect(result.carried.map((c) => `${c.action.ref}→${c.copy.planYear}·${c.copy.ref} ${c.dueDate}`)).toEqual([
      '2.3→2027/28·2.3 2028-03-31',
      '2.4→2027/28·2.4 2029-02-28',
    ]);
    const actions = await store.listActions();
    expect(actions.filter((a) => a.planYear === '2027/28').map((a) => a.ref)).toEqual(['2.3', '2.4']);
    const copy = (await byRef(store, '2027/28', '2.3'))!;
    expect(await byRef(store, '2026/27', '2.3')).toMatchObject({
      status: 'CarriedOver',
      carriedTo: { id: copy.id, planYear: '2027/28', ref: '2.3' },
    });
    expect(copy.carriedFrom).toEqual({ id: original.id, planYear: '2026/27', ref: '2.3' });
    expect((await store.listUpdates(original.id)).map((u) => u.event?.kind)).toEqual(['carried-over']);

    const again = await service.run({ from: '2026/27', to: '2027/28', by: { name: 'Lena Hart' }, source: 'tab' });
    expect(again.carried).toEqual([]);
    expect(again.plan.left).toEqual({ complete: 1, carriedBefore: 2 });
    expect(await store.listActions()).toHaveLength(actions.length);
  });
});
