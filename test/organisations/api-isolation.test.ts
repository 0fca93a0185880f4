/**
 * The tab API across organisations, on SQLite (one file, scoped per
 * organisation) and on SharePoint (a site each on the local Graph stand-in),
 * through the real app and real Entra-style tokens: a lead, owner or viewer
 * of North (RXX) can read and change nothing of South (R1H) on any route —
 * South's rows and lists are checked at the store itself — while North's own
 * people still can; an id of South asked within North is not found, a person
 * in both sees each only with its header, and platform admins manage the
 * registry without reading any plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOrganisation, AdminOrganisationsResponse, ApiErrorBody, MeResponse, PlanResponse } from '../../bot/src/api/contract.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { userDirectoryOf } from '../../bot/src/store/create-store.js';
import { ASHA, BOARD, entraEnv, LEAD, NOW, personClaims, startIssuer, testPlan, type TestIssuer } from '../api/harness.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { makeImportedAction } from '../store/fixtures.js';
import { openOrgStores, STORE_KINDS, type OrgStores } from './org-stores.js';

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

const SOUTH_TITLE = 'South’s own action';
/** The year North's lead enters figures for (in the last case); South has none. */
const FIGURES_YEAR = '2024/25';
const SOUTH_REFS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];

// One token issuer for the file: both stores' apps trust it.
let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(async () => {
  await issuer?.close();
});

