// Plan import end to end: a generated 5,000-action XLSX read, mapped and saved into a
// new SQLite file (the same path as `wres import`), three runs, median reported.
// Also times a re-import of the same file into the filled store. Target: under 3 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { importPlanFile } from '../bot/src/importers/import-plan.js';
import { SqlitePlanStore } from '../bot/src/store/sqlite/sqlite-plan-store.js';

const ACTIONS = 5000;
const RUNS = 3;
const LEADS = [
  'Head of Resourcing',
  'Megan Bowen <meganb@example.com>',
  'alexw@example.com',
  'Director of Workforce and OD',
  'Adele Vance',
];
const DUES = ['31/03/2020', '30 November 2019', 'End of June 2020', 'ongoing', 'Q3 2019/20', 'April 2020'];
const RAGS = ['Red', 'Amber', 'Green', 'Blue - complete', ''];

/** Writes a realistic plan of ACTIONS rows to `path`. */
export async function writePlan(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['WRES ACTION PLAN 2019-2020']);
  ws.addRow(['Ref', 'Indicator', 'Theme', 'Action', 'Measure of success', 'Lead', 'Due by', 'Progress update', 'RAG']);
  for (let i = 1; i <= ACTIONS; i++) {
    ws.addRow([
      `${Math.ceil(i / 100)}.${i % 100}`,
      `Indicator ${(i % 9) + 1}`,
      `Theme ${i % 40}: BME staff are under-represented at band 8a and above`,
      `<p>Action ${i}: audit shortlisting &amp; interview decisions for band 7 and above posts in directorate ${i % 12}</p>`,
      'Audit report to the Workforce Equality Group with findings by directorate',
      LEADS[i % LEADS.length],
      DUES[i % DUES.length],
      `Scoping agreed. 06.10.2019: Panels for ${i % 5} of 5 posts audited. 14.01.2020: Findings shared with the network.`,
      RAGS[i % RAGS.length],
    ]);
  }
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

async function importOnce(file: string, dbPath: string, importedAt: string) {
  const store = new SqlitePlanStore(dbPath);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await store.init();
  const parsed = await importPlanFile(file, { importedAt });
  const read = performance.now();
  const outcome = { summary: await store.importActions(parsed.actions, importedAt) };
  const end = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  await store.close();
  return {
    total: end - start,
    cpu: (cpu.user + cpu.system) / 1000,
    read: read - start,
    save: end - read,
    outcome,
    errors: parsed.errors.length,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints the median end-to-end import time of a 5,000-action workbook. */
export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-import-bench-'));
  try {
    const file = join(dir, 'plan.xlsx');
    await writePlan(file);
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await importOnce(file, join(dir, `run-${r}.db`), '2020-02-01T09:00:00.000Z');
      if (run.errors || run.outcome.summary.created !== ACTIONS)
        throw new Error(`import went wrong: ${JSON.stringify(run.outcome.summary)}, ${run.errors} errors`);
      runs.push(run);
      console.log(
        `run ${r + 1}: ${run.total.toFixed(0)} ms wall, ${run.cpu.toFixed(0)} ms cpu (read and map ${run.read.toFixed(0)} ms, save ${run.save.toFixed(0)} ms)`,
      );
    }
    console.log(
      `import ${ACTIONS} actions from XLSX into a new SQLite file: median ${median(runs.map((r) => r.total)).toFixed(0)} ms of ${RUNS} runs (target < 3000 ms)`,
    );
    const again = await importOnce(file, join(dir, 'run-0.db'), '2020-02-02T09:00:00.000Z');
    console.log(
      `re-import of the same file into the filled store: ${again.total.toFixed(0)} ms (${again.outcome.summary.unchanged} unchanged)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
