/**
 * The crash test for reminder delivery: `wres remind` runs over 200 due
 * reminders in a child process against the Bot Connector stand-in, is
 * SIGKILLed mid-run, and then the scheduler starts (as after a restart,
 * later than the claims' lease): every reminder is delivered, the ones that
 * may have gone twice are reported, and none is lost. On SQLite and on the
 * SharePoint store through the local HTTPS Graph server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../bot/src/cli/main.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { scheduleJobs } from '../../bot/src/reminders/scheduler.js';
import { INTERRUPTED_REASON } from '../../bot/src/reminders/undelivered.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { createStore } from '../../bot/src/store/create-store.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { createTeamsNotifier } from '../../bot/src/teams/proactive-sender.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import { startGraphServer, type GraphServer } from '../graph/graph-server.js';
import { clientFor, sharepointEnv } from '../graph/harness.js';
import { makeNewAction } from '../store/fixtures.js';
import { conversationFor } from './harness.js';

const CHILD = fileURLToPath(new URL('./wres-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REMINDERS = 200;
const PEOPLE = 50;
const CONCURRENCY = 16;
/** The killed run's clock; every reminder is a 7-day one. */
const RUN_AT = '2026-03-18T09:00:00Z';
/** After the 15-minute lease of the killed run's claims. */
const RESTART_AT = '2026-03-18T09:20:00Z';
/** Kill once this many cards have reached Teams: well into the run, well before its end. */
const KILL_AFTER_CARDS = 60;

