/**
 * Isolation of two organisations on the SharePoint store, on the local Graph
 * stand-in, built the way the app builds them: the registry on the platform
 * site, `Tenancy.open` with `storeForOrganisation`, each organisation on its
 * own site with its own outbox. Nothing written for one is read or changed
 * through the other. The cases take only an `open(orgId)` store factory, so
 * they can run over another adapter's stores too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { createRegistry, storeForOrganisation, userDirectoryOf } from '../../bot/src/store/create-store.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import type { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { makeImportedAction, makeMetric, makeRecordUpdate, makeReminder } from '../store/fixtures.js';
import { SITE_A, startOrgsRig, type OrgsRig } from './graph-orgs-rig.js';

const A = 'RXA';
const B = 'RXB';
const AT = '2026-03-01T09:00:00Z';
type Open = (orgId: typeof A | typeof B) => PlanStore;

/** Store-level isolation between organisations A and B, over any adapter's stores. */
function isolationCases(open: Open): void {
  it('an import into A is not in B, and the same refs in B are B’s own actions', async () => {
    await open(A).importActions(
      [makeImportedAction({ ref: '1.1', title: 'North: shortlisting panels' }), makeImportedAction({ ref: '1.2' })],
      AT,
    );
    expect(await open(B).listActions()).toEqual([]);
    await open(B).importActions([makeImportedAction({ ref: '1.1', title: 'South: reverse mentoring' })], AT);
    expect((await open(A).listActions()).map((a) => [a.ref, a.title])).toEqual([
      ['1.1', 'North: shortlisting panels'],
      ['1.2', expect.any(String)],
    ]);
    expect((await open(B).listActions()).map((a) => [a.ref, a.title])).toEqual([['1.1', 'South: reverse mentoring']]);
  });

  it('an update recorded in A is in A’s log only; an action of A that B does not have is unknown to B', async () => {
    await open(A).importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], AT);
    await open(B).importActions([makeImportedAction({ ref: '9.9' })], AT);
    const [, a2] = await open(A).listActions();
    expect((await open(A).recordUpdate(makeRecordUpdate(a2!, { text: 'North only' }))).kind).toBe('recorded');
    expect((await open(A).listUpdates(a2!.id)).map((u) => u.text)).toEqual(['North only']);
    expect(await open(B).listUpdatesSince('2000-01-01T00:00:00Z')).toEqual([]);
    // A's second action has no counterpart in B: B neither reads it nor takes an update for it.
    expect(await open(B).getAction(a2!.id)).toBeNull();
    await expect(open(B).recordUpdate(makeRecordUpdate(a2!, { text: 'through B' }))).rejects.toMatchObject({ code: 'not_found' });
    expect((await open(A).listUpdates(a2!.id)).map((u) => u.text)).toEqual(['North only']);
    expect((await open(A).getAction(a2!.id))?.version).toBe(2);
  });

  it('reminder claims are kept per organisation: the same item claimed in A is still free in B', async () => {
    await open(A).importActions([makeImportedAction({ ref: '1.1' })], AT);
    await open(B).importActions([makeImportedAction({ ref: '1.1' })], AT);
    // Each site's first item: the same SharePoint item id, a different action.
    const [[ours], [theirs]] = [await open(A).listActions(), await open(B).listActions()];
    const key = makeReminder(ours!.id, { stage: 'due-7' });
    expect(await open(A).claimReminder(key)).toBe('claimed');
    expect(await open(A).claimReminder(key)).toBe('held');
    expect(await open(B).listReminders()).toEqual([]);
    expect(await open(B).claimReminder({ ...key, actionId: theirs!.id })).toBe('claimed');
    await open(A).markReminderSent(key, '2026-03-24T08:01:00Z');
    expect((await open(B).listReminders()).map((r) => r.state)).toEqual(['pending']);
  });

  it('WRES figures saved for A are not B’s', async () => {
    await open(A).saveMetrics([makeMetric({ measure: 'shortlisted.bme', value: 120 })]);
    expect(await open(B).listMetrics()).toEqual([]);
    await open(B).saveMetrics([makeMetric({ measure: 'shortlisted.bme', value: 7 })]);
    expect((await open(A).listMetrics()).map((m) => m.value)).toEqual([120]);
  });
}

let rig: OrgsRig;
let tenancy: Tenancy;
beforeEach(async () => {
  // No retries: an injected outage reaches the outbox at once instead of waiting out Retry-After.
  rig = await startOrgsRig();
  rig.config = { ...rig.config, GRAPH_MAX_RETRIES: 0 };
  const registry = createRegistry(rig.config);
  await registry.saveOrganisation(rig.north);
  await registry.saveOrganisation(rig.south);
  tenancy = await Tenancy.open({
    config: rig.config,
    registry,
    storeFor: storeForOrganisation(rig.config, { clock: fixedClock(AT), logger: memoryLogger() }),
    clock: fixedClock(AT),
    users: userDirectoryOf,
  });
});
afterEach(async () => {
  await tenancy.close();
  await rig.close();
});

