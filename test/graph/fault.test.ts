// The SharePoint store under injected Graph faults: one call in five throttled (429/503 with
// Retry-After) on whole HTTP requests AND on single steps inside $batch requests that themselves
// answer 200, for provisioning, import, card submissions and the outbox. Nothing may be lost and
// nothing stored twice. Retries wait on a timer that moves at once, so no test sleeps for them.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action } from '../../bot/src/domain/model.js';
import { AppError } from '../../bot/src/errors.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import type { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { checkSchema } from '../../bot/src/store/sharepoint/list-schema.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import type { RecordUpdateResult } from '../../bot/src/store/plan-store.js';
import { IMPORTED_AT, makeImportedAction, makeImportedPlan, makeImportedProgress, makeRecordUpdate } from '../store/fixtures.js';
import type { FaultOptions, GraphServer } from './graph-server.js';
import { clientFor, startRig, type StoreRig } from './harness.js';

/** 20% throttling on whole requests and inside batches. */
const THROTTLING: FaultOptions = { rate: 0.2, kinds: ['429', '503'], retryAfterSeconds: 1, holdMs: 0, seed: 20261123 };

/** Items of a list by a field, to find anything missing or stored twice. */
function valuesOf(server: GraphServer, list: string, field: string): string[] {
  return [...server.list(list)!.items.values()].map((i) => String(i.fields[field]));
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

async function withRig(fn: (rig: StoreRig) => Promise<void>, opts: Parameters<typeof startRig>[0] = {}): Promise<void> {
  const rig = await startRig(opts);
  try {
    await fn(rig);
  } finally {
    await rig.close();
  }
}

describe('SharePoint under 20% throttling, on requests and inside $batch steps', () => {
  it('provisions every list and column once, in one run', async () => {
    await withRig(
      async (rig) => {
        rig.server.faults = { ...THROTTLING, seed: 11 };
        const specs = loadListSpecs();
        const first = await provisionLists(rig.graph, rig.server.site.id, specs);
        const again = await provisionLists(rig.graph, rig.server.site.id, specs);
        expect(rig.server.faultedRequests).toBeGreaterThan(0);
        expect(rig.server.faultedSteps).toBeGreaterThan(0);
        rig.server.faults = null;

        expect(first.problems).toEqual([]);
        expect(again).toEqual({ changes: [], problems: [] });
        expect(duplicates(rig.server.site.lists.map((l) => l.displayName))).toEqual([]);
        expect((await checkSchema(rig.graph, rig.server.site.id, specs)).gaps).toEqual([]);
      },
      { provision: false },
    );
  });

  it('starts the store and imports every action and history entry exactly once, in one run, also when imported again', async () => {
    await withRig(async (rig) => {
      const plan = makeImportedPlan(150).map((a, i) => ({
        ...a,
        history: [...a.history, makeImportedProgress({ text: `Second note on action ${i + 1}`, submittedAt: '2020-02-03T00:00:00Z' })],
      }));
      rig.server.faults = { ...THROTTLING, seed: 12 };
      const store = await rig.open();
      const first = await store.importActions(plan, IMPORTED_AT);
      const again = await store.importActions(plan, IMPORTED_AT);
      expect(rig.server.faultedSteps).toBeGreaterThan(50);
      rig.server.faults = null;

      expect(first).toMatchObject({ created: 150, progressAdded: 300 });
      expect(again).toMatchObject({ created: 0, updated: 0, progressAdded: 0 });
      const keys = valuesOf(rig.server, 'WRES Actions', 'ActionKey');
      expect(keys).toHaveLength(150);
      expect(duplicates(keys)).toEqual([]);
      const notes = valuesOf(rig.server, 'WRES Progress Updates', 'UpdateText');
      expect(notes).toHaveLength(300);
      expect(duplicates(notes)).toEqual([]);
    });
  });

  it('stores every card submission exactly once, with timeouts as well, across a restart', async () => {
    await withRig(async (rig) => {
      const SUBMISSIONS = 400;
      const ACTIONS = 20;
      const setup = await rig.open();
      await setup.importActions(makeImportedPlan(ACTIONS), IMPORTED_AT);
      await setup.close();
      // A short request timeout keeps the injected timeouts cheap.
      const tight = clientFor(rig.server, { timeoutMs: 250, maxRetries: 3 });
      let store = await rig.open({ graph: tight });
      const ids = (await store.listActions()).map((a) => a.id);
      rig.server.faults = { ...THROTTLING, kinds: ['429', '503', 'timeout'], holdMs: 400 };

      const kinds = new Map<string, number>();
      for (let n = 0; n < SUBMISSIONS; n++) {
        if (n === SUBMISSIONS / 2) {
          await store.close();
          store = await rig.open({ graph: tight });
        }
        const r = await submitLikeACard(store, ids[n % ACTIONS]!, n);
        const kind = r.kind === 'recorded' && r.pending ? 'pending' : r.kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      const left = await flushAll(store);
      rig.server.faults = null;
      expect(left).toBe(0);

      const stored = [...rig.server.list('WRES Progress Updates')!.items.values()].filter((i) => i.fields.UpdateSource === 'teams');
      const requestIds = stored.map((i) => String(i.fields.RequestId));
      expect(duplicates(requestIds)).toEqual([]);
      expect(requestIds).toHaveLength(SUBMISSIONS);
      expect(kinds.get('conflict') ?? 0).toBe(0);
      expect((await store.listActions()).map((a) => a.version)).toEqual(ids.map(() => 1 + SUBMISSIONS / ACTIONS));
      console.log('card submissions under faults', Object.fromEntries(kinds), 'graph requests', rig.server.requests.length);
    });
  }, 120_000);

  it('delivers every update the outbox kept during an outage exactly once', async () => {
    await withRig(async (rig) => {
      const store = await rig.open();
      await store.importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], IMPORTED_AT);
      const actions = await store.listActions();
      rig.server.faults = { rate: 1, kinds: ['503'], where: ['request'], retryAfterSeconds: 1, holdMs: 0, seed: 3 };
      const seen = new Map<string, Action>(actions.map((a) => [a.id, a]));
      for (let n = 0; n < 30; n++) {
        const action = seen.get(actions[n % 2]!.id)!;
        const at = new Date(Date.UTC(2026, 0, 6, 9, 0, n)).toISOString();
        const r = await store.recordUpdate(
          makeRecordUpdate(action, { requestId: `outage-${n}-xxxx`, text: `Outage note ${n}`, submittedAt: at }),
        );
        expect(r).toMatchObject({ kind: 'recorded', pending: true });
        seen.set(action.id, r.action);
      }

      rig.server.faults = { ...THROTTLING, seed: 14 };
      expect(await flushAll(store)).toBe(0);
      rig.server.faults = null;

      const notes = valuesOf(rig.server, 'WRES Progress Updates', 'UpdateText').filter((t) => t.startsWith('Outage note'));
      expect(notes.sort()).toEqual(Array.from({ length: 30 }, (_, n) => `Outage note ${n}`).sort());
      expect((await store.listActions()).map((a) => a.version)).toEqual([16, 16]);
    });
  });
});

/** Submits as the card does, through PlanService; a refusal outright (nothing accepted) is sent again with the same requestId. */
async function submitLikeACard(store: GraphPlanStore, actionId: string, n: number): Promise<RecordUpdateResult> {
  const service = new PlanService(store, fixedClock(new Date(Date.UTC(2026, 0, 6, 9, 0, n)).toISOString()));
  const owner = { displayName: 'Asha Patel', aadObjectId: '11111111-1111-4111-8111-111111111111', isLead: false };
  const requestId = `fault-test-${String(n).padStart(4, '0')}`;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const action = await store.getAction(actionId);
      if (!action) throw new Error(`action ${actionId} vanished`);
      return await service.submitUpdate(
        owner,
        { actionId, requestId, expectedVersion: action.version, text: `Note ${n}`, rag: 'Amber' },
        'teams',
      );
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'unavailable') throw e;
    }
  }
  throw new Error(`submission ${n} was never accepted`);
}

/** Flushes the outbox until it is empty (or 50 passes); returns what still waits. */
async function flushAll(store: GraphPlanStore): Promise<number> {
  let left = -1;
  for (let pass = 0; pass < 50 && left !== 0; pass++) left = await store.flushOutbox();
  return left;
}
