import { describe, expect, it } from 'vitest';
import { AppError } from '../../bot/src/errors.js';
import type { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import type { RecordUpdateResult } from '../../bot/src/store/plan-store.js';
import { IMPORTED_AT, makeImportedPlan, makeRecordUpdate } from '../store/fixtures.js';
import { clientFor, startRig } from './harness.js';

const SUBMISSIONS = 500;
const ACTIONS = 25;

/** Submits like a card does: read the action, record against its version; retries the same requestId when refused outright. */
async function submit(store: GraphPlanStore, actionId: string, n: number): Promise<RecordUpdateResult> {
  const requestId = `fault-test-${String(n).padStart(4, '0')}`;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const action = await store.getAction(actionId);
      if (!action) throw new Error(`action ${actionId} vanished`);
      const at = new Date(Date.UTC(2026, 0, 6, 9, 0, n)).toISOString();
      return await store.recordUpdate(makeRecordUpdate(action, { requestId, text: `Note ${n}`, submittedAt: at }));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'unavailable') throw e;
    }
  }
  throw new Error(`submission ${n} was never accepted`);
}

describe('SharePoint store under faults', () => {
  it('ends with exactly one stored update per accepted submission when 20% of Graph calls fail, across a restart', async () => {
    const rig = await startRig();
    try {
      const setup = await rig.open();
      await setup.importActions(makeImportedPlan(ACTIONS), IMPORTED_AT);
      await setup.close();
      // A short request timeout keeps the injected timeouts cheap.
      const tight = clientFor(rig.server, { timeoutMs: 250, maxRetries: 3 });
      let store = await rig.open({ graph: tight });
      const ids = (await store.listActions()).map((a) => a.id);
      rig.server.faults = { rate: 0.2, kinds: ['429', '503', 'timeout'], retryAfterSeconds: 0.005, holdMs: 400, seed: 20261123 };

      const kinds = new Map<string, number>();
      for (let n = 0; n < SUBMISSIONS; n++) {
        if (n === SUBMISSIONS / 2) {
          await store.close();
          store = await openWithRetries(() => rig.open({ graph: tight }));
        }
        const r = await submit(store, ids[n % ACTIONS]!, n);
        const kind = r.kind === 'recorded' && r.pending ? 'pending' : r.kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      let left = (await store.health().catch(() => ({ pendingWrites: -1 }))).pendingWrites;
      for (let pass = 0; pass < 50 && left !== 0; pass++) left = await store.flushOutbox();
      rig.server.faults = null;
      expect(left).toBe(0);

      const stored = [...rig.server.list('WRES Progress Updates')!.items.values()].filter((i) => i.fields.UpdateSource === 'teams');
      const requestIds = stored.map((i) => String(i.fields.RequestId));
      expect(new Set(requestIds).size).toBe(requestIds.length);
      expect(requestIds.length).toBe(SUBMISSIONS);
      expect(kinds.get('conflict') ?? 0).toBe(0);
      const versions = (await store.listActions()).map((a) => a.version);
      expect(versions.every((v) => v === 1 + SUBMISSIONS / ACTIONS)).toBe(true);
      console.log('fault test outcomes', Object.fromEntries(kinds), 'graph requests', rig.server.requests.length);
    } finally {
      await rig.close();
    }
  }, 90_000);
});

async function openWithRetries(open: () => Promise<GraphPlanStore>): Promise<GraphPlanStore> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (e) {
      if (attempt >= 10 || !(e instanceof AppError) || e.code !== 'unavailable') throw e;
    }
  }
}
