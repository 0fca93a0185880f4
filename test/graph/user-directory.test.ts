/**
 * Identity by object id on the SharePoint store, against the local Graph
 * stand-in: import fills owners' Entra object ids from the directory
 * (batched, cached), and first contact links the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../bot/src/domain/clock.js';
import { GraphUserDirectory } from '../../bot/src/graph/user-directory.js';
import { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import { makeImportedAction } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

const PRIYA = {
  id: 'aaaa0000-0000-4000-8000-000000000001',
  displayName: 'Priya Shah',
  mail: 'priya.shah@example.nhs.uk',
  userPrincipalName: 'priya.shah@example.nhs.uk',
};
const SAM = {
  id: 'aaaa0000-0000-4000-8000-000000000002',
  displayName: 'Sam Lee',
  mail: 'sam.lee@example.nhs.uk',
  userPrincipalName: 'sam.lee@example.nhs.uk',
};

let rig: StoreRig;
let store: GraphPlanStore;
let directory: GraphUserDirectory;
beforeEach(async () => {
  rig = await startRig();
  rig.server.users.push(PRIYA, SAM);
  directory = new GraphUserDirectory(rig.graph, rig.logger);
  store = new GraphPlanStore({
    graph: rig.graph,
    site: { siteUrl: 'https://contoso.sharepoint.com/sites/wres' },
    outboxPath: rig.outboxPath,
    clock: systemClock,
    logger: rig.logger,
    cacheSeconds: 30,
    pacing: { autoFlush: false },
    users: directory,
  });
  await store.init();
});
afterEach(async () => {
  await store.close();
  await rig.close();
});

const userLookups = () => rig.server.batchedRequests.filter((r) => r.startsWith('GET /users/')).length;
const ownerOf = async (ref: string) => (await store.listActions()).find((a) => a.ref === ref)!.owner;

describe('filling owners’ object ids on import', () => {
  it('stores the Entra object id of every owner the directory knows, and leaves the others matching by email', async () => {
    await store.importActions(
      [
        makeImportedAction({ ref: '1.1', owner: { displayName: 'Priya Shah', email: 'Priya.Shah@example.nhs.uk' } }),
        makeImportedAction({ ref: '1.2', owner: { displayName: 'Sam Lee', email: SAM.mail } }),
        makeImportedAction({ ref: '1.3', owner: { displayName: 'Priya Shah', email: PRIYA.mail } }),
        makeImportedAction({ ref: '1.4', owner: { displayName: 'Left Trust', email: 'left.trust@example.nhs.uk' } }),
        makeImportedAction({ ref: '1.5', owner: null, leadRole: 'Head of Resourcing' }),
      ],
      '2026-03-01T09:00:00Z',
    );
    expect((await ownerOf('1.1'))?.aadObjectId).toBe(PRIYA.id);
    expect((await ownerOf('1.2'))?.aadObjectId).toBe(SAM.id);
    expect((await ownerOf('1.3'))?.aadObjectId).toBe(PRIYA.id);
    expect((await ownerOf('1.4'))?.aadObjectId).toBeUndefined();
    expect(await ownerOf('1.5')).toBeNull();
  });

  it('asks the directory once per distinct owner, in batches of 20, and remembers the answers', async () => {
    const people = Array.from({ length: 30 }, (_, i) => `owner.${i}@example.nhs.uk`);
    const items = people.map((email, i) => makeImportedAction({ ref: `2.${i + 1}`, owner: { displayName: `Owner ${i}`, email } }));
    const before = rig.server.requests.filter((r) => r.includes('$batch')).length;
    await store.importActions(
      [...items, makeImportedAction({ ref: '3.1', owner: { displayName: 'Owner 0', email: people[0]! } })],
      '2026-03-01T09:00:00Z',
    );
    expect(userLookups()).toBe(30);
    expect(rig.server.requests.filter((r) => r.includes('$batch')).length - before).toBeGreaterThanOrEqual(2);
    await directory.objectIdsFor(people);
    expect(userLookups()).toBe(30);
  });

  it('still imports everything when the directory refuses (no User.ReadBasic.All), and says so in the log', async () => {
    rig.server.refuseUsers = true;
    const summary = await store.importActions(
      [makeImportedAction({ ref: '5.1', owner: { displayName: 'Priya Shah', email: PRIYA.mail } })],
      '2026-03-01T09:00:00Z',
    );
    expect(summary.created).toBe(1);
    expect(await ownerOf('5.1')).toEqual({ displayName: 'Priya Shah', email: PRIYA.mail });
    expect(rig.logger.lines.some((l) => l.level === 'warn' && /directory/.test(l.message))).toBe(true);
    // Not remembered as unknown: once the permission is granted, the next import resolves them.
    rig.server.refuseUsers = false;
    expect(await directory.objectIdsFor([PRIYA.mail])).toEqual(new Map([[PRIYA.mail, PRIYA.id]]));
  });
});

describe('first contact on SharePoint', () => {
  it('links the actions owned by an email to the account, once, leaving other owners alone', async () => {
    await store.importActions(
      [
        makeImportedAction({ ref: '4.1', owner: { displayName: 'New Starter', email: 'new.starter@example.nhs.uk' } }),
        makeImportedAction({ ref: '4.2', owner: { displayName: 'New Starter', email: 'new.starter@example.nhs.uk' } }),
        makeImportedAction({ ref: '4.3', owner: { displayName: 'Priya Shah', email: PRIYA.mail } }),
      ],
      '2026-03-01T09:00:00Z',
    );
    const versions = (await store.listActions()).map((a) => a.version);
    expect(await store.linkOwnerObjectId('New.Starter@example.nhs.uk', 'bbbb0000-0000-4000-8000-000000000009')).toBe(2);
    expect((await ownerOf('4.1'))?.aadObjectId).toBe('bbbb0000-0000-4000-8000-000000000009');
    expect((await ownerOf('4.2'))?.aadObjectId).toBe('bbbb0000-0000-4000-8000-000000000009');
    expect((await ownerOf('4.3'))?.aadObjectId).toBe(PRIYA.id);
    expect((await store.listActions()).map((a) => a.version)).toEqual(versions);
    expect(await store.linkOwnerObjectId('new.starter@example.nhs.uk', 'cccc0000-0000-4000-8000-000000000010')).toBe(0);
    expect((await ownerOf('4.1'))?.aadObjectId).toBe('bbbb0000-0000-4000-8000-000000000009');
  });
});
