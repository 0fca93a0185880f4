// The roll-up page for a region of 200 organisations × 50 actions (each in
// its own SQLite store, with two years of WRES figures): GET
// /api/groups/:id/rollup over HTTP on loopback, as a ratio to the same page
// for a group of one organisation of 50 actions, measured in the same run.
import { createServer as createHttpServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createAuthenticator } from '../bot/src/api/auth.js';
import { createGroupRouter } from '../bot/src/api/group-api.js';
import { loadConfig } from '../bot/src/config.js';
import { fixedClock } from '../bot/src/domain/clock.js';
import type { IndicatorMetric } from '../bot/src/domain/model.js';
import { memoryLogger } from '../bot/src/logger.js';
import { createServer } from '../bot/src/server.js';
import { Tenancy } from '../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../bot/src/store/sqlite/sqlite-registry.js';
import { closeServer, listen } from '../test/api/serve-app.js';
import { IMPORTED_AT, makeImportedPlan } from '../test/store/fixtures.js';
import { report, times } from './figures.js';

const ORGS = 200;
const ACTIONS = 50;
const ROUNDS = 15;
const VIEWER = 'region.viewer@england.nhs.uk';

const code = (i: number) => `R${String(i).padStart(3, '0')}`;
const metric = (year: string, measure: string, value: number): IndicatorMetric => ({
  year,
  measure,
  value,
  source: 'import',
  updatedAt: IMPORTED_AT,
});

async function medianMs(rounds: number, fn: () => Promise<void>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** Prints the figure; never asserts. */
export default async function (): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const registry = new SqliteRegistry(':memory:');
  const members = Array.from({ length: ORGS }, (_, i) => code(i));
  for (const id of members) await registry.saveOrganisation({ id, name: `Trust ${id}`, leads: [], viewers: [], settings: {} });
  await registry.saveGroup({ id: 'Y56', name: 'A region', kind: 'region', members, viewers: [VIEWER] });
  await registry.saveGroup({ id: 'QWE', name: 'One trust', kind: 'icb', members: [members[0]!], viewers: [VIEWER] });
  const tenancy = await Tenancy.open({ config, registry, storeFor: () => new SqlitePlanStore(':memory:'), clock });
  for (const [i, id] of members.entries()) {
    const store = tenancy.context(id)!.store;
    await store.importActions(makeImportedPlan(ACTIONS, '2025/26'), IMPORTED_AT);
    await store.saveMetrics([
      metric('2023/24', 'indicator3.value', 1.5 + (i % 7) / 10),
      metric('2024/25', 'indicator3.value', 1.6),
      metric('2023/24', 'survey5.white', 20),
      metric('2023/24', 'survey5.bme', 24),
      metric('2024/25', 'survey5.white', 20),
      metric('2024/25', 'survey5.bme', 22 + (i % 5)),
    ]);
  }
  const logger = memoryLogger();
  const app = createServer({
    ...tenancy.contexts()[0]!,
    config,
    clock,
    logger,
    groupRouter: createGroupRouter({
      tenancy,
      authenticator: createAuthenticator(config, clock, logger),
      clock,
      timeZone: config.TIMEZONE,
    }),
  });
  const server = createHttpServer(app);
  const base = `http://127.0.0.1:${await listen(server)}`;
  const get = (path: string) => async () => {
    const res = await fetch(base + path, { headers: { 'X-Dev-User': VIEWER } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  };
  try {
    // Alternating, so load on the shared machine falls on both alike.
    const one: number[] = [];
    const many: number[] = [];
    for (let i = 0; i < 3; i++) {
      one.push(await medianMs(ROUNDS, get('/api/groups/QWE/rollup')));
      many.push(await medianMs(5, get('/api/groups/Y56/rollup')));
    }
    const oneMs = one.sort((a, b) => a - b)[1]!;
    const manyMs = many.sort((a, b) => a - b)[1]!;
    report({
      measure: `roll-up page (GET), ${ORGS} organisations × ${ACTIONS} actions ÷ 1 organisation of ${ACTIONS}`,
      value: times(manyMs / oneMs),
      detail: `${manyMs.toFixed(0)} ms ÷ ${oneMs.toFixed(1)} ms; ${(manyMs / ORGS).toFixed(2)} ms per organisation`,
      target: `≤ ${ORGS}× (linear)`,
      met: manyMs / oneMs <= ORGS,
    });
  } finally {
    await closeServer(server);
    await tenancy.close();
    await registry.close();
  }
}