describe.each(STORE_KINDS)('organisations on %s', (kind) => {
  let stores: OrgStores;
  let app: ServedApp;
  let tenancy: Tenancy;
  /** An action of South whose id North does not also use, and North's 1.1 (Asha's), as their stores gave them. */
  let south: { id: string; version: number };
  let north: { id: string; version: number };

  beforeAll(async () => {
    const clock = fixedClock(NOW);
    stores = await openOrgStores(kind, [NORTH, SOUTH], { env: entraEnv(issuer, { PLATFORM_ADMINS: ADMIN.aadObjectId }), clock });
    const { config, registry, storeFor } = stores;
    tenancy = await Tenancy.open({ config, registry, clock, storeFor, users: userDirectoryOf });
    const [northStore, southStore] = [tenancy.context('RXX')!.store, tenancy.context('R1H')!.store];
    await northStore.importActions(testPlan(), NOW);
    // More actions than North: on SharePoint, where each site numbers its own items, some of South's ids are not North's too.
    await southStore.importActions(
      SOUTH_REFS.map((ref) =>
        makeImportedAction({ ref, title: `${SOUTH_TITLE} ${ref}`, owner: OWNER_B, dueDate: '2026-03-20', rag: 'Amber' }),
      ),
      NOW,
    );
    north = (await northStore.listActions()).find((a) => a.ref === '1.1')!;
    const northIds = new Set((await northStore.listActions()).map((a) => a.id));
    south = (await southStore.listActions()).find((a) => !northIds.has(a.id))!;
    app = await serveApp({ config, tenancy, registry, clock });
  });

  afterAll(async () => {
    await app?.close();
    await tenancy?.close();
    await stores?.close();
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

  /** Everything of South a user could notice changing, read at the store (SharePoint: South's site on the stand-in). */
  const southSnapshot = () => stores.snapshot('R1H');

  /** Every route group, with a plausible body for the ones that change something. */
  function everyRoute(action: { id: string; version: number }): { method: string; path: string; body?: unknown }[] {
    const { id: actionId, version: expectedVersion } = action;
    const requestId = `isolation-request-${kind}`;
    return [
      { method: 'GET', path: '/me' },
      { method: 'GET', path: '/plan' },
      { method: 'GET', path: '/plan/start' },
      { method: 'GET', path: '/plan/search?q=own' },
      { method: 'GET', path: '/summary' },
      { method: 'GET', path: '/my-actions' },
      { method: 'GET', path: '/changes' },
      { method: 'GET', path: `/actions/${actionId}` },
      { method: 'POST', path: `/actions/${actionId}/updates`, body: { requestId, expectedVersion, text: 'Done here.', rag: 'Green' } },
      { method: 'GET', path: '/export?format=csv' },
      { method: 'GET', path: '/export?format=xlsx' },
      { method: 'GET', path: '/indicators' },
      { method: 'GET', path: '/indicators/model-employer' },
      {
        method: 'PUT',
        path: '/indicators/figures',
        body: {
          year: FIGURES_YEAR,
          figures: { 'workforce.white': 2000, 'workforce.bme': 500, 'disciplinary.white': 20, 'disciplinary.bme': 14 },
        },
      },
      { method: 'GET', path: '/health' },
      { method: 'GET', path: `/reassign?from=${encodeURIComponent(OWNER_B.email)}&to=${encodeURIComponent(LEAD.email)}` },
      {
        method: 'POST',
        path: '/reassign',
        body: { requestId, from: OWNER_B.email, to: { email: LEAD.email }, actions: [{ id: actionId, expectedVersion }] },
      },
      { method: 'POST', path: `/actions/${actionId}/reassign`, body: { requestId, to: { email: LEAD.email }, expectedVersion } },
      { method: 'GET', path: '/carry-over' },
      { method: 'POST', path: '/carry-over', body: { requestId, fromYear: '2025/26', toYear: '2026/27', actions: [] } },
    ];
  }

  describe('API isolation between organisations', () => {
    for (const [part, who] of Object.entries(NORTH_PEOPLE)) {
      it(`refuses North’s ${part} on every route of South, in words naming it, and changes nothing there`, async () => {
        const before = southSnapshot();
        for (const route of everyRoute(south)) {
          const res = await call(who, route.path, { org: 'R1H', method: route.method, body: route.body });
          expect(res.status, `${route.method} ${route.path}`).toBe(403);
          const body = (await res.json()) as ApiErrorBody;
          expect(body.error.message).toContain('not a member of organisation R1H');
          expect(JSON.stringify(body)).not.toContain('South Trust');
        }
        expect(southSnapshot()).toEqual(before);
      });
    }

    it('does not find an action of South asked for within North, to read, update or reassign', async () => {
      const before = southSnapshot();
      const requestId = `isolation-request-${kind}-2`;
      expect((await call(LEAD, `/actions/${south.id}`, { org: 'RXX' })).status).toBe(404);
      const update = { requestId, expectedVersion: south.version, text: 'Sneaked in.', rag: 'Green' };
      expect((await call(LEAD, `/actions/${south.id}/updates`, { org: 'RXX', method: 'POST', body: update })).status).toBe(404);
      const reassign = { requestId, to: { email: ASHA.email }, expectedVersion: south.version };
      expect((await call(LEAD, `/actions/${south.id}/reassign`, { org: 'RXX', method: 'POST', body: reassign })).status).toBe(404);
      expect(southSnapshot()).toEqual(before);
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
      expect(await refs('R1H')).toEqual(SOUTH_REFS);
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
      // The board paper and the indicators' evidence follow the header too.
      const paper = async (org: string) => (await call(BOTH, '/export?format=csv', { org })).text();
      expect(await paper('R1H')).toContain(SOUTH_TITLE);
      expect(await paper('R1H')).not.toContain('Review disciplinary cases by ethnicity');
      expect(await paper('RXX')).toContain('Review disciplinary cases by ethnicity');
      expect(await paper('RXX')).not.toContain(SOUTH_TITLE);
      const evidence = async (org: string) => JSON.stringify(await (await call(BOTH, '/indicators', { org })).json());
      expect(await evidence('RXX')).not.toContain(SOUTH_TITLE);
    });

    // Last: it changes North. A rule that refused everyone everywhere would fail here.
    it('still serves North’s own lead, owner and viewer, and North’s lead’s changes land in North’s store only', async () => {
      for (const who of Object.values(NORTH_PEOPLE)) {
        const res = await call(who, '/plan', { org: 'RXX' });
        expect(res.status, who.displayName).toBe(200);
        expect(((await res.json()) as PlanResponse).actions.map((r) => r[1])).toContain('1.1');
      }
      const [southBefore, northBefore] = [southSnapshot(), JSON.stringify(stores.snapshot('RXX'))];
      for (const route of everyRoute(north)) {
        const res = await call(LEAD, route.path, { org: 'RXX', method: route.method, body: route.body });
        expect(res.status, `${route.method} ${route.path}`).not.toBe(403);
        expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
      }
      const northAfter = JSON.stringify(stores.snapshot('RXX'));
      expect(northBefore).not.toContain('Done here.');
      expect(northAfter).toContain('Done here.');
      expect(northBefore).not.toContain('disciplinary.bme');
      expect(northAfter).toContain('disciplinary.bme');
      expect(southSnapshot()).toEqual(southBefore);
      // North's new figure is in North's evidence, not South's.
      const evidence = async (org: string) => JSON.stringify(await (await call(BOTH, '/indicators', { org })).json());
      expect(await evidence('RXX')).toContain(FIGURES_YEAR);
      expect(await evidence('R1H')).not.toContain(FIGURES_YEAR);
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

    // Editing the registry is the registry's own behaviour (on SharePoint: graph-registry.test.ts); its isolation claims are above.
    if (kind === 'sharepoint') return;

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
});
