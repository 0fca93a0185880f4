/**
 * Membership from the directory, through the real GraphApi client at the
 * local Graph stand-in: checkMemberGroups 20 ids a call, the attribute read,
 * Graph's faults (403 without the permission, 429 retried, 503 past the
 * retries) and the per-person cache in front (hits ask nothing, expiry by
 * the injected clock, failures kept for 30 seconds only, the least recently used dropped).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { DirectoryQuestion } from '../../bot/src/domain/directory-membership.js';
import { GraphDirectoryMembership } from '../../bot/src/graph/directory-membership.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { CachedDirectoryMembership } from '../../bot/src/service/directory-cache.js';
import { clientFor } from './harness.js';
import { startGraphServer, type GraphServer } from './graph-server.js';

const group = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const GROUPS = Array.from({ length: 25 }, (_, i) => group(i + 1));
const PRIYA = {
  id: 'aaaa0000-0000-4000-8000-000000000001',
  displayName: 'Priya Shah',
  mail: 'priya.shah@example.nhs.uk',
  userPrincipalName: 'priya.shah@example.nhs.uk',
  companyName: 'Leeds Teaching Hospitals NHS Trust',
  // One group in each call of 20, and one not asked about.
  memberOf: [group(3), group(24), group(99)],
};
const SAM = { ...PRIYA, id: 'aaaa0000-0000-4000-8000-000000000002', companyName: null, memberOf: [] };
const NOBODY = 'aaaa0000-0000-4000-8000-00000000dead';
const ASK: DirectoryQuestion = { groupIds: GROUPS, attribute: 'companyName' };

let server: GraphServer;
const logger = memoryLogger();
let graph: GraphDirectoryMembership;
beforeAll(async () => {
  server = await startGraphServer();
  server.users.push(PRIYA, SAM);
  graph = new GraphDirectoryMembership(clientFor(server, { maxRetries: 2 }), logger);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.script.length = 0;
  server.refuseUsers = false;
  server.refuseGroupMembership = false;
  logger.lines.length = 0;
});

describe('the Graph adapter', () => {
  it('finds transitive groups 20 ids a call and reads the attribute once', async () => {
    const facts = await graph.lookUp(PRIYA.id, ASK);
    expect(facts).toEqual({ kind: 'known', groups: [group(3), group(24)], value: 'Leeds Teaching Hospitals NHS Trust' });
    expect(server.requests.filter((r) => r.endsWith('/checkMemberGroups'))).toHaveLength(2);
    expect(server.requests.filter((r) => r === `GET /v1.0/users/${PRIYA.id}`)).toHaveLength(1);
  });

  it('says a person Entra does not know, or with no value, is in no group and has no value', async () => {
    expect(await graph.lookUp(NOBODY, ASK)).toEqual({ kind: 'known', groups: [], value: null });
    expect(await graph.lookUp(SAM.id, ASK)).toEqual({ kind: 'known', groups: [], value: null });
  });

  it('names the permission to grant when Graph refuses (403), and logs it once', async () => {
    server.refuseGroupMembership = true;
    const first = await graph.lookUp(PRIYA.id, ASK);
    expect(first).toEqual({ kind: 'unavailable', reason: expect.stringContaining('GroupMember.Read.All') });
    await graph.lookUp(SAM.id, ASK);
    const refusals = logger.lines.filter((l) => l.message.includes('grant it the application permission'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.fields).toMatchObject({ status: 403 });

    server.refuseGroupMembership = false;
    server.refuseUsers = true;
    const attribute = await graph.lookUp(PRIYA.id, { groupIds: [], attribute: 'companyName' });
    expect(attribute).toEqual({ kind: 'unavailable', reason: expect.stringContaining('User.Read.All') });
  });

  it('rides out a 429 with its Retry-After, and reports an outage that outlasts the retries', async () => {
    server.script.push({ where: 'request', status: 429, retryAfter: '0', match: /checkMemberGroups/, times: 1 });
    expect((await graph.lookUp(PRIYA.id, { groupIds: [group(3)] })).kind).toBe('known');

    server.script.push({ where: 'request', status: 503, retryAfter: '0', match: /\/users\//, times: 10 });
    const outage = await graph.lookUp(PRIYA.id, ASK);
    expect(outage).toEqual({ kind: 'unavailable', reason: 'the directory (Microsoft Entra) could not be reached' });
  });
});

describe('the cache in front of it', () => {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const cached = (maxPeople?: number) =>
    new CachedDirectoryMembership(graph, { clock, ttlMinutes: 60, ...(maxPeople ? { maxPeople } : {}) });

  it('asks Graph once per person per period, member or not, and again after it', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const directory = cached();
    await directory.lookUp(PRIYA.id, ASK);
    await directory.lookUp(NOBODY, ASK);
    const asked = server.requests.length;
    expect(asked).toBe(2 * 3);
    expect(await directory.lookUp(PRIYA.id, ASK)).toMatchObject({ kind: 'known', value: 'Leeds Teaching Hospitals NHS Trust' });
    expect(await directory.lookUp(NOBODY.toUpperCase(), ASK)).toMatchObject({ kind: 'known', groups: [] });
    expect(server.requests.length - asked).toBe(0);

    clock.set('2026-03-10T09:59:59Z');
    await directory.lookUp(PRIYA.id, ASK);
    expect(server.requests.length - asked).toBe(0);
    clock.set('2026-03-10T10:00:00Z');
    await directory.lookUp(PRIYA.id, ASK);
    expect(server.requests.length - asked).toBe(3);
  });

  it('keeps a failure for 30 seconds only: an outage is not asked again on every request, and recovery is seen soon', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const directory = cached();
    server.refuseUsers = true;
    expect((await directory.lookUp(PRIYA.id, ASK)).kind).toBe('unavailable');
    const asked = server.requests.length;
    server.refuseUsers = false;
    clock.set('2026-03-10T09:00:29Z');
    expect((await directory.lookUp(PRIYA.id, ASK)).kind).toBe('unavailable');
    expect(server.requests.length).toBe(asked);
    clock.set('2026-03-10T09:00:30Z');
    expect((await directory.lookUp(PRIYA.id, ASK)).kind).toBe('known');
  });

  it('asks again when the question changes, and keeps at most maxPeople, dropping the least recently used', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const directory = cached(2);
    await directory.lookUp(PRIYA.id, ASK);
    await directory.lookUp(SAM.id, ASK);
    await directory.lookUp(PRIYA.id, ASK);
    const asked = server.requests.length;
    await directory.lookUp(NOBODY, ASK); // Sam, least recently used, goes.
    await directory.lookUp(PRIYA.id, ASK);
    expect(server.requests.length - asked).toBe(3);
    await directory.lookUp(SAM.id, ASK);
    expect(server.requests.length - asked).toBe(6);
    await directory.lookUp(SAM.id, { groupIds: [group(3)] });
    expect(server.requests.length - asked).toBe(7);
  });
});
