// Two organisations on the local Graph stand-in: the platform site (the
// deployment's SHAREPOINT_SITE_URL, holding the registry) and one site per
// organisation, as a shared-tenant deployment has them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../bot/src/config.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { loadListSpecs, loadPlatformListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import type { FakeSite } from '../graph/fake-sharepoint.js';
import { startGraphServer, type GraphServer } from '../graph/graph-server.js';
import { clientFor, sharepointEnv } from '../graph/harness.js';

export const SITE_A = 'https://contoso.sharepoint.com/sites/wres-north';
export const SITE_B = 'https://contoso.sharepoint.com/sites/wres-south';

export interface OrgsRig {
  server: GraphServer;
  dir: string;
  env: Record<string, string>;
  config: Config;
  siteA: FakeSite;
  siteB: FakeSite;
  north: Organisation;
  south: Organisation;
  /** Creates the plan lists (and, on the platform site, the registry's) on `site`. */
  provision(site: FakeSite, platform?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A stand-in with the platform site and the two organisations' sites (both granted unless told). */
export async function startOrgsRig(opts: { provision?: boolean } = {}): Promise<OrgsRig> {
  const server = await startGraphServer();
  const dir = mkdtempSync(join(tmpdir(), 'wres-orgs-'));
  const env = { ...sharepointEnv(server, join(dir, 'outbox.db')), NODE_ENV: 'test' };
  const siteA = server.addSite('/sites/wres-north', { displayName: 'North WRES' });
  const siteB = server.addSite('/sites/wres-south', { displayName: 'South WRES' });
  const graph = clientFor(server);
  const rig: OrgsRig = {
    server,
    dir,
    env,
    config: loadConfig(env),
    siteA,
    siteB,
    north: { id: 'RXA', name: 'North Trust', site: { siteUrl: SITE_A }, leads: ['lead.north@nhs.net'], viewers: [], settings: {} },
    south: { id: 'RXB', name: 'South Trust', site: { siteUrl: SITE_B }, leads: ['lead.south@nhs.net'], viewers: [], settings: {} },
    async provision(site, platform = false) {
      await provisionLists(graph, site.id, platform ? { ...loadListSpecs(), ...loadPlatformListSpecs() } : loadListSpecs());
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.provision !== false) {
    await rig.provision(server.site, true);
    await rig.provision(siteA);
    await rig.provision(siteB);
  }
  return rig;
}
