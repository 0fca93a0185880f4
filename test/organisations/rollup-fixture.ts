/**
 * Two organisations with their own plans and figures, each in its own real
 * store (in-memory SQLite, or the backing store given: see org-stores.ts),
 * an ICB over them (and a code this deployment does not serve), and the
 * people: the ICB's viewer, North's lead, a stranger.
 */
import { createServer as createHttpServer } from 'node:http';
import { createAuthenticator } from '../../bot/src/api/auth.js';
import { createGroupRouter } from '../../bot/src/api/group-api.js';
import { createApiRouter } from '../../bot/src/api/plan-api.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { IndicatorMetric } from '../../bot/src/domain/model.js';
import type { OrgGroup, Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { createServer } from '../../bot/src/server.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { closeServer, listen, type ServedApp } from '../api/serve-app.js';
import { makeImportedAction, makeImportedProgress, makeMetric } from '../store/fixtures.js';
import type { OrgStores } from './org-stores.js';

const ROLLUP_NOW = '2026-03-10T09:00:00Z';
const config = loadConfig({ NODE_ENV: 'test' });
const clock = fixedClock(ROLLUP_NOW);

export const ICB_VIEWER = { displayName: 'Ida Chambers', email: 'ida.chambers@icb.nhs.uk' };
export const NORTH_LEAD = { displayName: 'Nora Lead', email: 'nora.lead@north.nhs.uk' };
export const STRANGER = { displayName: 'Sam Stranger', email: 'sam@elsewhere.nhs.uk' };

/** Texts that belong to the members' plans and must never appear in a roll-up. */
export const PRIVATE_TEXTS = ['Secret panel audit', 'Olu Owner', 'olu.owner@north.nhs.uk', 'Confidential progress note', 'Head of Secrets'];

/** The members this deployment serves (register them in a backing store given to openRollupTenancy). */
export const ROLLUP_ORGS: Organisation[] = [];
const north: Organisation = { id: 'RXX', name: 'North Trust', leads: [NORTH_LEAD.email], viewers: [], settings: {} };
const south: Organisation = { id: 'R1H', name: 'South Trust', leads: ['lead@south.nhs.uk'], viewers: [], settings: { staleAfterDays: 60 } };
ROLLUP_ORGS.push(north, south);
const icb: OrgGroup = { id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX', 'R1H', 'RZZ'], viewers: [ICB_VIEWER.email] };

const metric = (year: string, measure: string, value: number): IndicatorMetric => makeMetric({ year, measure, value });

/**
 * Opens the tenancy: North has 2 actions (one complete), indicator 3 worsened and nothing open cites it; South has none.
 * On `stores` (with ROLLUP_ORGS registered) when given, else on in-memory SQLite.
 */
export async function openRollupTenancy(stores?: OrgStores): Promise<Tenancy> {
  const registry = stores?.registry ?? new SqliteRegistry(':memory:');
  if (!stores) for (const org of ROLLUP_ORGS) await registry.saveOrganisation(org);
  await registry.saveGroup(icb);
  const storeFor = stores?.storeFor ?? (() => new SqlitePlanStore(':memory:'));
  const tenancy = await Tenancy.open({ config: stores?.config ?? config, registry, storeFor, clock });
  if (!stores) await (registry as SqliteRegistry).close();
  const store = tenancy.context('RXX')!.store;
  const owner = { displayName: 'Olu Owner', email: 'olu.owner@north.nhs.uk' };
  await store.importActions(
    [
      makeImportedAction({
        ref: '1.1',
        title: 'Secret panel audit',
        leadRole: 'Head of Secrets',
        owner,
        indicators: [2],
        dueDate: '2026-02-01',
        history: [makeImportedProgress({ text: 'Confidential progress note', submittedAt: '2026-01-02T00:00:00Z' })],
      }),
      makeImportedAction({ ref: '1.2', title: 'Secret panel audit two', owner, indicators: [3], status: 'Complete', rag: 'Blue' }),
    ],
    '2026-01-05T09:00:00Z',
  );
  await store.saveMetrics([
    metric('2018/19', 'indicator3.value', 2.5),
    metric('2019/20', 'indicator3.value', 2.8),
    metric('2018/19', 'indicator2.value', 2.0),
    metric('2019/20', 'indicator2.value', 1.5),
  ]);
  return tenancy;
}

/**
 * The real app for `tenancy` on 127.0.0.1: the roll-up API at /api/groups
 * and, beside it, North's own plan API (as a deployment serves both), and
 * the built tab when `tabDir` is given. Closing stops the server only.
 */
export async function serveRollupApp(tenancy: Tenancy, tabDir?: string): Promise<ServedApp> {
  const logger = memoryLogger();
  const authenticator = createAuthenticator(config, clock, logger);
  const north = tenancy.context('RXX')!;
  const app = createServer({
    config,
    store: north.store,
    service: north.service,
    clock,
    logger,
    ...(tabDir ? { tabDir } : {}),
    groupRouter: createGroupRouter({ tenancy, authenticator, clock, timeZone: config.TIMEZONE }),
    apiRouter: createApiRouter({ ...north, clock, logger, authenticator }),
  });
  const server = createHttpServer(app);
  const port = await listen(server);
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}
