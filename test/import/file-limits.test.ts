import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../bot/src/importers/import-plan.js';
import { documentBomb, longCsv, lyingPart, sharedStringsBomb } from '../fixtures/hostile-files.js';
import { issuePlanXlsx, pagedPlanDocx, tempDir, writeFixture } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const MEASURED_CLI = fileURLToPath(new URL('./measured-cli.mjs', import.meta.url));
let tmp: ReturnType<typeof tempDir>;
let bomb: Buffer;
beforeAll(async () => {
  tmp = tempDir();
  bomb = await sharedStringsBomb(await issuePlanXlsx(), 480);
}, 120_000);
afterAll(() => tmp.remove());

async function manyRowsXlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Ref', 'Action', 'Lead']);
  for (let i = 1; i <= rows; i++) ws.addRow([String(i), `Action ${i}`, 'Head of HR']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('files that would exhaust memory are refused before they are parsed', () => {
  it('refuses an Excel file of well under 1 MB whose shared strings unpack to 480 MB', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expect(readDocument(bomb, 'xlsx', 'bomb.xlsx')).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^bomb\.xlsx was refused before it was read: it would unpack to more than 100 MB/),
    });
  });

  it('refuses a Word file whose document part unpacks absurdly', async () => {
    const docx = await documentBomb(await pagedPlanDocx(), 60);
    await expect(readDocument(docx, 'docx', 'bomb.docx')).rejects.toMatchObject({
      message: expect.stringContaining('its part word/document.xml would unpack'),
    });
  });

  it('refuses a part that unpacks to more than its directory entry claims', async () => {
    const liar = await lyingPart(await issuePlanXlsx(), 8);
    await expect(readDocument(liar, 'xlsx', 'liar.xlsx')).rejects.toMatchObject({
      message: expect.stringContaining('its part xl/sharedStrings.xml unpacks to more than its directory says'),
    });
  });

  it('runs the command line on the 480 MB bomb in bounded memory: exit 2, a clear message, peak RSS under 350 MB', () => {
    const file = writeFixture(tmp, 'bomb.xlsx', bomb);
    const run = spawnSync(process.execPath, [MEASURED_CLI, 'import', file], {
      env: { ...process.env, ...cliEnv(tmp.path('bomb.db')) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bomb.xlsx was refused before it was read');
    const peakKb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1]);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb / 1024).toBeLessThan(350);
  });
});

describe('the size and row limits (IMPORT_MAX_FILE_MB, IMPORT_MAX_ROWS)', () => {
  it('refuses a file over the size limit without reading it, naming the limit', async () => {
    const env = { ...cliEnv(tmp.path('size.db')), IMPORT_MAX_FILE_MB: '1' };
    const run = await runCli(['import', writeFixture(tmp, 'huge.csv', longCsv(20_000))], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/huge\.csv is 1\.\d MB, over the 1 MB limit for an import \(IMPORT_MAX_FILE_MB\)/);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 0 });
  });

  it.each([
    ['plan.csv', async () => Buffer.from(longCsv(1_500))],
    ['plan.xlsx', async () => manyRowsXlsx(1_500)],
  ])('refuses %s with more rows than the limit, and imports nothing', async (name, make) => {
    const env = { ...cliEnv(tmp.path(`rows-${name}.db`)), IMPORT_MAX_ROWS: '1000' };
    const run = await runCli(['import', writeFixture(tmp, name, await make())], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${name} has more than 1,000 rows, the limit for an import (IMPORT_MAX_ROWS)`);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 0 });
  });

  it('applies the same limits to a figures import', async () => {
    const env = { ...cliEnv(tmp.path('figures.db')), IMPORT_MAX_ROWS: '1000' };
    const lines = ['Year,Measure,Value', ...Array.from({ length: 1_200 }, () => '2024/25,shortlisted.bme,120')];
    const run = await runCli(['figures', 'import', writeFixture(tmp, 'figures.csv', lines.join('\n'))], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('figures.csv has more than 1,000 rows');
    const bombRun = await runCli(['figures', 'import', writeFixture(tmp, 'figures.xlsx', bomb)], env);
    expect(bombRun).toMatchObject({ code: 2, stderr: expect.stringContaining('was refused before it was read') });
  });

  it('reads a plan within the limits as before', async () => {
    const env = { ...cliEnv(tmp.path('ok.db')), IMPORT_MAX_ROWS: '1000' };
    const run = await runCli(['import', writeFixture(tmp, 'ok.xlsx', await manyRowsXlsx(900))], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 900 actions');
  });
});