describe('SharePoint: two organisations on two sites', () => {
  isolationCases((id) => tenancy.context(id)!.store);

  it('keeps each organisation’s plan on its own site and nothing on the platform site', async () => {
    await tenancy.context(A)!.store.importActions([makeImportedAction({ ref: '1.1' })], AT);
    const items = (site: typeof rig.siteA) => site.lists.find((l) => l.displayName === 'WRES Actions')!.items.size;
    expect([items(rig.siteA), items(rig.siteB), items(rig.server.site)]).toEqual([1, 0, 0]);
  });

  it('queues an update for A in A’s own outbox while A’s site is down, and delivers it to A’s site only', async () => {
    const a = tenancy.context(A)!.store as GraphPlanStore;
    const b = tenancy.context(B)!.store as GraphPlanStore;
    await a.importActions([makeImportedAction({ ref: '1.1' })], AT);
    await b.importActions([makeImportedAction({ ref: '1.1' })], AT);
    const [action] = await a.listActions();
    const siteKey = rig.siteA.id.split(',')[1]!;
    rig.server.script.push({ where: 'step', status: 503, retryAfter: '0', match: new RegExp(siteKey), times: 50 });
    const result = await a.recordUpdate(makeRecordUpdate(action!, { text: 'Queued for North' }));
    expect(result).toMatchObject({ kind: 'recorded', pending: true });

    expect(existsSync(join(rig.dir, 'outbox-RXA.db'))).toBe(true);
    expect(existsSync(join(rig.dir, 'outbox-RXB.db'))).toBe(true);
    expect((await a.health()).pendingWrites).toBe(1);
    expect((await b.health()).pendingWrites).toBe(0);
    expect(await b.flushOutbox()).toBe(0);

    rig.server.script.length = 0;
    expect(await a.flushOutbox()).toBe(0);
    const logOf = (site: typeof rig.siteA) =>
      [...site.lists.find((l) => l.displayName === 'WRES Progress Updates')!.items.values()].map((i) => i.fields.UpdateText);
    expect(logOf(rig.siteA)).toEqual(['Queued for North']);
    expect(logOf(rig.siteB)).toEqual([]);
  });
});

describe('SharePoint start-up with organisations', () => {
  it('serves the other organisations when one’s site was not granted, names it, its site and the grant, and serves it once granted', async () => {
    await tenancy.close();
    rig.siteA.granted = false;
    const logger = memoryLogger();
    const open = () =>
      Tenancy.open({
        config: rig.config,
        registry: createRegistry(rig.config),
        storeFor: storeForOrganisation(rig.config, { logger: memoryLogger() }),
        clock: fixedClock(AT),
        logger,
      });
    tenancy = await open();
    const north = tenancy.context('RXA')!;
    expect(north.unavailable).toContain('North Trust (RXA)');
    expect(north.unavailable).toMatch(new RegExp(`${rig.siteA.id}|${SITE_A}`));
    expect(north.unavailable).toContain('403');
    expect(north.unavailable).toContain('/permissions');
    // Every surface that reads North's store meets the same refusal, in words.
    await expect(north.store.listActions()).rejects.toMatchObject({ code: 'unavailable', message: north.unavailable });
    expect(tenancy.context('RXB')!.unavailable).toBeUndefined();
    await expect(tenancy.context('RXB')!.store.listActions()).resolves.toBeDefined();
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['error', 'North Trust (RXA) cannot be served just now: the other organisations are served as usual'],
    ]);

    rig.siteA.granted = true;
    expect(await tenancy.refresh()).toBe(false);
    expect(tenancy.unavailable()).toEqual([]);
    await expect(tenancy.context('RXA')!.store.listActions()).resolves.toBeDefined();
    expect(logger.lines.at(-1)?.message).toBe('North Trust (RXA) is served again');
  });

  it('refuses a registered organisation with no site, naming it', () => {
    const storeFor = storeForOrganisation(rig.config, { logger: memoryLogger() });
    const { site: _none, ...siteless } = rig.north;
    expect(() => storeFor(siteless)).toThrow(/Organisation North Trust \(RXA\) has no SharePoint site.*wres org set RXA --site/);
    expect(() => storeFor({ ...rig.south, site: { siteUrl: `${SITE_A}/` } })).not.toThrow();
    expect(() => storeFor(rig.north)).toThrow(/North Trust \(RXA\) and .*South Trust \(RXB\)|South Trust \(RXB\) and North Trust \(RXA\)/);
  });
});
