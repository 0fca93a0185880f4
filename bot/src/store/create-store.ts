import { azureStorageFromConfig, openQueueOutbox } from '../azure/azure-storage.js';
import type { Config } from '../config.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { graphFromConfig } from '../graph/graph-from-config.js';
import { GraphUserDirectory } from '../graph/user-directory.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { UserDirectory } from '../domain/user-directory.js';
import type { PlanStore } from './plan-store.js';
import { GraphPlanStore } from './sharepoint/graph-plan-store.js';
import { SqlitePlanStore } from './sqlite/sqlite-plan-store.js';

/** The organisation's user directory behind `store` (SharePoint: Entra through Graph), or undefined (SQLite has none). */
export function userDirectoryOf(store: PlanStore): UserDirectory | undefined {
  return store instanceof GraphPlanStore ? store.users : undefined;
}

/**
 * Chooses the store adapter from configuration. The caller runs `init()`.
 * The SharePoint store queues updates in an Azure Storage queue when a
 * storage account is configured (several instances), else in the SQLite
 * outbox at OUTBOX_PATH (one instance).
 */
export async function createStore(config: Config, deps: { clock?: Clock; logger?: Logger } = {}): Promise<PlanStore> {
  switch (config.STORE) {
    case 'sqlite':
      return new SqlitePlanStore(config.DATABASE_PATH);
    case 'sharepoint': {
      const graph = graphFromConfig(config);
      const logger = deps.logger ?? consoleLogger();
      const storage = azureStorageFromConfig(config);
      return new GraphPlanStore({
        ...(storage ? { openOutbox: () => openQueueOutbox(storage, config, logger) } : {}),
        graph,
        site: { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL },
        outboxPath: config.OUTBOX_PATH,
        clock: deps.clock ?? systemClock,
        logger,
        cacheSeconds: config.SHAREPOINT_CACHE_SECONDS,
        users: new GraphUserDirectory(graph, logger),
      });
    }
  }
}
