import { azureStorageFromConfig, openQueueOutbox } from '../azure/azure-storage.js';
import type { Config } from '../config.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { graphFromConfig } from '../graph/graph-from-config.js';
import { GraphUserDirectory } from '../graph/user-directory.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { UserDirectory } from '../domain/user-directory.js';
import { IMPLICIT_ORG_ID, type Organisation } from '../domain/organisation.js';
import { AppError } from '../errors.js';
import type { OrganisationRegistry } from './organisation-registry.js';
import type { PlanStore } from './plan-store.js';
import { GraphPlanStore } from './sharepoint/graph-plan-store.js';
import { GraphRegistry } from './sharepoint/graph-registry.js';
import { graphStoreForOrganisation } from './sharepoint/organisation-stores.js';
import { SqlitePlanStore } from './sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from './sqlite/sqlite-registry.js';

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
  return createStoreSync(config, deps);
}

function createStoreSync(config: Config, deps: { clock?: Clock; logger?: Logger }): PlanStore {
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

/**
 * Where the deployment's organisations are registered. SQLite: tables in
 * the plan's own file. SharePoint: two lists on the platform site
 * (SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL), read through a short cache.
 */
export function createRegistry(config: Config, deps: { clock?: Clock } = {}): OrganisationRegistry {
  if (config.STORE === 'sqlite') return new SqliteRegistry(config.DATABASE_PATH);
  return new GraphRegistry({
    graph: graphFromConfig(config),
    site: { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL },
    clock: deps.clock ?? systemClock,
    cacheSeconds: config.SHAREPOINT_CACHE_SECONDS,
  });
}

/**
 * How each organisation's store is made. The implicit organisation uses the
 * deployment's store exactly as configured. SQLite: every organisation's
 * store is scoped to it on the one file (one shared connection).
 */
export function storeForOrganisation(config: Config, deps: { clock?: Clock; logger?: Logger } = {}): (org: Organisation) => PlanStore {
  // SharePoint: each registered organisation on its own site, with its own outbox.
  if (config.STORE === 'sharepoint') return graphStoreForOrganisation(config, deps);
  return (org) => {
    if (org.id === IMPLICIT_ORG_ID) return createStoreSync(config, deps);
    if (config.STORE === 'sqlite') return new SqlitePlanStore(config.DATABASE_PATH, org.id);
    throw new AppError('config', `Organisation ${org.id} cannot be served yet: stores are not scoped by organisation.`);
  };
}

/**
 * How `store`'s organisation adopts the implicit organisation's data (the
 * plan kept before any organisation was registered), where the store can:
 * SQLite moves the rows in one transaction and refuses when the
 * organisation already holds data. Null for a store that cannot (SharePoint:
 * give the organisation the site that holds the plan instead).
 */
export function adoptionOf(store: PlanStore): (() => Promise<number>) | null {
  return store instanceof SqlitePlanStore ? () => store.adoptImplicitOrganisation() : null;
}
