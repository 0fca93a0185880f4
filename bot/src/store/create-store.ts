import type { Config } from '../config.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { graphFromConfig } from '../graph/graph-from-config.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { PlanStore } from './plan-store.js';
import { GraphPlanStore } from './sharepoint/graph-plan-store.js';
import { SqlitePlanStore } from './sqlite/sqlite-plan-store.js';

/** Chooses the store adapter from configuration. The caller runs `init()`. */
export async function createStore(config: Config, deps: { clock?: Clock; logger?: Logger } = {}): Promise<PlanStore> {
  switch (config.STORE) {
    case 'sqlite':
      return new SqlitePlanStore(config.DATABASE_PATH);
    case 'sharepoint':
      return new GraphPlanStore({
        graph: graphFromConfig(config),
        site: { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL },
        outboxPath: config.OUTBOX_PATH,
        clock: deps.clock ?? systemClock,
        logger: deps.logger ?? consoleLogger(),
        cacheSeconds: config.SHAREPOINT_CACHE_SECONDS,
      });
  }
}