const person = (n: number): Person => ({
  displayName: `Owner ${n}`,
  email: `owner.${n}@example.nhs.uk`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

interface Rig {
  /** The configuration both the child and the restarted scheduler run with. */
  env: Record<string, string>;
  /** Extra settings for the child only. */
  childEnv: Record<string, string>;
  openStore(): Promise<PlanStore>;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wres-kill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const COMMON = {
  NODE_ENV: 'test',
  SCHEDULER: 'false',
  LOAD_SAMPLE_PLAN: 'false',
  PUBLIC_URL: 'https://wres.example.nhs.uk',
  TEAMS_MESSAGES_PER_SECOND: '50',
  SEND_CONCURRENCY: String(CONCURRENCY),
  REMINDER_LEASE_MINUTES: '15',
};

async function sqliteRig(): Promise<Rig> {
  const dir = tempDir();
  const env = { ...COMMON, STORE: 'sqlite', DATABASE_PATH: join(dir, 'wres.db') };
  return { env, childEnv: {}, openStore: () => openStore(env), close: async () => undefined };
}

async function sharepointRig(): Promise<Rig> {
  const dir = tempDir();
  const server: GraphServer = await startGraphServer();
  cleanups.push(() => server.close());
  await provisionLists(clientFor(server), server.site.id, loadListSpecs());
  const env = { ...COMMON, ...sharepointEnv(server, join(dir, 'outbox.db')) };
  return { env, childEnv: { OUTBOX_PATH: join(dir, 'child-outbox.db') }, openStore: () => openStore(env), close: async () => undefined };
}

async function openStore(env: Record<string, string>): Promise<PlanStore> {
  const store = await createStore(loadConfig(env), { clock: fixedClock(RESTART_AT), logger: memoryLogger() });
  await store.init();
  return store;
}

/** 200 actions due in 7 days, four each for 50 people who all installed the app. */
async function seed(store: PlanStore, connector: FakeBotConnector): Promise<void> {
  const items = Array.from({ length: REMINDERS }, (_, i) => ({
    action: makeNewAction({
      ref: `9.${i + 1}`,
      planYear: '2025/26',
      title: `Action ${i + 1}`,
      owner: person(i % PEOPLE),
      dueDate: '2026-03-25',
    }),
    history: [],
  }));
  await store.importActions(items, '2026-03-02T09:00:00Z');
  for (let n = 0; n < PEOPLE; n++) await store.saveConversation(conversationFor(person(n), connector.url));
}

/** Runs `wres remind` in a child process and SIGKILLs it once `KILL_AFTER_CARDS` cards have arrived. */
async function remindAndKill(rig: Rig, connector: FakeBotConnector): Promise<{ signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'remind', '--now', RUN_AT], {
    cwd: ROOT,
    env: { ...process.env, ...rig.env, ...rig.childEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const poll = setInterval(() => {
    if (connector.sentCards().length >= KILL_AFTER_CARDS) child.kill('SIGKILL');
  }, 2);
  const result = await exited.finally(() => clearInterval(poll));
  if (result.signal !== 'SIGKILL') throw new Error(`wres remind was not killed (exit ${result.code}): ${stderr.slice(0, 500)}`);
  return result;
}

/** How many cards each action got, by the action id on its "Send update" button. */
function cardsPerAction(connector: FakeBotConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const card of connector.sentCards()) {
    const send = (card.actions as { data?: { actionId?: string } }[]).find((a) => a.data?.actionId);
    const id = send!.data!.actionId!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe.each([
  ['SQLite', sqliteRig],
  ['SharePoint (Graph stand-in)', sharepointRig],
])('a reminder run killed mid-run, on %s', (_, makeRig) => {
  it(
    'loses nothing: the restarted scheduler delivers every reminder and reports the few that may have gone twice',
    { timeout: 120_000 },
    async () => {
      const rig = await makeRig();
      const connector = await new FakeBotConnector().start();
      cleanups.push(() => connector.stop());
      const setup = await rig.openStore();
      await seed(setup, connector);
      const actionIds = (await setup.listActions()).map((a) => a.id);
      await setup.close();

      await remindAndKill(rig, connector);

      // What the killed run left: claims in flight, at most one per parallel sender.
      const afterKill = await rig.openStore();
      const ledger = await afterKill.listReminders();
      const inFlight = ledger.filter((e) => e.state === 'pending').length;
      const deliveredBeforeKill = cardsPerAction(connector).size;
      expect(inFlight).toBeGreaterThan(0);
      expect(inFlight).toBeLessThanOrEqual(CONCURRENCY);
      expect(deliveredBeforeKill).toBeLessThan(REMINDERS);
      await afterKill.close();

      // `wres status` after the lease names each interrupted reminder instead of hiding it.
      let statusOut = '';
      const statusCode = await main(['status', '--json'], rig.env, {
        clock: fixedClock(RESTART_AT),
        io: { stdout: (c) => void (statusOut += String(c)), stderr: () => undefined },
      });
      expect(statusCode).toBe(0);
      const undelivered = (JSON.parse(statusOut) as { undeliveredReminders: { reason: string }[] }).undeliveredReminders;
      expect(undelivered).toHaveLength(inFlight);
      expect(undelivered.every((u) => u.reason === INTERRUPTED_REASON)).toBe(true);

      // The service restarts after the lease: the scheduler catches up today's run.
      const config = loadConfig(rig.env);
      const clock = fixedClock(RESTART_AT);
      const logger = memoryLogger();
      const store = await rig.openStore();
      const bot = createTeamsBot(config, { store, service: new PlanService(store, clock), clock, logger });
      const scheduler = scheduleJobs({ store, clock, config, logger, notifier: createTeamsNotifier(config, bot, logger) });
      await scheduler.stop();

      const perAction = cardsPerAction(connector);
      expect(actionIds.filter((id) => !perAction.has(id))).toEqual([]);
      const sentTwice = [...perAction.values()].filter((n) => n > 1).length;
      expect([...perAction.values()].every((n) => n <= 2)).toBe(true);

      const messages = logger.lines.map((l) => l.message);
      const retried = Number(
        /^(\d+) reminders? retried after an interrupted run — (it|they) may have arrived twice\.$/.exec(
          messages.find((m) => m.includes('retried after an interrupted run')) ?? '',
        )?.[1],
      );
      expect(retried).toBe(inFlight);
      expect(sentTwice).toBeLessThanOrEqual(retried);
      expect(messages).toContain(
        `Reminder run for 2026-03-18: ${REMINDERS - ledger.filter((e) => e.state === 'sent').length} reminders sent, 0 not sent, 0 failed.`,
      );

      const final = await store.listReminders();
      expect(final).toHaveLength(REMINDERS);
      expect(final.every((e) => e.state === 'sent')).toBe(true);
      await store.close();
      await rig.close();
    },
  );
});
