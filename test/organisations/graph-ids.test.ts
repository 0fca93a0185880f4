/**
 * SharePoint numbers every list's items from 1 on every site, so two
 * organisations' sites hold the same item numbers. A registered
 * organisation's ids carry its code (`RXA-1`), and its store takes no other:
 * on the local Graph stand-in with two organisation sites, an id of one
 * organisation given to the other is "not found" — in the store, through the
 * API, through a card — and never reaches the other's item of the same
 * number. Updates queued in the outbox (raw item ids, before and after ids
 * carried the code) reach their own site's item.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action } from '../../bot/src/domain/model.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { createRegistry, storeForOrganisation, userDirectoryOf } from '../../bot/src/store/create-store.js';
import { SqliteOutbox } from '../../bot/src/store/outbox/sqlite-outbox.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import type { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import { graphStoreForOrganisation } from '../../bot/src/store/sharepoint/organisation-stores.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { azureStorageFromConfig, openQueueOutbox } from '../../bot/src/azure/azure-storage.js';
import { azuriteConnectionString, azuriteQueues, uniqueName } from '../azure/azurite.js';
import { entraEnv, LEAD, personClaims, startIssuer, type TestIssuer } from '../api/harness.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import type { FakeSite } from '../graph/fake-sharepoint.js';
import { makeImportedAction, makeRecordUpdate, makeReminder } from '../store/fixtures.js';
import { SITE_A, SITE_B, startOrgsRig, type OrgsRig } from './graph-orgs-rig.js';
import { describeOrganisationIsolation } from './isolation-cases.js';
import { SAM, SOL, chatOf, press, say, startOrgHarness, type OrgHarness } from './org-bot-harness.js';

const AT = '2026-03-01T09:00:00Z';

let rig: OrgsRig;
beforeAll(async () => {
  rig = await startOrgsRig();
});
afterAll(async () => {
  await rig?.close();
});

/** Both organisation sites' plan lists emptied and numbered from 1 again, so the same item numbers are on both. */
function emptySites(): void {
  for (const site of [rig.siteA, rig.siteB]) {
    for (const list of site.lists) {
      list.items.clear();
      list.nextId = 1;
    }
  }
}

/** What a site holds of the plan: its actions and progress log, as the stand-in keeps them. */
function holdings(site: FakeSite): string {
  const items = (name: string) => [...site.lists.find((l) => l.displayName === name)!.items.values()];
  return JSON.stringify([items('WRES Actions'), items('WRES Progress Updates')]);
}

/** `orgId`'s store as the app makes it (its own site and outbox), on SITE_A for the first organisation asked for, SITE_B for the second. */
function storesOn(config: Config): (orgId: string) => GraphPlanStore {
  const make = graphStoreForOrganisation(config, { logger: memoryLogger() });
  const sites = new Map<string, string>();
  return (orgId) => {
    if (!sites.has(orgId)) sites.set(orgId, sites.size === 0 ? SITE_A : SITE_B);
    return make({ id: orgId, name: `Trust ${orgId}`, site: { siteUrl: sites.get(orgId)! }, leads: [], viewers: [], settings: {} });
  };
}

