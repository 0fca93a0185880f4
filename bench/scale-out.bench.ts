// Scale-out: two instances share one storage account (Azurite, started here) and one plan store,
// and both start the same 1,000-reminder cycle at once, each with its own botbuilder adapter and
// its own pacing, sending to the local Bot Connector that enforces Teams' limits (per conversation
// 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app per tenant 50/s) with 429 + Retry-After. The blob cycle
// lease lets one run the cycle; the other is refused, asks again and finds nothing left to send.
// Figure: time until every reminder is delivered ÷ the rate-limit floor, duplicates and lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobCycleLease } from '../bot/src/azure/blob-cycle-lease.js';
import { loadConfig } from '../bot/src/config.js';
import { fixedClock } from '../bot/src/domain/clock.js';
import type { Person } from '../bot/src/domain/model.js';
import { memoryLogger } from '../bot/src/logger.js';
import { runReminders } from '../bot/src/reminders/reminder-job.js';
import type { RunReport } from '../bot/src/reminders/run-report.js';
import { PlanService } from '../bot/src/service/plan-service.js';
import { SqlitePlanStore } from '../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../bot/src/teams/bot-app.js';
import { createTeamsNotifier } from '../bot/src/teams/proactive-sender.js';
import { TEAMS_CONVERSATION_LIMITS } from '../bot/src/teams/rate-limiter.js';
import { startAzurite } from '../test/azure/azurite-setup.js';
import { conversationFor } from '../test/reminders/harness.js';
import { makeImportedAction } from '../test/store/fixtures.js';
import { report as reportFigure, times } from './figures.js';

const DUE = 1_000;
const PER_SECOND = 50;
const NOW = '2026-03-18T09:00:00Z'; // Wednesday; due-7 falls on actions due 25 March.

const person = (k: number): Person => ({
  displayName: `Owner ${k}`,
  email: `owner${k}@example.nhs.uk`,
  aadObjectId: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
});

/** As in reminders.bench.ts: one owner with 40 due, ten with 10, 860 with 1. */
const ownerOf = (i: number) => (i < 40 ? 0 : i < 140 ? 1 + Math.floor((i - 40) / 10) : 11 + (i - 140));
const OWNERS = 871;

async function startConnector(): Promise<{
  url: string;
  stats(): Promise<{ delivered: string[]; throttled: number }>;
  stop(): Promise<void>;
}> {
  const worker = new Worker(new URL('./reminders-connector.worker.mjs', import.meta.url), {
    workerData: { perConversation: [...TEAMS_CONVERSATION_LIMITS], perSecond: PER_SECOND, retryAfterSeconds: 1 },
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve) => worker.on('message', (m: Record<string, unknown>) => m.type === type && resolve(m)));
  const ready = await next('ready');
  return {
    url: ready.url as string,
    stats: async () => {
      const answer = next('stats');
      worker.postMessage('stats');
      return (await answer) as unknown as { delivered: string[]; throttled: number };
    },
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-scale-bench-'));
  const azurite = await startAzurite();
  const connector = await startConnector();
  try {
    const path = join(dir, 'plan.db');
    const setup = new SqlitePlanStore(path);
    await setup.init();
    const items = Array.from({ length: DUE }, (_, i) =>
      makeImportedAction({
        ref: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
        planYear: '2025/26',
        title: `Action ${i + 1}`,
        owner: person(ownerOf(i)),
        dueDate: '2026-03-25',
      }),
    );
    await setup.importActions(items, '2026-03-17T09:00:00Z');
    for (let k = 0; k < OWNERS; k++) await setup.saveConversation(conversationFor(person(k), connector.url));
    const expected = new Set((await setup.listActions()).map((a) => a.id));
    await setup.close();

    const config = loadConfig({
      NODE_ENV: 'test',
      TEAMS_MESSAGES_PER_SECOND: String(PER_SECOND),
      PUBLIC_URL: 'https://wres.example.nhs.uk',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    });
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(config.CYCLE_LEASE_CONTAINER);
    await container.createIfNotExists();
    const clock = fixedClock(NOW);

    /** One instance: its own store connection, bot, pacing and lease client; asks for the cycle until it gets it, as the scheduler does. */
    const instance = async () => {
      const store = new SqlitePlanStore(path);
      await store.init();
      const logger = memoryLogger();
      const bot = createTeamsBot(config, { store, service: new PlanService(store, clock), clock, logger });
      const notifier = createTeamsNotifier(config, bot, logger);
      const lease = new BlobCycleLease(container, { durationSeconds: config.CYCLE_LEASE_SECONDS }, logger);
      let refused = 0;
      for (;;) {
        const r = await lease.run('reminders', (hold) => runReminders({ store, notifier, clock, config, logger, hold }));
        if (r.ran) {
          await store.close();
          return { report: r.value, refused, at: performance.now() };
        }
        refused++;
        await new Promise((resolve) => setTimeout(resolve, lease.retryAfterMs));
      }
    };
    const started = performance.now();
    const runs: { report: RunReport; refused: number; at: number }[] = await Promise.all([instance(), instance()]);
    const [first, second] = [...runs].sort((x, y) => x.at - y.at) as [(typeof runs)[0], (typeof runs)[0]];
    const seconds = (first.at - started) / 1000;

    const { delivered, throttled } = await connector.stats();
    const unique = new Set(delivered);
    const deliveredActions = new Set([...unique].map((k) => k.split('|')[1]));
    const lost = [...expected].filter((id) => !deliveredActions.has(id)).length;
    const duplicates = delivered.length - unique.size;
    const floor = DUE / PER_SECOND;
    console.log(
      `scale-out: two instances, ${DUE} reminders due, ${OWNERS} owners; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
    );
    console.log(
      `  the cycle's instance sent ${first.report.sent.length}; the other was refused ${second.refused} times, then sent ${second.report.sent.length} (${second.report.skipped.length} found already sent or held)`,
    );
    console.log(
      `  all delivered after ${seconds.toFixed(2)} s; floor ${floor} s at ${PER_SECOND}/s; ratio ${(seconds / floor).toFixed(3)}; target <= 1.05`,
    );
    console.log(`  duplicates ${duplicates} (target 0), lost ${lost} (target 0), 429 answers from the connector ${throttled}`);
    reportFigure({
      measure: `reminder cycle, ${DUE.toLocaleString('en-GB')} due, two instances sharing Azurite, Teams limits enforced ÷ the rate-limit floor`,
      value: `${times(seconds / floor)}, ${duplicates} duplicates, ${lost} lost`,
      detail: `${seconds.toFixed(2)} s ÷ ${floor} s (${DUE} at ${PER_SECOND}/s); ${throttled} × 429`,
      target: '≤ 1.05×, 0 duplicates, 0 lost',
      met: seconds / floor <= 1.05 && duplicates === 0 && lost === 0,
    });
  } finally {
    await connector.stop();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
