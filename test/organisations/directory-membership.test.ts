/**
 * Membership derived from the directory, through the real app, real
 * Entra-style tokens (with no groups claim, as NHSmail's are) and the real
 * Graph client at the local stand-in: Leeds (RR8) admits everyone whose
 * companyName is its name, Wakefield (RXF) lists a group id. A near-miss
 * value is refused, a group member is admitted through checkMemberGroups, an
 * outage is a 503 in words (never "not a member"), and a deployment with no
 * directory option never calls Graph.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody, MeResponse, PlanResponse } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { directoryFromConfig } from '../../bot/src/directory-from-config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { BOARD, entraEnv, NOW, personClaims, startIssuer, type TestIssuer } from '../api/harness.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { clientFor } from '../graph/harness.js';
import { startGraphServer, type GraphServer } from '../graph/graph-server.js';
import { makeImportedAction } from '../store/fixtures.js';

const WAKEFIELD_BOARD_GROUP = 'bbbbbbbb-0000-4000-8000-00000000000b';
const PLATFORM_GROUP = 'bbbbbbbb-0000-4000-8000-0000000000ad';
const person = (name: string, n: number, directory: { companyName?: string; memberOf?: string[] } = {}) => {
  const id = `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const email = `${name.toLowerCase().replace(/ /g, '.')}@nhs.net`;
  return {
    person: { displayName: name, email, aadObjectId: id } as Required<Person>,
    user: { id, displayName: name, mail: email, userPrincipalName: email, companyName: directory.companyName ?? null, ...directory },
  };
};
// Entra's value with other case and stray spaces: still the whole name.
const LEEDS_STAFF = person('Lee Staff', 1, { companyName: '  LEEDS Teaching Hospitals NHS Trust ' });
const CHARITY = person('Cara Charity', 2, { companyName: 'Leeds Teaching Hospitals NHS Trust Charity' });
const PARTNER = person('Pat Partner', 3, { companyName: 'Leeds' });
const WAKEFIELD_BOARD = person('Wyn Board', 4, { memberOf: [WAKEFIELD_BOARD_GROUP] });
const LATE = person('Lou Late', 5, { companyName: 'Leeds Teaching Hospitals NHS Trust' });
const RUNNER = person('Ria Runner', 7, { memberOf: [PLATFORM_GROUP] });

const LEEDS: Organisation = {
  id: 'RR8',
  name: 'Leeds Teaching Hospitals',
  leads: [],
  viewers: [BOARD.email],
  directoryValues: ['Leeds Teaching Hospitals NHS Trust'],
  settings: {},
};
const WAKEFIELD: Organisation = { id: 'RXF', name: 'Mid Yorkshire Teaching', leads: [], viewers: [WAKEFIELD_BOARD_GROUP], settings: {} };

let issuer: TestIssuer;
let graph: GraphServer;
let app: ServedApp;
let tenancy: Tenancy;
const clock = fixedClock(NOW);
const logger = memoryLogger();

async function openTenancy(env: Record<string, string>, orgs: Organisation[], withDirectory: boolean): Promise<Tenancy> {
  const config = loadConfig({ NODE_ENV: 'test', ...entraEnv(issuer), ...env });
  const registry = new SqliteRegistry(':memory:');
  for (const org of orgs) await registry.saveOrganisation(org);
  const directory = withDirectory ? directoryFromConfig(config, { clock, logger, graph: clientFor(graph, { maxRetries: 1 }) }) : undefined;
  const opened = await Tenancy.open({
    config,
    registry,
    clock,
    storeFor: (org) => new SqlitePlanStore(':memory:', org.id),
    ...(directory ? { directory } : {}),
  });
  for (const ctx of opened.contexts())
    await ctx.store.importActions([makeImportedAction({ ref: '1.1', title: `${ctx.org.id} own action`, owner: null })], NOW);
  app = await serveApp({ config, tenancy: opened, registry, clock, logger });
  return opened;
}

beforeAll(async () => {
  [issuer, graph] = await Promise.all([startIssuer(), startGraphServer()]);
  graph.users.push(...[LEEDS_STAFF, CHARITY, PARTNER, WAKEFIELD_BOARD, LATE, RUNNER].map((p) => p.user));
  tenancy = await openTenancy({ DIRECTORY_GROUPS: 'true', PLATFORM_ADMINS: PLATFORM_GROUP }, [LEEDS, WAKEFIELD], true);
});
afterAll(async () => {
  await app?.close();
  await tenancy?.close();
  await Promise.all([issuer?.close(), graph?.close()]);
});
beforeEach(() => {
  graph.script.length = 0;
  graph.refuseUsers = false;
});

async function call(who: Person, path: string, org?: string): Promise<Response> {
  // No groups claim: NHSmail's tokens leave it out (group overage).
  const token = await issuer.token(personClaims(who), { expOffsetSeconds: 86_400 });
  return fetch(`${app.baseUrl}/api${path}`, { headers: { authorization: `Bearer ${token}`, ...(org ? { 'x-wres-org': org } : {}) } });
}
const graphCalls = () => graph.requests.length;
const titles = async (res: Response) => ((await res.json()) as PlanResponse).actions.map((row) => row[2]);

describe('membership from the directory', () => {
  it('lets a person whose companyName is the organisation’s read its plan and not another’s', async () => {
    const own = await call(LEEDS_STAFF.person, '/plan', 'RR8');
    expect(own.status).toBe(200);
    expect(await titles(own)).toEqual(['RR8 own action']);
    const other = await call(LEEDS_STAFF.person, '/plan', 'RXF');
    expect(other.status).toBe(403);
    expect(((await other.json()) as ApiErrorBody).error.message).toContain('not a member of organisation RXF');
    // The switcher's list: Leeds only, as a viewer.
    const me = (await (await call(LEEDS_STAFF.person, '/me')).json()) as MeResponse;
    expect(me.organisations).toEqual([{ id: 'RR8', name: 'Leeds Teaching Hospitals', role: 'viewer' }]);
  });

  it('refuses a value that only contains, or is contained in, the organisation’s', async () => {
    for (const near of [CHARITY, PARTNER]) {
      const res = await call(near.person, '/plan', 'RR8');
      expect(res.status).toBe(403);
      expect(((await res.json()) as ApiErrorBody).error.message).toContain(`signed in as ${near.person.displayName}`);
    }
  });

  it('admits a member of a listed group whose token carries no groups claim, by asking Graph', async () => {
    const res = await call(WAKEFIELD_BOARD.person, '/plan');
    expect(res.status).toBe(200);
    expect(await titles(res)).toEqual(['RXF own action']);
    expect(graph.requests).toContain(`POST /v1.0/users/${WAKEFIELD_BOARD.user.id}/checkMemberGroups`);
    expect((await call(WAKEFIELD_BOARD.person, '/plan', 'RR8')).status).toBe(403);
    // PLATFORM_ADMINS may name a group too: its members manage the registry, and read no plan.
    expect((await call(RUNNER.person, '/admin/organisations')).status).toBe(200);
    expect((await call(WAKEFIELD_BOARD.person, '/admin/organisations')).status).toBe(403);
    expect((await call(RUNNER.person, '/plan', 'RXF')).status).toBe(403);
  });

  it('asks the directory once a period per person: the next requests ask nothing, then after the hour it asks again', async () => {
    clock.set(NOW);
    await call(LATE.person, '/plan', 'RR8');
    const before = graphCalls();
    expect((await call(LATE.person, '/plan', 'RR8')).status).toBe(200);
    expect((await call(LATE.person, '/me')).status).toBe(200);
    expect(graphCalls() - before).toBe(0);
    clock.set('2026-03-10T10:00:01Z');
    expect((await call(LATE.person, '/plan', 'RR8')).status).toBe(200);
    expect(graphCalls() - before).toBeGreaterThan(0);
    clock.set(NOW);
  });

  it('says the directory could not be checked when it is down or refused (503), and admits once it answers', async () => {
    const fresh = person('Dee Down', 6, { companyName: 'Leeds Teaching Hospitals NHS Trust' });
    graph.users.push(fresh.user);
    graph.script.push({ where: 'request', status: 503, retryAfter: '0', match: /\/users\//, times: 20 });
    for (const path of ['/plan', '/me']) {
      const res = await call(fresh.person, path, path === '/plan' ? 'RR8' : undefined);
      expect(res.status).toBe(503);
      const message = ((await res.json()) as ApiErrorBody).error.message;
      expect(message).toContain('could not be checked just now');
      expect(message).not.toContain('not a member');
    }
    // Listed by email: the directory is not needed, and its outage changes nothing.
    expect((await call(BOARD, '/plan', 'RR8')).status).toBe(200);
    graph.script.length = 0;
    graph.refuseUsers = true;
    // The outage's answer is kept for 30 seconds, so each request does not wait out Graph's retries again.
    clock.set('2026-03-10T09:00:30Z');
    const refused = await call(fresh.person, '/plan', 'RR8');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as ApiErrorBody).error.message).toContain('User.Read.All');
    graph.refuseUsers = false;
    clock.set('2026-03-10T09:01:00Z');
    expect((await call(fresh.person, '/plan', 'RR8')).status).toBe(200);
    clock.set(NOW);
  });
});

describe('with no directory option configured', () => {
  it('never calls Graph, and a listed group id still matches only through a groups claim', async () => {
    await app.close();
    await tenancy.close();
    tenancy = await openTenancy({}, [{ ...LEEDS, directoryValues: [] }, WAKEFIELD], true);
    const before = graphCalls();
    for (const p of [LEEDS_STAFF, WAKEFIELD_BOARD]) {
      expect((await call(p.person, '/me')).status).toBe(403);
      expect((await call(p.person, '/plan', 'RXF')).status).toBe(403);
    }
    expect((await call(BOARD, '/plan', 'RR8')).status).toBe(200);
    const claimed = await issuer.token(personClaims(WAKEFIELD_BOARD.person, { groups: [WAKEFIELD_BOARD_GROUP] }));
    const viaClaim = await fetch(`${app.baseUrl}/api/plan`, { headers: { authorization: `Bearer ${claimed}`, 'x-wres-org': 'RXF' } });
    expect(viaClaim.status).toBe(200);
    expect(graphCalls() - before).toBe(0);
  });
});
