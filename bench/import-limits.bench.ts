// Import limits: the peak memory of `wres import` on a 5,000-action XLSX (a child process, as a user
// runs it) against the same command's idle peak (`wres status`), and the time to refuse a 1.5 MB XLSX
// whose shared strings unpack to 480 MB against the time to read a small real plan, in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../bot/src/importers/import-plan.js';
import { sharedStringsBomb } from '../test/fixtures/hostile-files.js';
import { issuePlanXlsx } from '../test/fixtures/plan-fixtures.js';
import { report, times } from './figures.js';
import { writePlan } from './import.bench.js';

const CLI = fileURLToPath(new URL('../test/import/measured-cli.mjs', import.meta.url));

/** Peak RSS in MB of one `wres` run in a child process. */
function peakMb(args: string[], dbPath: string): number {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: dbPath, LOAD_SAMPLE_PLAN: 'false' },
    encoding: 'utf8',
  });
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1]);
  if (!kb) throw new Error(`wres ${args.join(' ')} gave no figure: ${run.stderr.slice(0, 300)}`);
  return kb / 1024;
}

async function medianMs(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn().catch(() => undefined);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Prints the import's peak RSS and the bomb's refusal time, each as a ratio to its reference. */
export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-limits-bench-'));
  try {
    const plan = join(dir, 'plan.xlsx');
    await writePlan(plan);
    const idle = peakMb(['status'], join(dir, 'idle.db'));
    const importing = peakMb(['import', plan], join(dir, 'import.db'));
    report({
      measure: 'wres import peak RSS, 5,000-action XLSX ÷ the idle command',
      value: times(importing / idle),
      detail: `${importing.toFixed(0)} MB ÷ wres status ${idle.toFixed(0)} MB, child processes`,
      target: 'bounded: ≤ 2× idle',
      met: importing / idle <= 2,
    });

    const bomb = await sharedStringsBomb(await issuePlanXlsx(), 480);
    writeFileSync(join(dir, 'bomb.xlsx'), bomb);
    const small = await issuePlanXlsx();
    const reference = await medianMs(5, () => readDocument(small, 'xlsx'));
    const refusal = await medianMs(5, () => readDocument(bomb, 'xlsx', 'bomb.xlsx'));
    const bombPeak = peakMb(['import', join(dir, 'bomb.xlsx')], join(dir, 'bomb.db'));
    report({
      measure: `refusing a ${(bomb.length / 1024 / 1024).toFixed(1)} MB XLSX that unpacks to 480 MB ÷ reading a 5-action plan`,
      value: times(refusal / reference),
      detail: `${refusal.toFixed(1)} ms ÷ ${reference.toFixed(1)} ms, median of 5`,
      target: 'refused before parsing: ≤ 1×',
      met: refusal <= reference,
    });
    report({
      measure: 'wres import of that XLSX, peak RSS ÷ the idle command',
      value: times(bombPeak / idle),
      detail: `${bombPeak.toFixed(0)} MB ÷ ${idle.toFixed(0)} MB`,
      target: 'bounded: ≤ 1.1× idle',
      met: bombPeak / idle <= 1.1,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
