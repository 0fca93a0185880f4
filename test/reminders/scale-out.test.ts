/**
 * Two instances share one reminder cycle through a blob lease on Azurite
 * (bot/src/azure/blob-cycle-lease.ts), one plan store and the Bot Connector
 * stand-in. While one holds the cycle the other is refused; when the holder
 * stops (it stops renewing, or it is SIGKILLed mid-send) the lease lapses
 * and the other takes over. Nothing is lost. Bot Connector has no
 * idempotency key, so a card in flight at SIGKILL can arrive twice: that
 * is bounded by the killed instance's in-flight claims and reported; a
 * graceful handover sends nothing twice. Both scenarios wait for a real
 * 15-second lease to lapse, so they run side by side.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BlobCycleLease } from '../../bot/src/azure/blob-cycle-lease.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { scheduleJobs } from '../../bot/src/reminders/scheduler.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { createTeamsNotifier } from '../../bot/src/teams/proactive-sender.js';
import { azuriteBlobs, azuriteConnectionString, uniqueName } from '../azure/azurite.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import { makeNewAction } from '../store/fixtures.js';
import { conversationFor } from './harness.js';

const CHILD = fileURLToPath(new URL('./wres-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LEASE_SECONDS = 15;
/** The cycle's clock; every reminder is a 7-day one. */
const RUN_AT = '2026-03-18T09:00:00Z';
/** The survivor's clock in the kill case: past the killed run's 15-minute reminder claims (the scheduler's follow-up run). */
const AFTER_CLAIMS = '2026-03-18T09:20:00Z';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const person = (n: number): Person => ({
  displayName: `Owner ${n}`,
  email: `owner.${n}@example.nhs.uk`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

interface Rig {
  env: Record<string, string>;
  connector: FakeBotConnector;
  actionIds: string[];
  openStore(): Promise<PlanStore>;
}

/** A plan of `reminders` 7-day reminders for `people` owners who installed the app, in a SQLite file both instances open. */
async function rig(reminders: number, people: number, env: Record<string, string>, perSecond?: number): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-scale-'));
  // With `perSecond`, the stand-in enforces Teams' per-tenant limit (429 beyond it) across both instances.
  const connector = await new FakeBotConnector(perSecond ? { rateLimits: { perSecond } } : {}).start();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => connector.stop());
  const container = uniqueName('cycles');
  cleanups.push(async () => void (await azuriteBlobs().getContainerClient(container).deleteIfExists()));
  const fullEnv = {
    NODE_ENV: 'test',
    SCHEDULER: 'false',
    LOAD_SAMPLE_PLAN: 'false',
    PUBLIC_URL: 'https://wres.example.nhs.uk',
    STORE: 'sqlite',
    DATABASE_PATH: join(dir, 'wres.db'),
    REMINDER_LEASE_MINUTES: '15',
    AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
    CYCLE_LEASE_CONTAINER: container,
    CYCLE_LEASE_SECONDS: String(LEASE_SECONDS),
    ...env,
  };
  const openStore = async () => {
    const store = new SqlitePlanStore(fullEnv.DATABASE_PATH);
    await store.init();
    cleanups.push(() => store.close());
    return store;
  };
  const store = await openStore();
  const items = Array.from({ length: reminders }, (_, i) => ({
    action: makeNewAction({
      ref: `9.${i + 1}`,
      planYear: '2025/26',
      title: `Action ${i + 1}`,
      owner: person(i % people),
      dueDate: '2026-03-25',
    }),
    history: [],
  }));
  await store.importActions(items, '2026-03-02T09:00:00Z');
  for (let n = 0; n < people; n++) await store.saveConversation(conversationFor(person(n), connector.url));
  return { env: fullEnv, connector, actionIds: (await store.listActions()).map((a) => a.id), openStore };
}

