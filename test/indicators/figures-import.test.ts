import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiguresFile, readFigures } from '../../bot/src/importers/figures-import.js';
import { readCsv } from '../../bot/src/importers/csv-reader.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const AT = '2026-03-10T09:00:00.000Z';
const read = (csv: string) => readFigures(readCsv(Buffer.from(csv, 'utf8')), AT);
const triples = (r: ReturnType<typeof read>) => r.metrics.map((m) => `${m.year} ${m.measure}=${m.value}`).sort();

describe('reading a figures file', () => {
  it('reads the long layout "Year, Measure, Value", by key or by label, skipping a title row', () => {
    const r = read(
      [
        'WRES figures submitted to NHS England',
        'Year,Measure,Value',
        '2023/24,shortlisted.bme,"1,600"',
        '2023-24,BME applicants appointed,200',
        '2024/25,Survey5.BME,29.5%',
        '2024/25,appointed.white,n/a',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.layouts).toEqual(['long']);
    expect(triples(r)).toEqual(['2023/24 appointed.bme=200', '2023/24 shortlisted.bme=1600', '2024/25 survey5.bme=29.5']);
    expect(r.years).toEqual(['2023/24', '2024/25']);
    expect(r.metrics[0]).toMatchObject({ source: 'import', updatedAt: AT });
  });

  it('reads the wide layout: a Year column and one column per measure; unknown columns are named in a warning', () => {
    const r = read(
      [
        'Year,Shortlisted.White,Shortlisted.BME,Appointed.White,Appointed.BME,Notes',
        '2023/24,3200,1600,800,200,first year',
        '2024-2025,3100,1750,760,260,',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.layouts).toEqual(['wide']);
    expect(r.metrics).toHaveLength(8);
    expect(triples(r)).toContain('2024/25 appointed.bme=260');
    expect(r.warnings).toEqual(['The column "Notes" (row 1) is not a WRES measure or year, so it was ignored.']);
  });

  it('reads a Measure column with one column per year', () => {
    const r = read(['Measure,2023/24,2024/25', 'indicator 3,1.78,2.05', 'board.voting.total,14,15'].join('\n'));
    expect(r.layouts).toEqual(['by-measure']);
    expect(triples(r)).toEqual([
      '2023/24 board.voting.total=14',
      '2023/24 indicator3.value=1.78',
      '2024/25 board.voting.total=15',
      '2024/25 indicator3.value=2.05',
    ]);
  });

  it('reports every bad cell with its row and keeps the good ones', () => {
    const r = read(
      [
        'Year,Measure,Value',
        '2023/24,shortlisted.bme,1600',
        '2023,shortlisted.white,3200',
        '2023/24,favourite colour,12',
        '2023/24,survey6.bme,130',
        '2023/24,workforce.bme,-5',
        '2023/24,workforce.white,about 4000',
        '2023/24,appointed.bme,1700',
        '2023/24,shortlisted.bme,1500',
      ].join('\n'),
    );
    expect(r.errors.map((e) => `${e.location}: ${e.message}`)).toEqual([
      'row 3: the year "2023" should look like 2019/20',
      'row 4: "favourite colour" is not a WRES measure this tool knows',
      'row 5: 2023/24 % of BME staff experiencing harassment, bullying or abuse from staff must be a percentage between 0 and 100',
      'row 6: 2023/24 BME staff in the workforce must be 0 or more',
      'row 7: 2023/24 white staff in the workforce is "about 4000", not a number',
      'row 8: 2023/24 BME applicants appointed (1700) cannot be more than BME applicants shortlisted (1600)',
      'row 9: 2023/24 BME applicants shortlisted is given twice (1600 at row 2, 1500 here)',
    ]);
    expect(r.metrics).toEqual([]);
  });

  it('refuses a file with no recognisable table, saying which layouts work', () => {
    expect(() => read('Name,Colour\nAsha,blue')).toThrow(/Year, Measure, Value/);
  });
});

describe('figures from files on disk and `wres figures import`', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  async function writeXlsx(path: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('WRES 2024');
    ws.addRow(['Year', 'White staff in the workforce', 'BME staff in the workforce', 'disciplinary.white', 'disciplinary.bme']);
    ws.addRow(['2023/24', 2000, 500, 20, 10]);
    ws.addRow(['2024/25', 2000, 500, 20, 14]);
    await wb.xlsx.writeFile(path);
  }

  it('reads an Excel workbook in the wide layout', async () => {
    const path = tmp.path('figures.xlsx');
    await writeXlsx(path);
    const r = await importFiguresFile(path, AT);
    expect(r.errors).toEqual([]);
    expect(r.metrics).toHaveLength(8);
    expect(r.metrics.find((m) => m.year === '2024/25' && m.measure === 'disciplinary.bme')?.value).toBe(14);
  });

  it('imports into the store, reports what changed, and shows the indicators', async () => {
    const path = tmp.path('figures.xlsx');
    await writeXlsx(path);
    const env = cliEnv(tmp.path('wres.db'));
    const dry = await runCli(['figures', 'import', path, '--dry-run'], env);
    expect(dry).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(
        'Dry run: nothing was saved. Importing figures.xlsx would bring in 8 figures for 2023/24 and 2024/25 (8 new, 0 changed, 0 already up to date).',
      ),
    });

    const first = await runCli(['figures', 'import', path], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'Imported 8 figures for 2023/24 and 2024/25 (8 new, 0 changed, 0 already up to date) from figures.xlsx.',
    );
    const again = await runCli(['figures', 'import', path], env);
    expect(again.stdout).toContain('(0 new, 0 changed, 8 already up to date)');

    const store = new SqlitePlanStore(env.DATABASE_PATH!);
    await store.init();
    expect((await store.listMetrics()).filter((m) => m.measure === 'disciplinary.bme').map((m) => [m.year, m.value])).toEqual([
      ['2023/24', 10],
      ['2024/25', 14],
    ]);
    await store.close();

    const show = await runCli(['figures', 'show'], env);
    expect(show.stdout).toContain('Indicator 3 — Formal disciplinary: 2023/24 2.00 (adverse) · 2024/25 2.80 (adverse) — worse');
  });

  it('names an unknown measure and lists the measure names it knows', async () => {
    const path = tmp.path('figures.csv');
    writeFileSync(path, 'Year,Measure,Value\n2023/24,workforce.bme,500\n2023/24,shortlisted.black,120\n');
    const run = await runCli(['figures', 'import', path], cliEnv(tmp.path('wres.db')));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('row 3: "shortlisted.black" is not a WRES measure this tool knows');
    expect(run.stderr).toContain('"shortlisted.black" is not a measure this tool knows. The measures are: workforce.white, workforce.bme,');
    expect(run.stderr).toContain('shortlisted.bme');
  });

  it('shows which figures are missing for an indicator that cannot be computed', async () => {
    const path = tmp.path('figures.csv');
    writeFileSync(path, 'Year,Measure,Value\n2023/24,shortlisted.white,3200\n2023/24,shortlisted.bme,1600\n2023/24,appointed.white,800\n');
    const env = cliEnv(tmp.path('wres.db'));
    expect((await runCli(['figures', 'import', path], env)).code).toBe(0);
    const show = await runCli(['figures', 'show'], env);
    expect(show.stdout).toContain('Indicator 2 — Appointment from shortlisting: 2023/24 not computable');
    expect(show.stdout).toContain('— missing appointed.bme');
    expect(show.stdout).toContain('Indicator 5 — Harassment from patients and public: no figures (needs survey5.white and survey5.bme)');
  });

  it('exits 2 and saves nothing under --strict when a cell is bad, naming the row', async () => {
    const path = tmp.path('figures.csv');
    writeFileSync(path, 'Year,Measure,Value\n2023/24,workforce.bme,500\n2023/24,workforce.white,-1\n');
    const env = cliEnv(tmp.path('wres.db'));
    const run = await runCli(['figures', 'import', path, '--strict'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('row 3: 2023/24 white staff in the workforce must be 0 or more');
    const lenient = await runCli(['figures', 'import', path], env);
    expect(lenient.code).toBe(2);
    expect(lenient.stdout).toContain('Imported 1 figure for 2023/24');
    expect(lenient.stderr).toContain('1 cell was not imported');
  });

  it('exits 2 for a Word file or a missing file', async () => {
    const env = cliEnv(tmp.path('wres.db'));
    expect(await runCli(['figures', 'import', tmp.path('nope.csv')], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('There is no file at'),
    });
    writeFileSync(tmp.path('f.docx'), 'PK');
    expect(await runCli(['figures', 'import', tmp.path('f.docx')], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('save the figures as an Excel (.xlsx) or CSV file'),
    });
  });
});
