/**
 * The tab API across organisations, on SQLite (a store per organisation),
 * through the real app and real Entra-style tokens: a lead, owner or viewer
 * of North (RXX) can read and change nothing of South (R1H) on any route,
 * an id of South asked within North is not found, a person in both sees each
 * only with its header, and platform admins manage the registry without
 * reading any plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrganisation, AdminOrganisationsResponse, ApiErrorBody, MeResponse, PlanResponse } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { ASHA, BOARD, entraEnv, LEAD, NOW, personClaims, startIssuer, testPlan, type TestIssuer } from '../api/harness.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { makeImportedAction } from '../store/fixtures.js';

const person = (name: string, n: number): Required<Person> => ({
  displayName: name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.nhs.uk`,
  aadObjectId: `${String(n).repeat(8)}-0000-4000-8000-${String(n).repeat(12)}`,
});
const LEAD_B = person('Lee South', 6);
const OWNER_B = person('Olu South', 7);
const BOTH = person('Pat Shared', 8);
const ADMIN = person('Ada Admin', 9);

const NORTH: Organisation = { id: 'RXX', name: 'North Trust', leads: [LEAD.email], viewers: [BOARD.email, BOTH.email], settings: {} };
const SOUTH: Organisation = {
  id: 'R1H',
  name: 'South Trust',
  leads: [LEAD_B.email],
  viewers: [BOTH.email],
  settings: { timeZone: 'Europe/Belfast' },
};

/** North's lead, owner (Asha owns 1.1 and 2.2 there) and viewer. */
const NORTH_PEOPLE = { lead: LEAD, owner: ASHA, viewer: BOARD };

let issuer: TestIssuer;
let app: ServedApp;
let tenancy: Tenancy;
const stores = new Map<string, SqlitePlanStore>();
let southActionId: string;

beforeAll(async () => {
  issuer = await startIssuer();
  const config = loadConfig({ NODE_ENV: 'test', ...entraEnv(issuer), PLATFORM_ADMINS: ADMIN.aadObjectId });
  const registry = new SqliteRegistry(':memory:');
  await registry.saveOrganisation(NORTH);
  await registry.saveOrganisation(SOUTH);
  const clock = fixedClock(NOW);
  tenancy = await Tenancy.open({
    config,
    registry,
    clock,
    storeFor: (org) => {
      const store = new SqlitePlanStore(':memory:');
      stores.set(org.id, store);
      return store;
    },
  });
  await stores.get('RXX')!.importActions(testPlan(), NOW);
  await stores
    .get('R1H')!
    .importActions(
      [makeImportedAction({ ref: 'S1', title: 'South’s own action', owner: OWNER_B, dueDate: '2026-03-20', rag: 'Amber' })],
      NOW,
    );
  southActionId = (await stores.get('R1H')!.listActions())[0]!.id;
  app = await serveApp({ config, tenancy, registry, clock });
});

afterAll(async () => {
  await app?.close();
  await tenancy?.close();
  await issuer?.close();
});

