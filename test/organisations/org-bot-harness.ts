/**
 * Two organisations in one deployment, served by the real bot (botbuilder's
 * CloudAdapter behind the real express app) against the local Bot Connector
 * stand-in: North Trust (RXX) and South Trust (R1H), each with its own
 * settings, leads and plan, on either store as the app builds them (SQLite:
 * one file scoped per organisation; SharePoint: a site each on the local
 * Graph stand-in; see org-stores.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action, Person } from '../../bot/src/domain/model.js';
import type { DirectoryMembership } from '../../bot/src/domain/directory-membership.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { createServer } from '../../bot/src/server.js';
import { Tenancy, type OrgContext } from '../../bot/src/service/tenancy.js';
import { userDirectoryOf } from '../../bot/src/store/create-store.js';
import type { OrganisationRegistry } from '../../bot/src/store/organisation-registry.js';
import type { ImportedAction, PlanStore } from '../../bot/src/store/plan-store.js';
import { createTeamsBot, type BotApp } from '../../bot/src/teams/bot-app.js';
import { FakeBotConnector, type BotConnectorOptions } from '../fakes/bot-connector-server.js';
import { conversationFor } from '../reminders/harness.js';
import { makeImportedAction } from '../store/fixtures.js';
import { ASHA, BEN, LEAD, cardAction, conversationOf, message, type TestUser } from '../teams/bot-harness.js';
import { openOrgStores, type OrgStores, type StoreKind } from './org-stores.js';

export { ASHA, BEN, LEAD };
/** Activities from a person in their 1:1 chat with the bot, as the single-organisation harness makes them. */
export { conversationOf as chatOf, message as say, cardAction as press };
/** Owns actions in both organisations (a shared post). */
export const SAM: TestUser = {
  displayName: 'Sam Reid',
  email: 'sam.reid@example.nhs.uk',
  aadObjectId: '44444444-4444-4444-8444-444444444444',
  teamsId: '29:sam',
};
/** E&D lead of South, and of North too (a shared post). */
export const SOL: TestUser = {
  displayName: 'Sol Amari',
  email: 'sol.amari@example.nhs.uk',
  aadObjectId: '55555555-5555-4555-8555-555555555555',
  teamsId: '29:sol',
};
/** In neither organisation. */
export const OLLIE: TestUser = {
  displayName: 'Ollie Stone',
  email: 'ollie.stone@example.nhs.uk',
  aadObjectId: '66666666-6666-4666-8666-666666666666',
  teamsId: '29:ollie',
};

/** Tuesday 10 March 2026, 20:00 in London; already Wednesday 11 March, 09:00 in Auckland. */
const NOW = '2026-03-10T20:00:00Z';
const PUBLIC_URL = 'https://wres.example.nhs.uk';

/** North: London time, reminders 7 days ahead. South: Auckland time, 3 days ahead. */
const NORTH: Organisation = {
  id: 'RXX',
  name: 'North Trust',
  leads: [LEAD.email, SOL.email],
  viewers: [],
  settings: { reminderOffsetsDays: [7], timeZone: 'Europe/London' },
};
const SOUTH: Organisation = {
  id: 'R1H',
  name: 'South Trust',
  leads: [SOL.email],
  viewers: [],
  settings: { reminderOffsetsDays: [3], timeZone: 'Pacific/Auckland' },
};

export function owner(u: Person): Person {
  return { displayName: u.displayName, email: u.email!, aadObjectId: u.aadObjectId! };
}

/**
 * North: 1.1 Asha due 17 Mar, 1.2 Sam due 17 Mar, 1.9 Asha overdue. South: 1.1 Ben due 14 Mar, 1.2 Sam
 * due 14 Mar, 1.8 Ben overdue, 1.7 Ben due in June (one more than North: on SharePoint, where each site
 * numbers its own items, South's last id is not one of North's).
 */
