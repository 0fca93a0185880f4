// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the
// command line), prints their figures, then a summary table of every figure that
// has a target. Benchmarks print; they never assert.
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { printSummary, startBench } from './figures.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const started = Date.now();
console.log(
  `${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${load()}`,
);
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  console.log(`\n== ${name}`);
  startBench(name);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
printSummary();
console.log(`\nWhole run ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}.`);