describeOrganisationIsolation(
  'sharepoint (two organisations, a site each, the same item numbers)',
  async () => {
    emptySites();
    const dir = mkdtempSync(join(tmpdir(), 'wres-ids-'));
    const storeFor = storesOn({ ...rig.config, OUTBOX_PATH: join(dir, 'outbox.db') });
    const opened: PlanStore[] = [];
    return {
      async storeFor(orgId) {
        const store = storeFor(orgId);
        await store.init();
        opened.push(store);
        return store;
      },
      async close() {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { conversations: 'per-organisation' },
);

describe('ids of a registered organisation on SharePoint', () => {
  const NORTH = 'RXA';
  const SOUTH = 'RXB';
  let issuer: TestIssuer;
  let tenancy: Tenancy;
  let app: ServedApp;
  let ours: Action;
  let theirs: Action;
  const store = (orgId: string) => tenancy.context(orgId)!.store;

  beforeAll(async () => {
    emptySites();
    issuer = await startIssuer(AT);
    // GRAPH_MAX_RETRIES 0: an injected outage reaches the outbox at once.
    const config = { ...loadConfig({ ...rig.env, ...entraEnv(issuer) }), GRAPH_MAX_RETRIES: 0 };
    const registry = createRegistry(config);
    // A lead of both organisations: the person most likely to hold the other one's link.
    await registry.saveOrganisation({ ...rig.north, leads: [LEAD.email] });
    await registry.saveOrganisation({ ...rig.south, leads: [LEAD.email] });
    const clock = fixedClock(AT);
    tenancy = await Tenancy.open({
      config,
      registry,
      storeFor: storeForOrganisation(config, { clock, logger: memoryLogger() }),
      clock,
      users: userDirectoryOf,
    });
    await store(NORTH).importActions([makeImportedAction({ ref: '1.1', title: 'North: shortlisting panels' })], AT);
    await store(SOUTH).importActions([makeImportedAction({ ref: '1.1', title: 'South: reverse mentoring' })], AT);
    ours = (await store(NORTH).listActions())[0]!;
    theirs = (await store(SOUTH).listActions())[0]!;
    app = await serveApp({ config, tenancy, registry, clock });
  });
  afterAll(async () => {
    await app?.close();
    await tenancy?.close();
    await issuer?.close();
  });

  it('carry the organisation’s code; A’s store refuses B’s id and a bare item id, though A has that item', async () => {
    expect(ours.id).toMatch(/^RXA-\d+$/);
    expect(theirs.id).toMatch(/^RXB-\d+$/);
    const bare = ours.id.slice('RXA-'.length);
    expect(theirs.id.slice('RXB-'.length)).toBe(bare); // the same SharePoint item number on both sites
    const before = [holdings(rig.siteA), holdings(rig.siteB)];

    for (const id of [theirs.id, bare, `rxa-${bare}`, `RXA-0${bare}`]) {
      expect(await store(NORTH).getAction(id)).toBeNull();
      expect(await store(NORTH).listUpdates(id)).toEqual([]);
      expect(await store(NORTH).listReminders(id)).toEqual([]);
      const refused = store(NORTH).recordUpdate(makeRecordUpdate({ ...ours, id }, { text: 'Through the wrong id' }));
      await expect(refused).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining(id) as string });
      await expect(store(NORTH).claimReminder(makeReminder(id))).rejects.toMatchObject({ code: 'not_found' });
    }
    expect([holdings(rig.siteA), holdings(rig.siteB)]).toEqual(before);
    expect(await store(NORTH).getAction(ours.id)).toMatchObject({ id: ours.id, title: 'North: shortlisting panels' });
  });

  it('keep the same item number apart through the API: A’s router answers 404 for B’s action and changes neither site', async () => {
    const call = async (orgId: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${await issuer.token(personClaims(LEAD))}`, 'x-wres-org': orgId };
      if (body) headers['content-type'] = 'application/json';
      return fetch(`${app.baseUrl}/api${path}`, {
        method: body ? 'POST' : 'GET',
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    };
    const before = [holdings(rig.siteA), holdings(rig.siteB)];
    const update = { requestId: 'ids-api-0001', expectedVersion: theirs.version, text: 'Meant for South.', rag: 'Green' };
    expect((await call(NORTH, `/actions/${theirs.id}`)).status).toBe(404);
    expect((await call(NORTH, `/actions/${theirs.id}/updates`, update)).status).toBe(404);
    expect((await call(NORTH, `/actions/${theirs.id.slice('RXB-'.length)}/updates`, update)).status).toBe(404);
    expect([holdings(rig.siteA), holdings(rig.siteB)]).toEqual(before);
    // The same link in its own organisation opens South's action.
    const own = await call(SOUTH, `/actions/${theirs.id}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { action: { title: string } }).action.title).toBe('South: reverse mentoring');
  });

  /** A's progress log as its site holds it: [ActionId, text] per item. */
  const logOfA = () =>
    [...rig.siteA.lists.find((l) => l.displayName === 'WRES Progress Updates')!.items.values()].map((i) => [
      i.fields.ActionId,
      i.fields.UpdateText,
    ]);

  it.each(['file', 'queue'] as const)(
    'leave outbox entries as raw item ids (%s outbox): one queued before ids carried the code and one during an outage reach A’s item only',
    async (kind) => {
      const dir = mkdtempSync(join(tmpdir(), 'wres-ids-outbox-'));
      const queue = uniqueName('ids-outbox');
      const config = {
        ...rig.config,
        OUTBOX_PATH: join(dir, 'outbox.db'),
        GRAPH_MAX_RETRIES: 0,
        ...(kind === 'queue' ? { AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(), OUTBOX_QUEUE: queue } : {}),
      };
      try {
        // Queued by the app before ids carried the code: the raw item id, at the version SharePoint holds.
        const raw = ours.id.slice('RXA-'.length);
        const version = Number(rig.siteA.lists.find((l) => l.displayName === 'WRES Actions')!.items.get(raw)!.fields.RowVersion);
        const queuedBefore = makeRecordUpdate(
          { ...ours, id: raw, version },
          { requestId: `before-${kind}`, text: `Queued before (${kind})`, rag: 'Red' },
        );
        const outbox =
          kind === 'queue'
            ? await openQueueOutbox(azureStorageFromConfig(config)!, { OUTBOX_QUEUE: `${queue}-rxa` }, memoryLogger())
            : new SqliteOutbox(join(dir, 'outbox-RXA.db'));
        // Parked as the app parks an update it could not deliver: acknowledged ("saved — syncing"), left for a later flush.
        await outbox.acknowledge(await outbox.add(queuedBefore, new Date(AT)));
        await outbox.close();
        const [logBefore, southBefore] = [logOfA(), holdings(rig.siteB)];
        // A's site takes no write (every write step 503) while its store starts and while an owner submits.
        const siteKey = rig.siteA.id.split(',')[1]!;
        rig.server.script.push({ where: 'step', status: 503, retryAfter: '0', match: new RegExp(`^(PATCH|POST) .*${siteKey}`), times: 50 });
        const north = graphStoreForOrganisation(config, { logger: memoryLogger() })(rig.north);
        try {
          await north.init();
          const current = (await north.getAction(ours.id))!;
          expect(current).toMatchObject({ rag: 'Red', version: version + 1 }); // the queued update shows as it will be
          const cmd = makeRecordUpdate(current, { requestId: `after-${kind}`, text: `Queued during the outage (${kind})` });
          expect(await north.recordUpdate({ ...cmd, update: { ...cmd.update, submittedAt: '2026-01-07T10:00:00Z' } })).toMatchObject({
            kind: 'recorded',
            pending: true,
            action: { id: ours.id, version: version + 2 },
          });
          expect((await north.health()).pendingWrites).toBe(2);
          rig.server.script.length = 0;
          expect(await north.flushOutbox()).toBe(0);
        } finally {
          await north.close();
        }
        expect(logOfA().slice(logBefore.length)).toEqual([
          [raw, `Queued before (${kind})`],
          [raw, `Queued during the outage (${kind})`],
        ]);
        expect(holdings(rig.siteB)).toBe(southBefore);
      } finally {
        rig.server.script.length = 0;
        rmSync(dir, { recursive: true, force: true });
        if (kind === 'queue')
          for (const name of [`${queue}-rxa`, `${queue}-rxa-poison`]) await azuriteQueues().getQueueClient(name).deleteIfExists();
      }
    },
  );
});