function northPlan(extra: ImportedAction[] = []): ImportedAction[] {
  return [
    makeImportedAction({
      ref: '1.1',
      planYear: '2025/26',
      title: 'NORTH audit of shortlisting panels',
      owner: owner(ASHA),
      dueDate: '2026-03-17',
    }),
    makeImportedAction({ ref: '1.2', planYear: '2025/26', title: 'NORTH reverse mentoring', owner: owner(SAM), dueDate: '2026-03-17' }),
    makeImportedAction({
      ref: '1.9',
      planYear: '2025/26',
      title: 'NORTH overdue disciplinary review',
      owner: owner(ASHA),
      dueDate: '2026-02-20',
    }),
    ...extra,
  ];
}
function southPlan(extra: ImportedAction[] = []): ImportedAction[] {
  return [
    makeImportedAction({ ref: '1.1', planYear: '2025/26', title: 'SOUTH staff network charter', owner: owner(BEN), dueDate: '2026-03-14' }),
    makeImportedAction({
      ref: '1.2',
      planYear: '2025/26',
      title: 'SOUTH exit interview analysis',
      owner: owner(SAM),
      dueDate: '2026-03-14',
    }),
    makeImportedAction({
      ref: '1.8',
      planYear: '2025/26',
      title: 'SOUTH overdue board development',
      owner: owner(BEN),
      dueDate: '2026-02-20',
    }),
    makeImportedAction({ ref: '1.7', planYear: '2025/26', title: 'SOUTH mentoring circle', owner: owner(BEN), dueDate: '2026-06-30' }),
    ...extra,
  ];
}

export interface OrgHarness {
  config: Config;
  /** The backing store; `stores.snapshot(id)` reads an organisation's data there, past every cache. */
  stores: OrgStores;
  registry: OrganisationRegistry;
  tenancy: Tenancy;
  north: OrgContext;
  south: OrgContext;
  bot: BotApp;
  connector: FakeBotConnector;
  clock: ReturnType<typeof fixedClock>;
  logger: ReturnType<typeof memoryLogger>;
  post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** Saves a Teams conversation for each person in the organisation's own store. */
  reachable(context: OrgContext, people: Person[]): Promise<void>;
  actionOf(context: OrgContext, ref: string): Promise<Action>;
  close(): Promise<void>;
}

export async function startOrgHarness(
  options: {
    store?: StoreKind;
    north?: ImportedAction[];
    south?: ImportedAction[];
    env?: Record<string, string>;
    connector?: BotConnectorOptions;
    /** Each organisation's store, made by the test (default: as the app makes it for `store`). */
    storeFor?: (org: Organisation) => PlanStore;
    /** Changes to North's registration (e.g. directory values). */
    northOrg?: Partial<Organisation>;
    /** The directory membership is asked of (none by default). */
    directory?: DirectoryMembership;
  } = {},
): Promise<OrgHarness> {
  const clock = fixedClock(NOW);
  const env = { PUBLIC_URL, SCHEDULER: 'false', TIMEZONE: 'Europe/London', ...options.env };
  const people = [ASHA, BEN, LEAD, SAM, SOL, OLLIE];
  const stores = await openOrgStores(options.store ?? 'sqlite', [{ ...NORTH, ...options.northOrg }, SOUTH], { env, clock, people });
  const { config, registry } = stores;
  const logger = memoryLogger();
  const tenancy = await Tenancy.open({
    config,
    registry,
    storeFor: options.storeFor ?? stores.storeFor,
    clock,
    users: userDirectoryOf,
    ...(options.directory ? { directory: options.directory } : {}),
  });
  const north = tenancy.context('RXX')!;
  const south = tenancy.context('R1H')!;
  await north.store.importActions(options.north ?? northPlan(), '2026-03-09T09:00:00Z');
  await south.store.importActions(options.south ?? southPlan(), '2026-03-09T09:00:00Z');
  const users = people.map((u) => ({
    id: u.teamsId,
    aadObjectId: u.aadObjectId,
    name: u.displayName,
    email: u.email,
    tenantId: 'tenant-1',
  }));
  const connector = await new FakeBotConnector({ users, tenantId: 'tenant-1', ...options.connector }).start();
  const bot = createTeamsBot(config, { tenancy, clock, logger });
  const app = createServer({ config, store: north.store, service: north.service, clock, logger, botHandler: bot.handler });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    config,
    stores,
    registry,
    tenancy,
    north,
    south,
    bot,
    connector,
    clock,
    logger,
    async post(activity) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async reachable(context, people) {
      for (const p of people) await context.store.saveConversation(conversationFor(p, connector.url));
    },
    async actionOf(context, ref) {
      const found = (await context.store.listActions()).find((a) => a.ref === ref);
      if (!found) throw new Error(`no action ${ref} in ${context.org.id}`);
      return found;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.stop();
      await tenancy.close();
      await stores.close();
    },
  };
}

/** The Action.Execute data objects on a card (its refresh action too). */
export function executeData(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.data && typeof o.data === 'object') found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
