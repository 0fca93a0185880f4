// GET /api/plan over real HTTP: 5,000 actions in a temp SQLite file, the real app from
// createServer with the tab's API router, listening on 127.0.0.1:0. 50 requests after a
// warm-up; prints the median and p95 (target: median under 50 ms).
import { performance } from 'node:perf_hooks';
import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import type { ImportedAction } from '../bot/src/store/plan-store.js';
import { startApi } from '../test/api/harness.js';

const ACTIONS = 5000;
const REQUESTS = 50;
const NOW = '2026-11-23T10:00:00.000Z';

/** 5,000 actions made by repeating the sample plan under new references, notes and all. */
function bigPlan(): ImportedAction[] {
  const sample = buildSamplePlan(new Date(NOW));
  return Array.from({ length: ACTIONS }, (_, i) => {
    const base = sample[i % sample.length]!;
    return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Prints the median and p95 time of GET /api/plan with 5,000 actions. */
export default async function (): Promise<void> {
  const api = await startApi({ ED_LEADS: '', LOAD_SAMPLE_PLAN: 'false', SCHEDULER: 'false' }, { plan: bigPlan(), now: NOW });
  try {
    let bytes = 0;
    const get = async () => {
      const res = await api.call('/api/plan');
      if (!res.ok) throw new Error(`GET /api/plan answered ${res.status}: ${await res.text()}`);
      bytes = (await res.arrayBuffer()).byteLength;
    };
    for (let i = 0; i < 3; i++) await get();
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < REQUESTS; i++) {
      const start = performance.now();
      await get();
      times.push(performance.now() - start);
    }
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    console.log(`GET /api/plan, ${ACTIONS} actions, ${(bytes / 1024).toFixed(0)} KiB body, ${REQUESTS} requests over HTTP`);
    console.log(
      `median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, cpu ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(1)} ms per request (target: median < 50 ms)`,
    );
  } finally {
    await api.close();
  }
}