async function call(who: Person, path: string, init: { org?: string; method?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${await issuer.token(personClaims(who))}` };
  if (init.org) headers['x-wres-org'] = init.org;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${app.baseUrl}/api${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** Everything of South a user could notice changing. */
async function southSnapshot(): Promise<unknown> {
  const store = stores.get('R1H')!;
  return {
    actions: await store.listActions(),
    updates: await store.listUpdatesSince('2000-01-01T00:00:00Z'),
    metrics: await store.listMetrics(),
  };
}

/** Every route group, with a plausible body for the ones that change something. */
function everyRoute(actionId: string): { method: string; path: string; body?: unknown }[] {
  const requestId = 'isolation-request-0001';
  return [
    { method: 'GET', path: '/me' },
    { method: 'GET', path: '/plan' },
    { method: 'GET', path: '/plan/search?q=own' },
    { method: 'GET', path: '/summary' },
    { method: 'GET', path: '/my-actions' },
    { method: 'GET', path: '/changes' },
    { method: 'GET', path: `/actions/${actionId}` },
    { method: 'POST', path: `/actions/${actionId}/updates`, body: { requestId, expectedVersion: 1, text: 'Done here.', rag: 'Green' } },
    { method: 'GET', path: '/export?format=csv' },
    { method: 'GET', path: '/export?format=xlsx' },
    { method: 'GET', path: '/indicators' },
    { method: 'GET', path: '/indicators/model-employer' },
    { method: 'PUT', path: '/indicators/figures', body: { year: 2026, figures: { 'wres2.rl': '3.5' } } },
    { method: 'GET', path: '/health' },
    { method: 'GET', path: `/reassign?from=${encodeURIComponent(OWNER_B.email)}&to=${encodeURIComponent(LEAD.email)}` },
    {
      method: 'POST',
      path: '/reassign',
      body: { requestId, from: OWNER_B.email, to: { email: LEAD.email }, actions: [{ id: actionId, expectedVersion: 1 }] },
    },
    { method: 'POST', path: `/actions/${actionId}/reassign`, body: { requestId, to: { email: LEAD.email }, expectedVersion: 1 } },
    { method: 'GET', path: '/carry-over' },
    { method: 'POST', path: '/carry-over', body: { requestId, fromYear: '2025/26', toYear: '2026/27', actions: [] } },
  ];
}

describe('API isolation between organisations (SQLite)', () => {
  for (const [part, who] of Object.entries(NORTH_PEOPLE)) {
    it(`refuses North’s ${part} on every route of South, in words naming it, and changes nothing there`, async () => {
      const before = await southSnapshot();
      for (const route of everyRoute(southActionId)) {
        const res = await call(who, route.path, { org: 'R1H', method: route.method, body: route.body });
        expect(res.status, `${route.method} ${route.path}`).toBe(403);
        const body = (await res.json()) as ApiErrorBody;
        expect(body.error.message).toContain('not a member of organisation R1H');
        expect(JSON.stringify(body)).not.toContain('South Trust');
      }
      expect(await southSnapshot()).toEqual(before);
    });
  }

  it('does not find an action of South asked for within North, to read, update or reassign', async () => {
    const before = await southSnapshot();
    const requestId = 'isolation-request-0002';
    expect((await call(LEAD, `/actions/${southActionId}`, { org: 'RXX' })).status).toBe(404);
    const update = { requestId, expectedVersion: 1, text: 'Sneaked in.', rag: 'Green' };
    expect((await call(LEAD, `/actions/${southActionId}/updates`, { org: 'RXX', method: 'POST', body: update })).status).toBe(404);
    const reassign = { requestId, to: { email: ASHA.email }, expectedVersion: 1 };
    expect((await call(LEAD, `/actions/${southActionId}/reassign`, { org: 'RXX', method: 'POST', body: reassign })).status).toBe(404);
    expect(await southSnapshot()).toEqual(before);
  });

  it('gives someone in one organisation that one without a header, and refuses an unknown code as it refuses a known one', async () => {
    const plan = (await (await call(LEAD, '/plan')).json()) as PlanResponse;
    expect(plan.actions.map((r) => r[1])).toContain('1.1');
    const unknown = await call(LEAD, '/plan', { org: 'ZZZ' });
    const known = await call(LEAD, '/plan', { org: 'R1H' });
    expect([unknown.status, known.status]).toEqual([403, 403]);
    const [u, k] = [(await unknown.json()) as ApiErrorBody, (await known.json()) as ApiErrorBody];
    expect(u.error.message.replace('ZZZ', 'R1H')).toBe(k.error.message);
    expect(u.error.details).toEqual(k.error.details);
  });

  it('shows a person in both organisations each plan only with its header, and asks which without one', async () => {
    const refs = async (org: string) => ((await (await call(BOTH, '/plan', { org })).json()) as PlanResponse).actions.map((r) => r[1]);
    expect(await refs('RXX')).toEqual(expect.arrayContaining(['1.1', '1.2']));
    expect(await refs('RXX')).not.toContain('S1');
    expect(await refs('R1H')).toEqual(['S1']);
    const ask = await call(BOTH, '/plan');
    expect(ask.status).toBe(400);
    const body = (await ask.json()) as ApiErrorBody;
    expect(body.error.message).toMatch(/several organisations \(North Trust \(RXX\), South Trust \(R1H\)\)/);
    expect(body.error.details).toEqual({
      organisations: [
        { id: 'RXX', name: 'North Trust', role: 'viewer' },
        { id: 'R1H', name: 'South Trust', role: 'viewer' },
      ],
      platformAdmin: false,
    });
    const me = (await (await call(BOTH, '/me', { org: 'R1H' })).json()) as MeResponse;
    expect(me.organisation).toEqual({ id: 'R1H', name: 'South Trust' });
    expect(me.timeZone).toBe('Europe/Belfast');
    expect(me.organisations?.map((o) => o.id)).toEqual(['RXX', 'R1H']);
  });
});

describe('platform admin', () => {
  it('refuses the registry to anyone not in PLATFORM_ADMINS, leads included', async () => {
    const res = await call(LEAD, '/admin/organisations');
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiErrorBody).error.message).toMatch(/only platform admins/);
    expect((await call(LEAD, '/admin/organisations', { method: 'POST', body: { id: 'RYY', name: 'Taken over' } })).status).toBe(403);
  });

  it('lets an admin manage organisations without reading any plan', async () => {
    expect((await call(ADMIN, '/plan', { org: 'RXX' })).status).toBe(403);
    const list = (await (await call(ADMIN, '/admin/organisations')).json()) as AdminOrganisationsResponse;
    expect(list.organisations.map((o) => o.id)).toEqual(['R1H', 'RXX']);
    expect(list.organisations[0]!.settings).toEqual({ timeZone: 'Europe/Belfast' });
    expect(list.directoryAttribute).toBe('companyName');
  });

  it('shows each wrong field’s message beside it and saves nothing', async () => {
    const res = await call(ADMIN, '/admin/organisations', {
      method: 'POST',
      body: {
        id: 'R X',
        name: ' ',
        leads: 'lead@nhs.net, not a person',
        directoryValues: `West Trust\n${'x'.repeat(129)}`,
        settings: { timeZone: 'Mars/Olympus', staleAfterDays: '14' },
      },
    });
    expect(res.status).toBe(400);
    const details = ((await res.json()) as ApiErrorBody).error.details as Record<string, string>;
    expect(Object.keys(details).sort()).toEqual(['directoryValues', 'id', 'leads', 'name', 'settings.timeZone']);
    expect(details.directoryValues).toContain('longer than 128 characters');
    expect(details.leads).toContain('not');
    expect(details['settings.timeZone']).toMatch(/timeZone/);
    const list = (await (await call(ADMIN, '/admin/organisations')).json()) as AdminOrganisationsResponse;
    expect(list.organisations).toHaveLength(2);
  });

  it('adds, renames and removes an organisation, and the API follows at once', async () => {
    const added = await call(ADMIN, '/admin/organisations', {
      method: 'POST',
      body: {
        id: 'ryy',
        name: 'West Trust',
        leads: OWNER_B.email,
        directoryValues: ' West Trust, Acute Services \nwest trust, acute services\n\nWest Community',
        settings: { staleAfterDays: '14' },
      },
    });
    expect(added.status).toBe(201);
    // One value a line, each whole (commas and all), trimmed, without repeats.
    expect(((await added.json()) as AdminOrganisation).directoryValues).toEqual(['West Trust, Acute Services', 'West Community']);
    expect((await call(ADMIN, '/admin/organisations', { method: 'POST', body: { id: 'RYY', name: 'Again' } })).status).toBe(409);
    // Olu now leads West too: their organisations grow, and West's empty plan opens for them.
    expect((await call(OWNER_B, '/plan', { org: 'RYY' })).status).toBe(200);
    await call(ADMIN, '/admin/organisations/RYY', { method: 'PUT', body: { name: 'West Hospitals', leads: OWNER_B.email } });
    const me = (await (await call(OWNER_B, '/me', { org: 'RYY' })).json()) as MeResponse;
    expect(me.organisation?.name).toBe('West Hospitals');
    expect(me.organisations?.map((o) => `${o.id} ${o.role}`)).toEqual(['R1H owner', 'RYY lead']);
    expect((await call(ADMIN, '/admin/organisations/RYY', { method: 'DELETE' })).status).toBe(200);
    expect((await call(OWNER_B, '/plan', { org: 'RYY' })).status).toBe(403);
    expect((await call(OWNER_B, '/plan')).status).toBe(200);
  });
});