/** How many cards each action got, by the action id on its "Send update" button. */
function cardsPerAction(connector: FakeBotConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const card of connector.sentCards()) {
    const id = (card.actions as { data?: { actionId?: string } }[]).find((a) => a.data?.actionId)!.data!.actionId!;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** One instance in this process: its own store connection, bot, paced notifier and lease client. */
async function instance(r: Rig, o: { renewEveryMs?: number; now?: string } = {}) {
  const config = loadConfig(r.env);
  const clock = fixedClock(o.now ?? RUN_AT);
  const logger = memoryLogger();
  const store = await r.openStore();
  const bot = createTeamsBot(config, { store, service: new PlanService(store, clock), clock, logger });
  const notifier = createTeamsNotifier(config, bot, logger);
  const lease = new BlobCycleLease(
    azuriteBlobs().getContainerClient(config.CYCLE_LEASE_CONTAINER),
    { durationSeconds: LEASE_SECONDS, ...(o.renewEveryMs ? { renewEveryMs: o.renewEveryMs } : {}) },
    logger,
  );
  const deps = { store, notifier, clock, config, logger };
  return { lease, logger, deps, remind: () => lease.run('reminders', (hold) => runReminders({ ...deps, hold })) };
}

describe.concurrent('two instances sharing the reminder cycle through a blob lease (Azurite)', () => {
  it(
    'hands over gracefully: the holder stops renewing and stops sending, the other takes over after the lapse, and nothing is sent twice',
    { timeout: 120_000 },
    async () => {
      // 4 a second for 60 reminders: 15 s of sending, longer than the unrenewed 15-second lease holds.
      const r = await rig(60, 30, { TEAMS_MESSAGES_PER_SECOND: '4', SEND_CONCURRENCY: '4' }, 4);
      const holder = await instance(r, { renewEveryMs: 10 * 60_000 });
      const other = await instance(r);
      const check = await r.openStore();
      await azuriteBlobs().getContainerClient(r.env.CYCLE_LEASE_CONTAINER!).createIfNotExists();

      const first = holder.remind();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await other.remind()).toEqual({ ran: false });
      const firstRun = await first;
      if (!firstRun.ran) throw new Error('the first instance did not get the cycle');
      const leftToOthers = firstRun.value.skipped.filter((s) => s.reason === 'claimed-elsewhere').length;
      expect(leftToOthers).toBeGreaterThan(0);

      // The lapse: the other instance asks again, as the scheduler does after `retryAfterMs`.
      let second = await other.remind();
      for (let i = 0; !second.ran && i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        second = await other.remind();
      }
      if (!second.ran) throw new Error('the lease was not taken over after it lapsed');
      expect(second.value.sent).toHaveLength(leftToOthers);

      const perAction = cardsPerAction(r.connector);
      expect(r.actionIds.filter((id) => !perAction.has(id))).toEqual([]);
      expect([...perAction.values()].filter((n) => n > 1)).toEqual([]);
      // One instance sent at a time: together they stayed within the per-tenant rate.
      expect(r.connector.throttledCount).toBe(0);
      expect((await check.listReminders()).every((e) => e.state === 'sent')).toBe(true);
    },
  );

  it(
    'takes over from an instance SIGKILLed mid-cycle: nothing lost, and at most its in-flight sends arrive twice (reported)',
    { timeout: 150_000 },
    async () => {
      const concurrency = 8;
      const r = await rig(120, 30, { TEAMS_MESSAGES_PER_SECOND: '50', SEND_CONCURRENCY: String(concurrency) });
      await azuriteBlobs().getContainerClient(r.env.CYCLE_LEASE_CONTAINER!).createIfNotExists();
      // Instance A: `wres remind` in a child process, holding the cycle, SIGKILLed mid-send.
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'remind', '--now', RUN_AT], {
        cwd: ROOT,
        env: { ...process.env, ...r.env },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const poll = setInterval(() => {
        if (r.connector.sentCards().length >= 30) child.kill('SIGKILL');
      }, 2);
      expect(await exited.finally(() => clearInterval(poll))).toBe('SIGKILL');
      const store = await r.openStore();
      const inFlight = (await store.listReminders()).filter((e) => e.state === 'pending').length;
      expect(inFlight).toBeLessThanOrEqual(concurrency);

      // Instance B: the scheduler, started after the killed run's reminder claims lapsed (its clock), but while
      // A's cycle lease is still live: it is refused, asks again, and takes the cycle over once the lease lapses.
      const b = await instance(r, { now: AFTER_CLAIMS });
      const scheduler = scheduleJobs({ ...b.deps, lease: b.lease });
      await vi.waitFor(async () => expect((await store.listReminders()).every((e) => e.state === 'sent')).toBe(true), {
        timeout: 90_000,
        interval: 250,
      });
      await scheduler.stop();

      const messages = b.logger.lines.map((l) => l.message);
      expect(messages.some((m) => m.startsWith('Another instance is running the reminders cycle'))).toBe(true);
      const perAction = cardsPerAction(r.connector);
      const sentTwice = [...perAction.values()].filter((n) => n > 1).length;
      expect(r.actionIds.filter((id) => !perAction.has(id))).toEqual([]);
      expect([...perAction.values()].every((n) => n <= 2)).toBe(true);
      // B reports every one it sent after the killed run's claim: each may have arrived twice.
      const retried = Number(
        /^(\d+) reminders? retried after an interrupted run/.exec(
          messages.find((m) => m.includes('retried after an interrupted run')) ?? '',
        )?.[1] ?? 0,
      );
      expect(retried).toBe(inFlight);
      expect(sentTwice).toBeLessThanOrEqual(inFlight);
      console.info(`Kill mid-cycle: ${inFlight} in flight at SIGKILL, ${sentTwice} arrived twice, 0 lost of ${r.actionIds.length}.`);
    },
  );
});
