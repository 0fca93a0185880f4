// The Graph benchmark body. Run by bench/graph.bench.ts in a child process whose
// NODE_EXTRA_CA_CERTS trusts the throwaway certificate (Node reads it only at start-up).
// Prints figures; asserts nothing.
import { fixedClock } from '../../bot/src/domain/clock.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { IMPORTED_AT, makeImportedAction, makeRecordUpdate } from '../store/fixtures.js';
import { startRig } from './harness.js';

const LATENCY_MS = 30;
const PLAN_SIZE = 5000;
const SUBMISSIONS = 20;

async function main(): Promise<void> {
  const rig = await startRig();
  try {
    const store = await rig.open({ cacheSeconds: 3600 });
    const plan = Array.from({ length: PLAN_SIZE }, (_, i) =>
      makeImportedAction({ ref: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`, title: `Action ${i + 1}` }),
    );
    await store.importActions(plan, IMPORTED_AT);
    rig.server.latencyMs = LATENCY_MS;

    let at = rig.server.requests.length;
    let t = performance.now();
    const actions = await store.listActions();
    const readMs = performance.now() - t;
    const readRequests = rig.server.requests.length - at;
    console.log(
      `full plan read: ${actions.length} actions, ${readRequests} Graph requests (minimum ${Math.ceil(PLAN_SIZE / 999)} pages of 999), ${readMs.toFixed(0)} ms at ${LATENCY_MS} ms latency`,
    );

    at = rig.server.requests.length;
    t = performance.now();
    for (let i = 0; i < SUBMISSIONS; i++) {
      const a = actions[i]!;
      await store.recordUpdate(makeRecordUpdate(a, { requestId: `bench-${i}-xxxxxxxx` }));
    }
    const perRecord = (rig.server.requests.length - at) / SUBMISSIONS;
    console.log(
      `card submission (recordUpdate, action already read): ${perRecord.toFixed(2)} Graph requests, ${((performance.now() - t) / SUBMISSIONS).toFixed(0)} ms each`,
    );

    const fresh = await rig.open({ cacheSeconds: 0 });
    at = rig.server.requests.length;
    t = performance.now();
    for (let i = 0; i < SUBMISSIONS; i++) {
      const a = actions[SUBMISSIONS + i]!;
      const actor = { displayName: 'Asha Patel', aadObjectId: a.owner!.aadObjectId!, isLead: false };
      await new PlanService(fresh, fixedClock('2026-01-06T10:30:00Z')).submitUpdate(
        actor,
        { actionId: a.id, requestId: `bench-cold-${i}-xx`, expectedVersion: a.version, text: 'Bench', rag: 'Green' },
        'teams',
      );
    }
    console.log(
      `card submission end to end (PlanService, action not read recently): ${((rig.server.requests.length - at) / SUBMISSIONS).toFixed(2)} Graph requests, ${((performance.now() - t) / SUBMISSIONS).toFixed(0)} ms each`,
    );
  } finally {
    await rig.close();
  }
}

await main();
