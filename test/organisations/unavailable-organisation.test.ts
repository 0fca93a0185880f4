/**
 * One organisation's SharePoint site cannot be opened (here: not granted to
 * the app). The service still starts and serves every other organisation;
 * the one that cannot be served is refused in words naming it (503, never a
 * silent "not a member"), a person's other organisations stay listed, the
 * admin page refuses to register such a site and saves nothing, and once the
 * grant is made the next registry check serves it, with no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrganisationsResponse, ApiErrorBody, MeResponse } from '../../bot/src/api/contract.js';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { systemClock } from '../../bot/src/domain/clock.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { followRegistry } from '../../bot/src/service/registry-follower.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { createRegistry, storeForOrganisation } from '../../bot/src/store/create-store.js';
import type { OrganisationRegistry } from '../../bot/src/store/organisation-registry.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { SITE_A, startOrgsRig, type OrgsRig } from './graph-orgs-rig.js';

const BOTH = 'both.lead@nhs.net';
const ADMIN = 'platform.admin@nhs.net';

let rig: OrgsRig;
let config: Config;
let registry: OrganisationRegistry;
let tenancy: Tenancy;
let app: ServedApp;
const logger = memoryLogger();

beforeAll(async () => {
  rig = await startOrgsRig();
  config = loadConfig({ ...rig.env, PLATFORM_ADMINS: ADMIN });
  registry = createRegistry(config);
  await registry.saveOrganisation({ ...rig.north, leads: [BOTH] });
  await registry.saveOrganisation({ ...rig.south, leads: [BOTH] });
  rig.siteA.granted = false;
  tenancy = await Tenancy.open({
    config,
    registry,
    storeFor: storeForOrganisation(config, { logger: memoryLogger() }),
    clock: systemClock,
    logger,
  });
  app = await serveApp({ config, tenancy, registry, clock: systemClock });
});

afterAll(async () => {
  await app?.close();
  await tenancy?.close();
  await rig?.close();
});

const call = (path: string, who: string, org?: string, body?: unknown) =>
  fetch(`${app.baseUrl}/api${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'X-Dev-User': who, ...(org ? { 'X-Wres-Org': org } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('an organisation whose site cannot be opened', () => {
  it('does not stop the service: the other organisation is served, the one that cannot be is named in a 503', async () => {
    expect((await call('/plan', BOTH, 'RXB')).status).toBe(200);
    const refused = await call('/plan', BOTH, 'RXA');
    expect(refused.status).toBe(503);
    const message = ((await refused.json()) as ApiErrorBody).error.message;
    expect(message).toContain('North Trust (RXA) cannot be reached just now, so nothing was read or changed');
    // Where its site is, and why, is for the log, not for whoever asked.
    expect(message).not.toContain(SITE_A);
    const me = (await (await call('/me', BOTH, 'RXB')).json()) as MeResponse;
    expect(me.organisations?.map((o) => `${o.id} ${o.role}`)).toEqual(['RXA lead', 'RXB lead']);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'North Trust (RXA) cannot be served just now: the other organisations are served as usual',
    ]);
  });

  it('tells anyone not on its lists only the code they asked, and someone in no organisation that access could not be checked', async () => {
    const stranger = await call('/plan', 'someone@elsewhere.nhs.uk', 'RXA');
    expect(stranger.status).toBe(503);
    const message = ((await stranger.json()) as ApiErrorBody).error.message;
    expect(message).toContain('Organisation RXA cannot be reached just now, so whether you may see its plan could not be checked');
    expect(message).not.toContain('North Trust');
    // They may own an action in North, whose plan cannot be read: not refused, not admitted.
    const anywhere = await call('/plan', 'someone@elsewhere.nhs.uk');
    expect(anywhere.status).toBe(503);
    expect(((await anywhere.json()) as ApiErrorBody).error.message).toContain('whether an action there is yours could not be checked');
  });

  it('leaves the organisations that are served alone while it tries the other again', async () => {
    const south = tenancy.context('RXB');
    expect(await tenancy.refresh()).toBe(false);
    expect(tenancy.context('RXA')!.unavailable).toBeDefined();
    expect(tenancy.context('RXB')).toBe(south);
  });

  it('can still be edited on the admin page while its site is down', async () => {
    const res = await fetch(`${app.baseUrl}/api/admin/organisations/RXA`, {
      method: 'PUT',
      headers: { 'X-Dev-User': ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'North Trust', leads: `${BOTH}\nnew.lead@nhs.net`, siteUrl: SITE_A }),
    });
    expect(res.status).toBe(200);
    expect((await registry.getOrganisation('RXA'))?.leads).toEqual([BOTH, 'new.lead@nhs.net']);
  });

  it('is refused on the admin page, with the grant to make, and nothing is saved', async () => {
    rig.server.addSite('/sites/wres-west', { granted: false });
    const res = await call('/admin/organisations', ADMIN, undefined, {
      id: 'RYY',
      name: 'West Trust',
      leads: BOTH,
      siteUrl: 'https://contoso.sharepoint.com/sites/wres-west',
    });
    const message = ((await res.json()) as ApiErrorBody).error.message;
    expect(res.status).toBe(400);
    expect(message).toMatch(/^Nothing was saved: .*West Trust \(RYY\)/);
    expect(message).toContain('/permissions');
    expect(await registry.getOrganisation('RYY')).toBeNull();
    const list = (await (await call('/admin/organisations', ADMIN)).json()) as AdminOrganisationsResponse;
    expect(list.organisations.map((o) => o.id)).toEqual(['RXA', 'RXB']);
    expect(tenancy.context('RYY')).toBeNull();
  });

  it('is served at the next registry check once its site is granted, with no restart', async () => {
    rig.siteA.granted = true;
    await followRegistry(tenancy, { everySeconds: 0, logger: memoryLogger() }).check();
    expect((await call('/plan', BOTH, 'RXA')).status).toBe(200);
    expect(logger.lines.at(-1)?.message).toBe('North Trust (RXA) is served again');
  });
});
