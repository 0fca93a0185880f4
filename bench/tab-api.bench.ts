// Tab API figures over HTTP on loopback: token validation plus the plan,
// summary, changes and export routes on a 300-action plan (a large trust's
// plan is 30–100 actions), and the pure summary on 5,000 actions.
import { performance } from 'node:perf_hooks';
import { toActionView } from '../bot/src/domain/action-view.js';
import { filterActions, groupActions } from '../bot/src/domain/plan-filter.js';
import { summarisePlan } from '../bot/src/domain/plan-summary.js';
import type { Action } from '../bot/src/domain/model.js';
import { IMPORTED_AT, makeImportedPlan } from '../test/store/fixtures.js';
import { ASHA, entraEnv, personClaims, startApi, startIssuer } from '../test/api/harness.js';

const ACTIONS = 300;
const ROUNDS = 50;

async function perCall(label: string, rounds: number, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  const ms = (performance.now() - start) / rounds;
  console.log(`${label.padEnd(46)} ${ms.toFixed(2).padStart(8)} ms/call`);
}

/** Prints per-call timings; never asserts. */
export default async function (): Promise<void> {
  const issuer = await startIssuer();
  const api = await startApi(entraEnv(issuer));
  try {
    await api.store.importActions(makeImportedPlan(ACTIONS, '2025/26'), IMPORTED_AT);
    const token = await issuer.token(personClaims(ASHA));
    const get = (path: string) => async () => {
      const res = await api.call(path, { token });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    };
    await perCall('GET /api/me (token check + role)', ROUNDS, get('/api/me'));
    await perCall(`GET /api/plan (${ACTIONS + 4} actions)`, ROUNDS, get('/api/plan'));
    await perCall('GET /api/summary', ROUNDS, get('/api/summary'));
    await perCall('GET /api/changes', ROUNDS, get('/api/changes'));
    await perCall('GET /api/export?format=csv', ROUNDS, get('/api/export?format=csv'));
    await perCall('GET /api/export?format=xlsx', 10, get('/api/export?format=xlsx'));

    const actions: Action[] = (await api.store.listActions()).flatMap((a) =>
      Array.from({ length: 16 }, (_, i) => ({ ...a, id: `${a.id}-${i}` })),
    );
    const ctx = { today: '2026-03-10', timeZone: 'Europe/London', staleAfterDays: 30 };
    await perCall(`summarisePlan (${actions.length} actions)`, 10, async () => summarisePlan(actions, ctx));
    await perCall(`views + filter + group (${actions.length} actions)`, 10, async () =>
      groupActions(
        filterActions(
          actions.map((a) => toActionView(a, ctx, false)),
          { q: 'action plan' },
        ),
        'indicator',
      ),
    );
  } finally {
    await api.close();
    await issuer.close();
  }
}
