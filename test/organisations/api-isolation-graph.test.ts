/**
 * The tab API across organisations on SharePoint: each organisation's
 * GraphPlanStore on its own Graph stand-in (its own site), driven through
 * the real app. North's lead can neither read South's plan nor post an
 * update to it; a person in both reads each only with its header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PlanResponse } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { systemClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { ASHA, BEN, entraEnv, LEAD, personClaims, startIssuer, type TestIssuer } from '../api/harness.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { startRig, type StoreRig } from '../graph/harness.js';
import { seedPlan } from '../graph/seed-plan.js';

let issuer: TestIssuer;
let app: ServedApp;
let tenancy: Tenancy;
let north: StoreRig;
let south: StoreRig;
let southActionId: string;

beforeAll(async () => {
  [issuer, north, south] = await Promise.all([startIssuer(new Date().toISOString()), startRig(), startRig()]);
  seedPlan(north.server, 1, ASHA);
  southActionId = seedPlan(south.server, 1, BEN);
  const stores = { RXX: await north.open(), R1H: await south.open() };
  const registry = new SqliteRegistry(':memory:');
  await registry.saveOrganisation({ id: 'RXX', name: 'North Trust', leads: [LEAD.email], viewers: [ASHA.email], settings: {} });
  await registry.saveOrganisation({ id: 'R1H', name: 'South Trust', leads: [BEN.email], viewers: [ASHA.email], settings: {} });
  const config = loadConfig({ NODE_ENV: 'test', ...entraEnv(issuer) });
  tenancy = await Tenancy.open({ config, registry, clock: systemClock, storeFor: (org) => stores[org.id as 'RXX' | 'R1H'] });
  app = await serveApp({ config, tenancy, registry, clock: systemClock });
});

afterAll(async () => {
  await app?.close();
  await Promise.all([north?.close(), south?.close(), issuer?.close()]);
});

async function call(who: Person, path: string, org: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${await issuer.token(personClaims(who))}`, 'x-wres-org': org };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${app.baseUrl}/api${path}`, { method: body ? 'POST' : 'GET', headers, ...(body ? { body: JSON.stringify(body) } : {}) });
}

/** South's actions and updates as SharePoint holds them. */
function southItems(): unknown {
  return ['WRES Actions', 'WRES Progress Updates'].map((list) => JSON.stringify([...south.server.list(list)!.items.values()]));
}

describe('API isolation between organisations (SharePoint, a site each)', () => {
  it('refuses North’s lead South’s plan and an update to South’s action, and South’s site is untouched', async () => {
    const before = southItems();
    const read = await call(LEAD, '/plan', 'R1H');
    expect(read.status).toBe(403);
    expect(((await read.json()) as ApiErrorBody).error.message).toContain('not a member of organisation R1H');
    const update = { requestId: 'graph-isolation-0001', expectedVersion: 1, text: 'Written from North.', rag: 'Green' };
    expect((await call(LEAD, `/actions/${southActionId}/updates`, 'R1H', update)).status).toBe(403);
    expect(southItems()).toEqual(before);
  });

  it('shows a person in both each organisation’s own plan (its owners), by its header', async () => {
    const people = async (org: string) => {
      const plan = (await (await call(ASHA, '/plan', org)).json()) as PlanResponse;
      return plan.actions.map((row) => plan.people[row[6]]);
    };
    expect(await people('RXX')).toContain(ASHA.displayName);
    expect(await people('RXX')).not.toContain(BEN.displayName);
    expect(await people('R1H')).toContain(BEN.displayName);
    expect(await people('R1H')).not.toContain(ASHA.displayName);
  });
});
