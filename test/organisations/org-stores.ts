/**
 * Registered organisations on either store, built the way the app and `wres`
 * build them (createRegistry, storeForOrganisation from the environment):
 * SQLite, every organisation scoped on one file; SharePoint, the registry on
 * the platform site of one local Graph stand-in and each organisation on a
 * site of its own there. The isolation tests run one case list over both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../../bot/src/config.js';
import type { Clock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { createRegistry, storeForOrganisation } from '../../bot/src/store/create-store.js';
import type { OrganisationRegistry } from '../../bot/src/store/organisation-registry.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { loadListSpecs, loadPlatformListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import type { FakeSite } from '../graph/fake-sharepoint.js';
import { startGraphServer } from '../graph/graph-server.js';
import { clientFor, sharepointEnv } from '../graph/harness.js';

/** The two stores the isolation claims are proven on. */
export const STORE_KINDS = ['sqlite', 'sharepoint'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A backing store holding registered organisations. */
export interface OrgStores {
  kind: StoreKind;
  /** The environment that points the service or `wres` at this backing store. */
  env: Record<string, string>;
  config: Config;
  registry: OrganisationRegistry;
  /** How the app makes each organisation's store here (storeForOrganisation). */
  storeFor: (org: Organisation) => PlanStore;
  /**
   * Everything of organisation `orgId` a user could notice, read from the
   * backing store itself, past every store and cache: SQLite, its rows in
   * every table that has an org_id; SharePoint, every list on its site as the
   * stand-in holds it.
   */
  snapshot(orgId: string): unknown;
  close(): Promise<void>;
}

/** The organisations as the registry holds them on `kind` (SharePoint: each with a site of its own). */
function registered(kind: StoreKind, orgs: readonly Organisation[]): Organisation[] {
  if (kind === 'sqlite') return [...orgs];
  return orgs.map((o) => ({ ...o, site: { siteUrl: `https://contoso.sharepoint.com/sites/wres-${o.id.toLowerCase()}` } }));
}

/**
 * Opens a fresh backing store of `kind` with `orgs` registered (on
 * SharePoint, their sites provisioned, and `people` in the tenant's Entra
 * directory, where reassigning looks new owners up).
 */
export async function openOrgStores(
  kind: StoreKind,
  orgs: readonly Organisation[],
  opts: { env?: Record<string, string>; clock?: Clock; people?: readonly Person[] } = {},
): Promise<OrgStores> {
  const dir = mkdtempSync(join(tmpdir(), `wres-orgs-${kind}-`));
  const deps = { ...(opts.clock ? { clock: opts.clock } : {}), logger: memoryLogger() };
  const server = kind === 'sharepoint' ? await startGraphServer() : undefined;
  const sites = new Map<string, FakeSite>();
  const base = server ? sharepointEnv(server, join(dir, 'outbox.db')) : { DATABASE_PATH: join(dir, 'wres.db'), LOAD_SAMPLE_PLAN: 'false' };
  const env = { NODE_ENV: 'test', ...base, ...opts.env };
  const config = loadConfig(env);
  if (server) {
    for (const p of opts.people ?? [])
      server.users.push({ id: p.aadObjectId!, displayName: p.displayName, mail: p.email!, userPrincipalName: p.email! });
    const graph = clientFor(server);
    for (const o of orgs) sites.set(o.id, server.addSite(`/sites/wres-${o.id.toLowerCase()}`, { displayName: `${o.name} WRES` }));
    await Promise.all([
      provisionLists(graph, server.site.id, { ...loadListSpecs(), ...loadPlatformListSpecs() }),
      ...[...sites.values()].map((site) => provisionLists(graph, site.id, loadListSpecs())),
    ]);
  }
  const registry = createRegistry(config, deps);
  for (const o of registered(kind, orgs)) await registry.saveOrganisation(o);
  const db = server ? undefined : new Database(config.DATABASE_PATH, { readonly: true });
  return {
    kind,
    env,
    config,
    registry,
    storeFor: storeForOrganisation(config, deps),
    snapshot(orgId) {
      if (db) {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
        return tables
          .filter((t) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).includes('org_id'))
          .map((t) => [t, db.prepare(`SELECT * FROM ${t} WHERE org_id = ?`).all(orgId)]);
      }
      return sites.get(orgId)!.lists.map((l) => [l.displayName, JSON.parse(JSON.stringify([...l.items.values()]))]);
    },
    async close() {
      db?.close();
      await (registry as { close?: () => Promise<void> }).close?.();
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
