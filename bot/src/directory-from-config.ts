import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { DirectoryMembership } from './domain/directory-membership.js';
import { GraphDirectoryMembership } from './graph/directory-membership.js';
import type { GraphApi } from './graph/graph-api.js';
import { graphFromConfig } from './graph/graph-from-config.js';
import type { Logger } from './logger.js';
import { CachedDirectoryMembership } from './service/directory-cache.js';

/**
 * True when the service can reach Microsoft Graph: the SharePoint store
 * (its credential, a managed identity by default), or Graph credentials
 * given for the SQLite store.
 */
export function graphConfigured(config: Pick<Config, 'STORE' | 'GRAPH_CLIENT_ID' | 'GRAPH_CLIENT_SECRET'>): boolean {
  return config.STORE === 'sharepoint' || !!config.GRAPH_CLIENT_ID || !!config.GRAPH_CLIENT_SECRET;
}

/**
 * The directory behind membership by group or attribute: Graph, behind a
 * per-person cache of DIRECTORY_CACHE_MINUTES; undefined when Graph is not
 * configured (then nobody is admitted through the directory, and people it
 * might admit are told it could not be checked). Building it calls nothing:
 * Graph is asked only when a list needs it.
 */
export function directoryFromConfig(
  config: Config,
  deps: { clock: Clock; logger: Logger; graph?: GraphApi },
): DirectoryMembership | undefined {
  if (!deps.graph && !graphConfigured(config)) return undefined;
  const graph = new GraphDirectoryMembership(deps.graph ?? graphFromConfig(config), deps.logger);
  return new CachedDirectoryMembership(graph, { clock: deps.clock, ttlMinutes: config.DIRECTORY_CACHE_MINUTES });
}
