// SQLite PlanStore figures: a 5,000-action import (first run and re-run),
// listing, a run of progress updates and reminder claims, on a temp file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqlitePlanStore } from '../bot/src/store/sqlite/sqlite-plan-store.js';
import { makeImportedPlan, makeRecordUpdate, makeReminder } from '../test/store/fixtures.js';

const ACTIONS = 5000;
const UPDATES = 2000;

/** Runs `fn` and prints its wall time and this process's CPU time (CPU is steadier on a busy machine). */
async function timed<T>(label: string, fn: () => Promise<T>, count = 1): Promise<T> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rate = count > 1 ? `  (${((count / ms) * 1000).toFixed(0)}/s)` : '';
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms wall ${cpuMs.toFixed(1).padStart(8)} ms cpu${rate}`);
  return result;
}

/** Prints timings for the operations the app leans on hardest. */
export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-bench-'));
  const store = new SqlitePlanStore(join(dir, 'wres.db'));
  try {
    await timed('init (migrations on a new file)', () => store.init());
    const plan = makeImportedPlan(ACTIONS);
    await timed(`importActions ${ACTIONS} new (1 transaction)`, () => store.importActions(plan, '2026-01-05T09:00:00Z'));
    await timed(`importActions ${ACTIONS} again (unchanged)`, () => store.importActions(plan, '2026-01-06T09:00:00Z'));
    for (const item of plan) item.action.title += ' (revised)';
    await timed(`importActions ${ACTIONS} all changed`, () => store.importActions(plan, '2026-01-07T09:00:00Z'));
    const actions = await timed(`listActions (${ACTIONS})`, () => store.listActions());
    await timed(
      `recordUpdate x ${UPDATES} (1 transaction each)`,
      async () => {
        for (let i = 0; i < UPDATES; i += 1) {
          const action = actions[i % actions.length]!;
          const result = await store.recordUpdate(
            makeRecordUpdate(action, {
              submittedAt: `2026-01-08T10:${String(i % 60).padStart(2, '0')}:00Z`,
            }),
          );
          if (result.kind === 'recorded') actions[i % actions.length] = result.action;
        }
      },
      UPDATES,
    );
    await timed(
      `claimReminder x ${ACTIONS}`,
      async () => {
        for (const action of actions) await store.claimReminder(makeReminder(action.id));
      },
      ACTIONS,
    );
    await timed('listUpdatesSince (all)', () => store.listUpdatesSince('2000-01-01T00:00:00Z'));
    console.log('health', JSON.stringify(await store.health()));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