describe('a card of one organisation handed to the other (the bot, SharePoint stores)', () => {
  let h: OrgHarness;
  let dir: string;
  beforeAll(async () => {
    emptySites();
    dir = mkdtempSync(join(tmpdir(), 'wres-ids-bot-'));
    // The harness's North (RXX) on SITE_A, South (R1H) on SITE_B, made as the app makes them.
    const make = graphStoreForOrganisation({ ...rig.config, OUTBOX_PATH: join(dir, 'outbox.db') }, { logger: memoryLogger() });
    const storeFor = (org: Organisation) => make({ ...org, site: { siteUrl: org.id === 'RXX' ? SITE_A : SITE_B } });
    h = await startOrgHarness({ storeFor });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses South’s action id on a North card, and a bare item id, for a lead of both: neither site changes', async () => {
    const south = await h.actionOf(h.south, '1.1');
    const north = await h.actionOf(h.north, '1.1');
    expect(south.id.slice('R1H-'.length)).toBe(north.id.slice('RXX-'.length)); // the same item number
    const submit = (orgId: string, actionId: string) =>
      h.post(
        press(h, SOL, VERBS.sendUpdate, {
          orgId,
          actionId,
          expectedVersion: south.version,
          requestId: `ids-card-${actionId}`,
          text: 'Meant for South',
          rag: 'Red',
        }),
      );
    const before = [holdings(rig.siteA), holdings(rig.siteB)];
    for (const id of [south.id, south.id.slice('R1H-'.length)]) {
      const answer = JSON.stringify((await submit('RXX', id)).body);
      expect(answer).toContain('Action not found');
      expect(answer).not.toContain('NORTH audit of shortlisting panels');
    }
    expect([holdings(rig.siteA), holdings(rig.siteB)]).toEqual(before);

    // The card as South sent it is recorded on South's item.
    expect(JSON.stringify((await submit('R1H', south.id)).body)).toContain('South Trust (R1H)');
    expect(await h.south.store.listUpdates(south.id)).toMatchObject([{ actionId: south.id, text: 'Meant for South' }]);
    expect(await h.north.store.listUpdates(north.id)).toEqual([]);
  });

  it('links each card’s action into the tab with its organisation named', async () => {
    await h.post(say(h, SAM, 'my actions'));
    const links = h.connector
      .sentCards(chatOf(SAM))
      .map((card) => JSON.stringify(card).match(/"url":"([^"]+\/tab\/actions\/[^"]+)"/)?.[1])
      .filter(Boolean);
    const north = await h.actionOf(h.north, '1.2');
    const south = await h.actionOf(h.south, '1.2');
    expect(links).toEqual([
      `https://wres.example.nhs.uk/tab/actions/${north.id}?org=RXX`,
      `https://wres.example.nhs.uk/tab/actions/${south.id}?org=R1H`,
    ]);
  });
});
