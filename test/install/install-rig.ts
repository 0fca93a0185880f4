/**
 * Proactive installation end to end: the real express app and Teams bot
 * over HTTP with the Bot Connector stand-in (test/fakes/), the local HTTPS
 * Graph stand-in serving the directory, the Teams app catalogue and
 * installations (test/graph/), the real reminder job, notifier and
 * installer, on SQLite or on the SharePoint store (on the same stand-in).
 * When the stand-in installs the app for someone, "Teams" posts the
 * conversationUpdate to the bot — while the run waits, or never.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { fixedClock, type Timer } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { proactiveInstallerFromConfig } from '../../bot/src/install-from-config.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import type { RunReport } from '../../bot/src/reminders/run-report.js';
import { scheduleJobs } from '../../bot/src/reminders/scheduler.js';
import { createServer } from '../../bot/src/server.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import type { ImportedAction, PlanStore } from '../../bot/src/store/plan-store.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot, type BotApp } from '../../bot/src/teams/bot-app.js';
import { createTeamsNotifier } from '../../bot/src/teams/proactive-sender.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import type { FakeUser } from '../graph/fake-graph-routes.js';
import { startGraphServer, type GraphServer } from '../graph/graph-server.js';
import { clientFor, startRig, type StoreRig } from '../graph/harness.js';

const TENANT = 'tenant-1';
/** The Teams app's manifest id and its id in the organisation's catalogue (they differ). */
const MANIFEST_ID = 'f31b1263-ba99-435a-a679-911d24850d7c';
export const CATALOG_ID = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';
const WAIT_SECONDS = 10;

/** Someone in the directory (and in Teams, unless a test says otherwise). */
export interface Someone extends FakeUser {
  /** How the plan names them: `email` only, or also their object id. */
  planned: Person;
}

let n = 0;
/** A person of the organisation; the plan names them by email unless `withId`. */
export function someone(name: string, opts: { withId?: boolean; upn?: string } = {}): Someone {
  const id = `0000aaaa-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.nhs.uk`;
  return {
    id,
    displayName: name,
    mail: email,
    userPrincipalName: opts.upn ?? email,
    planned: { displayName: name, email, ...(opts.withId ? { aadObjectId: id } : {}) },
  };
}

/** What Teams does after an install: tell the bot while the run waits, or never (the run then uses the chat). */
type UpdateTiming = 'while-waiting' | 'never';

/** A Timer for the installer's wait: each sleep first lets "Teams" deliver the conversationUpdates it owes. */
class TeamsPacedTimer implements Timer {
  readonly sleeps: number[] = [];
  readonly owed: (() => Promise<void>)[] = [];
  private t = Date.parse('2026-03-18T09:00:00Z');
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    for (const deliver of this.owed.splice(0)) await deliver();
  }
}

export interface InstallRig {
  graph: GraphServer;
  connector: FakeBotConnector;
  store: PlanStore;
  bot: BotApp;
  config: Config;
  logger: ReturnType<typeof memoryLogger>;
  timer: TeamsPacedTimer;
  /** When each person's conversationUpdate comes (default: while the run waits). */
  timing: Map<string, UpdateTiming>;
  /** Posts what Teams sends the bot when `person` gets the app (conversation `a:update-<id>`). */
  appInstalledFor(person: FakeUser): Promise<void>;
  remind(iso: string): Promise<RunReport>;
  /** Starts the server's scheduler at `iso` (after REMINDER_TIME on a working day, so it catches up at once) and stops it when idle. */
  schedule(iso: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts everything, imports `plan` and registers `people` in the directory and with Teams. */
export async function startInstallRig(options: {
  store: 'sqlite' | 'sharepoint';
  people: Someone[];
  plan: ImportedAction[];
  env?: Record<string, string>;
}): Promise<InstallRig> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-install-'));
  let storeRig: StoreRig | null = null;
  let graph: GraphServer;
  let store: PlanStore;
  if (options.store === 'sharepoint') {
    storeRig = await startRig();
    graph = storeRig.server;
    store = await storeRig.open();
  } else {
    graph = await startGraphServer();
    store = new SqlitePlanStore(join(dir, 'wres.db'));
    await store.init();
  }
  graph.users.push(...options.people);
  graph.teams.apps.push({ id: CATALOG_ID, externalId: MANIFEST_ID, displayName: 'WRES Actions', distributionMethod: 'organization' });
  const connector = await new FakeBotConnector({
    tenantId: TENANT,
    users: options.people.map((p) => ({ id: `29:${p.id}`, aadObjectId: p.id, name: p.displayName, email: p.mail!, tenantId: TENANT })),
  }).start();
  await store.importActions(options.plan, '2026-01-05T09:00:00Z');

  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'https://wres.example.nhs.uk',
    SCHEDULER: 'false',
    PROACTIVE_INSTALL: 'true',
    TEAMS_APP_ID: MANIFEST_ID,
    PROACTIVE_INSTALL_WAIT_SECONDS: String(WAIT_SECONDS),
    ...options.env,
  });
  const clock = fixedClock('2026-03-18T09:00:00Z');
  const logger = memoryLogger();
  const service = new PlanService(store, clock);
  const bot = createTeamsBot(config, { store, service, clock, logger });
  const app = createServer({ config, store, service, clock, logger, botHandler: bot.handler });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const timer = new TeamsPacedTimer();
  const timing = new Map<string, UpdateTiming>();

  const appInstalledFor = async (person: FakeUser) => {
    const activity = {
      type: 'conversationUpdate',
      id: `update-${person.id}`,
      timestamp: clock.now().toISOString(),
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: { id: `29:${person.id}`, name: person.displayName, aadObjectId: person.id },
      recipient: { id: '28:wres-bot', name: 'WRES' },
      conversation: { id: `a:update-${person.id}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      membersAdded: [{ id: '28:wres-bot' }],
    };
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (res.status !== 200) throw new Error(`The bot answered the install update with ${res.status}`);
  };
  graph.teams.onInstall = (user) => {
    if ((timing.get(user.id) ?? 'while-waiting') === 'while-waiting') timer.owed.push(() => appInstalledFor(user));
  };

  const notifier = createTeamsNotifier(config, bot, logger);
  return {
    graph,
    connector,
    store,
    bot,
    config,
    logger,
    timer,
    timing,
    appInstalledFor,
    async remind(iso) {
      clock.set(iso);
      const install = proactiveInstallerFromConfig(config, { store, clock, logger, timer, graph: clientFor(graph) });
      return runReminders({ store, notifier, clock, config, logger, ...(install ? { install } : {}) });
    },
    async schedule(iso) {
      clock.set(iso);
      const install = proactiveInstallerFromConfig(config, { store, clock, logger, timer, graph: clientFor(graph) });
      const never = { setTimeout: () => 0, clearTimeout: () => undefined };
      await scheduleJobs({ store, notifier, clock, config, logger, timer: never, ...(install ? { install } : {}) }).stop();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.stop();
      if (storeRig) await storeRig.close();
      else {
        await store.close();
        await graph.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
