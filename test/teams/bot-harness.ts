/**
 * Runs the real express app (createServer + the Teams bot + a temp SQLite
 * store) on 127.0.0.1 with a fake Bot Connector as the serviceUrl, and
 * builds the activities Teams would POST to /api/messages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { createServer } from '../../bot/src/server.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import type { ImportedAction, PlanStore } from '../../bot/src/store/plan-store.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { FakeBotConnector, type FakeTeamsUser } from '../fakes/bot-connector-server.js';
import { makeImportedAction, makeImportedProgress } from '../store/fixtures.js';

/** "Now" for the bot tests: Tuesday 10 March 2026, 09:00 UK time. */
export const NOW = '2026-03-10T09:00:00Z';
export const TENANT = 'tenant-1';
export const PUBLIC_URL = 'https://wres.example.nhs.uk';

/** A Teams user: the person plus their Teams id. */
export type TestUser = Required<Person> & { teamsId: string };

export const ASHA: TestUser = {
  displayName: 'Asha Patel',
  email: 'asha.patel@example.nhs.uk',
  aadObjectId: '11111111-1111-4111-8111-111111111111',
  teamsId: '29:asha',
};
export const BEN: TestUser = {
  displayName: 'Ben Okafor',
  email: 'ben.okafor@example.nhs.uk',
  aadObjectId: '22222222-2222-4222-8222-222222222222',
  teamsId: '29:ben',
};
export const LEAD: TestUser = {
  displayName: 'Lena Hart',
  email: 'lena.hart@example.nhs.uk',
  aadObjectId: '33333333-3333-4333-8333-333333333333',
  teamsId: '29:lena',
};

/**
 * Today is 2026-03-10. 1.1 Asha, due 17 Mar, Amber, one update ·
 * 1.2 Ben, due 28 Feb (overdue), Red · 1.3 Asha, due 31 Mar, Green ·
 * 2.2 Asha, complete.
 */
function botTestPlan(): ImportedAction[] {
  const owner = (u: TestUser): Person => ({ displayName: u.displayName, email: u.email, aadObjectId: u.aadObjectId });
  return [
    makeImportedAction({
      ref: '1.1',
      planYear: '2025/26',
      indicators: [2],
      title: 'Audit shortlisting panels for diversity',
      measure: 'Every band 8a+ panel has a BME member',
      owner: owner(ASHA),
      dueDate: '2026-03-17',
      dueText: '17/3/2026',
      history: [
        makeImportedProgress({ text: 'Panels for 3 of 5 posts audited', submittedAt: '2026-02-12T10:00:00Z', authorName: 'Asha Patel' }),
      ],
    }),
    makeImportedAction({
      ref: '1.2',
      planYear: '2025/26',
      indicators: [3],
      title: 'Review disciplinary cases by ethnicity',
      owner: owner(BEN),
      dueDate: '2026-02-28',
      dueText: 'February 2026',
      rag: 'Red',
    }),
    makeImportedAction({
      ref: '1.3',
      planYear: '2025/26',
      indicators: [4],
      title: 'Publish CPD access figures',
      owner: owner(ASHA),
      dueDate: '2026-03-31',
      dueText: 'March 2026',
      rag: 'Green',
    }),
    makeImportedAction({
      ref: '2.2',
      planYear: '2025/26',
      indicators: [9],
      title: 'Reverse mentoring for board members',
      owner: owner(ASHA),
      dueDate: '2026-01-31',
      dueText: 'January 2026',
      status: 'Complete',
      rag: 'Blue',
    }),
  ];
}

/** What the bot answered an HTTP POST with. */
interface BotResponse {
  status: number;
  body: unknown;
}

/** The running app, its store and connector, and helpers to talk to it as Teams would. */
export interface BotHarness {
  store: SqlitePlanStore;
  service: PlanService;
  connector: FakeBotConnector;
  logger: ReturnType<typeof memoryLogger>;
  clock: ReturnType<typeof fixedClock>;
  url: string;
  post(activity: Record<string, unknown>): Promise<BotResponse>;
  close(): Promise<void>;
}

/** Starts everything; users are known to the connector's member directory unless `unknownToTeams`. */
export async function startBotHarness(
  options: { plan?: ImportedAction[]; unknownToTeams?: TestUser[]; storeForBot?: (store: PlanStore) => PlanStore } = {},
): Promise<BotHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-bot-'));
  const store = new SqlitePlanStore(join(dir, 'wres.db'));
  await store.init();
  await store.importActions(options.plan ?? botTestPlan(), '2026-01-05T09:00:00Z');
  const clock = fixedClock(NOW);
  const logger = memoryLogger();
  const hidden = new Set((options.unknownToTeams ?? []).map((u) => u.aadObjectId));
  const users: FakeTeamsUser[] = [ASHA, BEN, LEAD]
    .filter((u) => !hidden.has(u.aadObjectId))
    .map((u) => ({ id: u.teamsId, aadObjectId: u.aadObjectId, name: u.displayName, email: u.email, tenantId: TENANT }));
  const connector = await new FakeBotConnector({ users, tenantId: TENANT }).start();
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL, ED_LEADS: LEAD.email, SCHEDULER: 'false', TIMEZONE: 'Europe/London' });
  const botStore = options.storeForBot?.(store) ?? store;
  const service = new PlanService(botStore, clock);
  const bot = createTeamsBot(config, { store: botStore, service, clock, logger });
  const app = createServer({ config, store, service, clock, logger, botHandler: bot.handler });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    store,
    service,
    connector,
    logger,
    clock,
    url,
    async post(activity) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where activities go: any harness with a Bot Connector stand-in (this one, or the organisations' harness). */
type ActivityTarget = { connector: { url: string } };

let sequence = 0;

/** The fields every activity from Teams carries, in `user`'s 1:1 chat with the bot. */
function envelope(h: ActivityTarget, user: TestUser): Record<string, unknown> {
  return {
    id: `incoming-${++sequence}`,
    timestamp: NOW,
    serviceUrl: h.connector.url,
    channelId: 'msteams',
    from: { id: user.teamsId, name: user.displayName, aadObjectId: user.aadObjectId },
    recipient: { id: '28:wres-bot', name: 'WRES' },
    conversation: { id: conversationOf(user), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** The id of `user`'s 1:1 conversation with the bot. */
export function conversationOf(user: TestUser): string {
  return `a:personal-${user.teamsId.slice(3)}`;
}

/** A chat message from `user`. */
export function message(h: ActivityTarget, user: TestUser, text: string): Record<string, unknown> {
  return { ...envelope(h, user), type: 'message', text };
}

/** What Teams sends when `user` installs the app in personal scope. */
export function membersAdded(h: ActivityTarget, user: TestUser): Record<string, unknown> {
  return { ...envelope(h, user), type: 'conversationUpdate', membersAdded: [{ id: '28:wres-bot' }] };
}

/** The installationUpdate Teams sends alongside. */
export function installationAdd(h: ActivityTarget, user: TestUser): Record<string, unknown> {
  return { ...envelope(h, user), type: 'installationUpdate', action: 'add' };
}

/** `user` pressing an Action.Execute button: `data` is the button's data merged with the card's inputs. */
export function cardAction(h: ActivityTarget, user: TestUser, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return {
    ...envelope(h, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
