/** The real express app on a free loopback port, for the API, browser and Playground tests and the benchmarks. */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { createApiRouter } from '../../bot/src/api/plan-api.js';
import type { Config } from '../../bot/src/config.js';
import type { Clock } from '../../bot/src/domain/clock.js';
import { memoryLogger, type Logger } from '../../bot/src/logger.js';
import { createServer } from '../../bot/src/server.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { linkRoleAccounts, rolesFromConfig, type RoleDirectory } from '../../bot/src/service/roles.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';

/** The app listening on 127.0.0.1. */
export interface ServedApp {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves `store` through createServer with the tab API router (and the bot
 * endpoint from `botHandler`, when given) on 127.0.0.1:0. Closing stops the
 * server only; the store stays the caller's.
 */
export async function serveApp(deps: {
  config: Config;
  store: PlanStore;
  clock: Clock;
  logger?: Logger;
  tabDir?: string;
  botHandler?: (core: { store: PlanStore; service: PlanService; clock: Clock; logger: Logger; roles: RoleDirectory }) => RequestHandler;
}): Promise<ServedApp> {
  const { config, store, clock, logger = memoryLogger(), tabDir } = deps;
  const service = new PlanService(store, clock);
  // As main.ts does: one set of roles for the bot and the API, linked to the accounts the store knows.
  const roles = rolesFromConfig(config);
  await linkRoleAccounts(roles, store);
  const app = createServer({
    config,
    store,
    service,
    clock,
    logger,
    ...(tabDir ? { tabDir } : {}),
    ...(deps.botHandler ? { botHandler: deps.botHandler({ store, service, clock, logger, roles }) } : {}),
    apiRouter: createApiRouter({ config, store, service, clock, logger, roles }),
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
