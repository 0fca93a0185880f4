/** The real express app on a free loopback port, for the API, browser and Playground tests and the benchmarks. */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler, Router } from 'express';
import { createTenancyApiRouter } from '../../bot/src/api/tenancy-api.js';
import type { Config } from '../../bot/src/config.js';
import type { Clock } from '../../bot/src/domain/clock.js';
import { memoryLogger, type Logger } from '../../bot/src/logger.js';
import { createServer } from '../../bot/src/server.js';
import type { PlanService } from '../../bot/src/service/plan-service.js';
import type { RoleDirectory } from '../../bot/src/service/roles.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import type { OrganisationRegistry } from '../../bot/src/store/organisation-registry.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';

/** The app listening on 127.0.0.1. */
export interface ServedApp {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the app through createServer with the tab API router (and the bot
 * endpoint from `botHandler`, when given) on 127.0.0.1:0, as main.ts does:
 * the API over a `Tenancy`. Give `store` for a single-organisation
 * deployment (the implicit organisation over that store, an empty registry),
 * or `tenancy` and its `registry` for registered organisations. Closing stops
 * the server only; stores and tenancy stay the caller's.
 */
export async function serveApp(deps: {
  config: Config;
  store?: PlanStore;
  tenancy?: Tenancy;
  registry?: OrganisationRegistry;
  clock: Clock;
  logger?: Logger;
  tabDir?: string;
  /** The roll-up API for ICBs and regions at /api/groups, as main.ts mounts it (none when not given). */
  groupRouter?: Router;
  botHandler?: (core: { store: PlanStore; service: PlanService; clock: Clock; logger: Logger; roles: RoleDirectory }) => RequestHandler;
}): Promise<ServedApp> {
  const { config, clock, logger = memoryLogger(), tabDir } = deps;
  const registry = deps.registry ?? new SqliteRegistry(':memory:');
  const given = deps.store;
  if (!deps.tenancy && !given) throw new Error('serveApp needs a store or a tenancy');
  // As main.ts does: one set of roles per organisation for the bot and the API, linked to the accounts its store knows.
  const tenancy = deps.tenancy ?? (await Tenancy.open({ config, registry, storeFor: () => given!, clock }));
  const { store, service, roles } = tenancy.contexts()[0]!;
  const app = createServer({
    config,
    store,
    service,
    clock,
    logger,
    ...(tabDir ? { tabDir } : {}),
    ...(deps.groupRouter ? { groupRouter: deps.groupRouter } : {}),
    ...(deps.botHandler ? { botHandler: deps.botHandler({ store, service, clock, logger, roles }) } : {}),
    apiRouter: createTenancyApiRouter({ tenancy, registry, config, clock, logger }),
  });
  const server = createHttpServer(app);
  const port = await listen(server);
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

/** Listens on a free loopback port and resolves with it. */
export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Drops open connections and closes the server. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
