// The Graph benchmark body. Run by bench/graph.bench.ts in a child process whose
// NODE_EXTRA_CA_CERTS trusts the throwaway certificate (Node reads it only at start-up).
// Prints figures; asserts nothing.
import { reportFromChild, times } from '../../bench/figures.js';
import { IMPORTED_AT, makeImportedAction } from '../store/fixtures.js';
import { countCardPath } from './card-path.js';
import { startRig } from './harness.js';

const LATENCY_MS = 30;
const PLAN_SIZE = 5000;

async function fullPlanRead(): Promise<void> {
  const rig = await startRig();
  try {
    const store = await rig.open({ cacheSeconds: 3600 });
    const plan = Array.from({ length: PLAN_SIZE }, (_, i) =>
      makeImportedAction({ ref: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`, title: `Action ${i + 1}` }),
    );
    await store.importActions(plan, IMPORTED_AT);
    rig.server.latencyMs = LATENCY_MS;
    const at = rig.server.requests.length;
    const t = performance.now();
    const actions = await store.listActions();
    console.log(
      `full plan read: ${actions.length} actions, ${rig.server.requests.length - at} Graph requests (minimum ${Math.ceil(PLAN_SIZE / 999)} pages of 999), ${(performance.now() - t).toFixed(0)} ms at ${LATENCY_MS} ms latency`,
    );
  } finally {
    await rig.close();
  }
}

/** Card submissions through the full bot invoke path (conversation lookup → submit → receipt), cold and warm, at two plan sizes. */
async function cardPath(): Promise<void> {
  const runs = [];
  for (const size of [500, 5000]) {
    const run = await countCardPath(size, LATENCY_MS, 9);
    runs.push({ size, ...run });
    await run.bot.close();
    await run.rig.close();
  }
  for (const r of runs) {
    console.log(
      `card submission through the bot at ${r.size.toLocaleString('en-GB')} actions and updates: ${r.cold} Graph requests cold (${r.coldMs.toFixed(0)} ms), ${r.warm} warm (median ${r.warmMs.toFixed(0)} ms of 9) at ${LATENCY_MS} ms latency`,
    );
  }
  const [small, large] = runs;
  const same = small!.cold === large!.cold && small!.warm === large!.warm;
  reportFromChild({
    measure: 'Graph requests per card submission through the bot (SharePoint store)',
    value: `${large!.warm} warm, ${large!.cold} cold`,
    detail: `500 actions: ${small!.warm} warm, ${small!.cold} cold; 5,000: ${large!.warm} warm, ${large!.cold} cold`,
    target: '≤ 2 warm, ≤ 3 cold, the same at 500 and 5,000',
    met: same && Math.max(small!.warm, large!.warm) <= 2 && Math.max(small!.cold, large!.cold) <= 3,
  });
  reportFromChild({
    measure: 'card submission wall time, 5,000 ÷ 500 actions',
    value: times(large!.warmMs / small!.warmMs),
    detail: `warm median ${large!.warmMs.toFixed(0)} ms ÷ ${small!.warmMs.toFixed(0)} ms at ${LATENCY_MS} ms a request; cold ${times(large!.coldMs / small!.coldMs)}`,
    target: 'flat (the request count is what is pinned)',
    met: null,
  });
}

await fullPlanRead();
await cardPath();
