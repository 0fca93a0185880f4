// `wres status` on an empty plan as a user runs it (bin/wres.mjs: the built CLI in dist/, after its
// freshness check) ÷ the same command through tsx from the sources (the old entry, kept as
// bench/wres-via-tsx.mjs), whole processes, alternating. Also checks that tsx is not a runtime
// dependency. Prints; never asserts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, report, times } from './figures.js';

const RUNS = 5;
const root = fileURLToPath(new URL('..', import.meta.url));

/** Wall milliseconds of one `wres status` through `entry`. */
function run(entry: string, dbPath: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, entry), 'status'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: dbPath, LOAD_SAMPLE_PLAN: 'false' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${entry} status exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  return performance.now() - start;
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-cli-bench-'));
  try {
    const db = join(dir, 'plan.db');
    const entries = ['bin/wres.mjs', 'bench/wres-via-tsx.mjs'] as const;
    for (const entry of entries) run(entry, db); // warm-up (and a build, when dist/ is stale)
    const ms: [number[], number[]] = [[], []];
    for (let i = 0; i < RUNS; i++) entries.forEach((entry, k) => ms[k]!.push(run(entry, db)));
    const [dist, tsx] = ms.map(median) as [number, number];
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const bin = readFileSync(join(root, 'bin/wres.mjs'), 'utf8');
    const fromDist = /import\('\.\.\/dist\/bot\/src\/cli\/main\.js'\)/.test(bin) && !/from 'tsx|import\('tsx/.test(bin);
    report({
      measure: '`wres` start-up (status, empty plan): bin/wres.mjs ÷ the old tsx entry',
      value: times(dist / tsx),
      detail: `${dist.toFixed(0)} ms ÷ ${tsx.toFixed(0)} ms, medians of ${RUNS} alternating; bin/wres.mjs runs ${fromDist ? 'dist/' : 'NOT dist/'}, tsx ${'tsx' in pkg.dependencies ? 'IS' : 'is not'} a runtime dependency`,
      target: 'runs from dist; tsx not a runtime dependency',
      met: fromDist && !('tsx' in pkg.dependencies) && dist < tsx,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
