import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../bot/src/importers/csv-reader.js';
import { mapDocument } from '../../bot/src/importers/import-plan.js';
import { planFigures } from '../../bot/src/importers/plan-figures.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const AT = '2026-03-10T09:00:00.000Z';

const PLAN = [
  'WRES Action Plan 2019-2020',
  'Ref,WRES Indicator,Action,Lead,Due by,Metric',
  '1,Indicator 2,Audit shortlisting panels,Head of Resourcing,31/3/2020,"2018-2019 2.01, 2019-2020 1.45"',
  '2,Indicator 3,Review disciplinary cases,Head of ER,March 2020,2018/19: 1.78; 2019/20: 2.05',
  '3,"Indicators 5-8",Run listening events,Head of OD,ongoing,2018-19 28%',
  '4,"WRES 2, 3",Train recruiting managers,Head of L&D,April 2020,2019-20 1.5',
  '5,Indicator 9,Board development session,Trust Secretary,May 2020,',
].join('\n');

const YEAR_COLUMNS = [
  'Ref,Indicator,Action,Lead,2018-2019,2019-2020',
  '1.1,4,Monitor CPD by ethnicity,Head of L&D,1.31,1.09',
  '1.2,9,Diverse board shortlists,Trust Secretary,-11.7,',
].join('\n');

function figuresOf(csv: string) {
  const doc = readCsv(Buffer.from(csv, 'utf8'));
  const result = mapDocument(doc, { importedAt: AT });
  expect(result.errors).toEqual([]);
  return planFigures(doc, result.actions, AT);
}

describe('figures in a plan’s metric columns', () => {
  it('reads a "Metric" column into each action’s indicator, and explains the cells it cannot use', () => {
    const { metrics, warnings } = figuresOf(PLAN);
    expect(metrics.map((m) => [m.year, m.measure, m.value, m.source])).toEqual([
      ['2018/19', 'indicator2.value', 2.01, 'import'],
      ['2019/20', 'indicator2.value', 1.45, 'import'],
      ['2018/19', 'indicator3.value', 1.78, 'import'],
      ['2019/20', 'indicator3.value', 2.05, 'import'],
    ]);
    expect(warnings).toEqual([
      "The figures in row 5 were not imported: indicator 5, 6, 7, 8 needs white and BME figures: enter them on the indicator's page in the tab.",
      'The figures in row 6 were not imported: the action cites several indicators (2, 3), so it is not clear which one they measure.',
    ]);
  });

  it('reads columns headed by a year, with bare numbers in the cells', () => {
    const { metrics } = figuresOf(YEAR_COLUMNS);
    expect(metrics.map((m) => [m.year, m.measure, m.value])).toEqual([
      ['2018/19', 'indicator4.value', 1.31],
      ['2019/20', 'indicator4.value', 1.09],
      ['2018/19', 'indicator9.value', -11.7],
    ]);
  });
});

describe('`wres import` of a plan carrying metric columns', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('imports the actions and their figures, so the indicators have a trend', async () => {
    const path = tmp.path('plan.csv');
    writeFileSync(path, PLAN);
    const env = cliEnv(tmp.path('wres.db'));
    const dry = await runCli(['import', path, '--dry-run'], env, AT);
    expect(dry.stdout).toContain("The plan's metric columns would also bring in 4 WRES figures for 2018/19 and 2019/20.");

    const run = await runCli(['import', path], env, AT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Also imported 4 WRES figures for 2018/19 and 2019/20 from the plan's metric columns.");
    expect(run.stderr).toContain('Please check: The figures in row 6 were not imported');

    const show = await runCli(['figures', 'show'], env, AT);
    expect(show.stdout).toContain('Indicator 2 — Appointment from shortlisting: 2018/19 2.01 (adverse) · 2019/20 1.45 (adverse) — better');
    expect(show.stdout).toContain('Indicator 3 — Formal disciplinary: 2018/19 1.78 (adverse) · 2019/20 2.05 (adverse) — worse');
  });

  it('never overwrites a figure an E&D lead entered in the tab', async () => {
    const path = tmp.path('plan.csv');
    writeFileSync(path, PLAN);
    const env = cliEnv(tmp.path('wres.db'));
    const store = new SqlitePlanStore(env.DATABASE_PATH!);
    await store.init();
    await store.saveMetrics([{ year: '2019/20', measure: 'indicator2.value', value: 1.5, source: 'tab', updatedAt: AT }]);
    await store.close();

    const run = await runCli(['import', path], env, AT);
    expect(run.stdout).toContain(
      "Also imported 3 WRES figures for 2018/19 and 2019/20 from the plan's metric columns. 1 figure entered in the tab was kept.",
    );
    const after = new SqlitePlanStore(env.DATABASE_PATH!);
    await after.init();
    expect((await after.listMetrics()).find((m) => m.year === '2019/20' && m.measure === 'indicator2.value')).toMatchObject({
      value: 1.5,
      source: 'tab',
    });
    await after.close();
  });
});
