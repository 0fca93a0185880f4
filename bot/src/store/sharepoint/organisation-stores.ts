import { format, parse } from 'node:path';
import { azureStorageFromConfig, openQueueOutbox } from '../../azure/azure-storage.js';
import { configFor, type Config } from '../../config.js';
import { systemClock, type Clock } from '../../domain/clock.js';
import { IMPLICIT_ORG_ID, orgLabel, type Organisation } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import { graphFromConfig } from '../../graph/graph-from-config.js';
import { GraphUserDirectory } from '../../graph/user-directory.js';
import { consoleLogger, type Logger } from '../../logger.js';
import { GraphPlanStore } from './graph-plan-store.js';
import { qualifiedIds } from './item-ids.js';
import { organisationSiteOwner, requireSite, siteAddressKey } from './organisation-site.js';

/**
 * The outbox file of one registered organisation, beside OUTBOX_PATH:
 * `data/outbox.db` → `data/outbox-RXX.db`. Each organisation's queued
 * updates stay in its own file, delivered to its own site only.
 */
function outboxPathFor(outboxPath: string, orgId: string): string {
  const { dir, name, ext } = parse(outboxPath);
  return format({ dir, name: `${name}-${orgId}`, ext });
}

/**
 * Makes each organisation's SharePoint store: its own site and its own
 * outbox (a file beside OUTBOX_PATH, or its own Azure Storage queue), over one Graph client and one (tenant-wide) user directory,
 * and its ids qualified by its code (`RXX-12`, see item-ids.ts). The
 * implicit organisation keeps the deployment's site and OUTBOX_PATH exactly
 * as before. Throws `config`, naming the organisation, for a registered one
 * with no site, or with a site another organisation already uses.
 */
export function graphStoreForOrganisation(
  config: Config,
  deps: { clock?: Clock; logger?: Logger } = {},
): (org: Organisation) => GraphPlanStore {
  const graph = graphFromConfig(config);
  const logger = deps.logger ?? consoleLogger();
  const users = new GraphUserDirectory(graph, logger);
  const siteHolders = new Map<string, Organisation>();
  const storage = azureStorageFromConfig(config);
  return (org) => {
    const implicit = org.id === IMPLICIT_ORG_ID;
    const site = implicit ? { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL } : requireSite(org);
    if (!implicit) {
      for (const key of [site.siteId, site.siteUrl && siteAddressKey(site.siteUrl)].filter(Boolean) as string[]) {
        const holder = siteHolders.get(key);
        if (holder && holder.id !== org.id)
          throw new AppError(
            'config',
            `Organisations ${orgLabel(holder)} and ${orgLabel(org)} are registered on the same SharePoint site (${key}). Each organisation needs its own site: change one with wres org set ${org.id} --site URL.`,
          );
        siteHolders.set(key, org);
      }
    }
    // Several instances: each organisation's queue in the shared storage account (`wres-outbox`, `wres-outbox-rxx`).
    const queue = implicit ? config.OUTBOX_QUEUE : `${config.OUTBOX_QUEUE}-${org.id.toLowerCase()}`;
    return new GraphPlanStore({
      ...(storage ? { openOutbox: () => openQueueOutbox(storage, { OUTBOX_QUEUE: queue }, logger) } : {}),
      graph,
      site,
      // Item ids repeat across sites: a registered organisation's carry its code (`RXX-12`), the implicit one's stay plain.
      ...(implicit ? {} : { owner: organisationSiteOwner(org), ids: qualifiedIds(org.id) }),
      outboxPath: implicit ? config.OUTBOX_PATH : outboxPathFor(config.OUTBOX_PATH, org.id),
      clock: deps.clock ?? systemClock,
      logger,
      cacheSeconds: configFor(config, org).SHAREPOINT_CACHE_SECONDS,
      users,
    });
  };
}
