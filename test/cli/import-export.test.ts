import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuePlanXlsx, pagedPlanDocx, tempDir, writeFixture } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from './run-cli.js';

const badDatesCsv = [
  'WRES action plan 2016-17',
  'Ref,Action,Due by,Lead',
  '1,Agree the plan,14/9/2016,Head of HR',
  '2,Meet BME staff,31/4/2016,Megan Bowen',
  '3,Share vacancies,ongoing,Comms team',
].join('\n');

describe('wres import', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    tmp = tempDir();
    env = cliEnv(tmp.path('wres.db'));
  });
  afterEach(() => tmp.remove());

  it('imports a Word plan and reports what it did in plain sentences', async () => {
    const file = writeFixture(tmp, 'plan.docx', await pagedPlanDocx());
    const run = await runCli(['import', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 5 actions (5 new, 0 updated) and 5 progress notes from plan.docx into the 2016/17 plan.');
    const status = await runCli(['status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ actions: 5, progressNotes: 5 });
  });

  it('imports the good rows, lists each rejected row with its number and reason, and exits 2', async () => {
    const file = writeFixture(tmp, 'plan.csv', badDatesCsv);
    const run = await runCli(['import', file], env);
    expect(run.code).toBe(2);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 2 });
    expect(run.stdout).toContain('Imported 2 actions (2 new, 0 updated)');
    expect(run.stderr).toContain('1 row was not imported:');
    expect(run.stderr).toContain('row 4: due date "31/4/2016" is not a real date');
  });

  it('with --strict, saves nothing when any row is wrong and exits 2', async () => {
    const file = writeFixture(tmp, 'plan.csv', badDatesCsv);
    const run = await runCli(['import', file, '--strict'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Nothing was imported from plan.csv because 1 row has a problem (--strict)');
    expect(run.stderr).toContain('row 4: due date "31/4/2016"');
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 0 });
  });

  it('with --dry-run, lists what would change and saves nothing', async () => {
    const file = writeFixture(tmp, 'plan.xlsx', await issuePlanXlsx());
    const run = await runCli(['import', file, '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run: nothing was saved.');
    expect(run.stdout).toContain('would bring in 5 actions (5 new, 0 updated) and 4 progress notes');
    expect(run.stdout).toMatch(/new\s+1\.1\s+Audit shortlisting/);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 0, progressNotes: 0 });
  });

  it('reports a second import of the same file as already up to date', async () => {
    const file = writeFixture(tmp, 'plan.xlsx', await issuePlanXlsx());
    await runCli(['import', file], env);
    const again = await runCli(['import', file], env, '2026-11-24T10:00:00.000Z');
    expect(again.stdout).toBe('Nothing changed: 5 actions already up to date in the 2018/19 plan (from plan.xlsx).\n');
    const dry = await runCli(['import', file, '--dry-run'], env, '2026-11-25T10:00:00.000Z');
    expect(dry.stdout).toContain('would change nothing: 5 actions already up to date.');
  });

  it('in a dry run, names the fields an edited plan would change and the notes it would add', async () => {
    await runCli(
      ['import', writeFixture(tmp, 'plan.csv', ['Ref,Action,Due by,Lead', '1,Agree the plan,14/9/2016,Head of HR'].join('\n'))],
      env,
    );
    const edited = writeFixture(
      tmp,
      'edited.csv',
      ['Ref,Action,Due by,Lead,Update', '1,Agree the plan,30/9/2016,Head of HR,01.09.2016: Draft shared.'].join('\n'),
    );
    const run = await runCli(['import', edited, '--dry-run'], env);
    expect(run.stdout).toMatch(/updated\s+1\s+Agree the plan — due date, status and latest update \(\+1 note\)/);
  });

  it('uses --plan-year over the title, and refuses a malformed one', async () => {
    const file = writeFixture(tmp, 'plan.xlsx', await issuePlanXlsx());
    expect((await runCli(['import', file, '--plan-year', '2019-20'], env)).stdout).toContain('into the 2019/20 plan');
    const bad = await runCli(['import', file, '--plan-year', 'next'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('should look like 2019/20');
  });

  it('exits 2 for a missing file, an unreadable type, or a file with no action table', async () => {
    expect((await runCli(['import', tmp.path('nope.xlsx')], env)).code).toBe(2);
    const doc = await runCli(['import', writeFixture(tmp, 'old.doc', 'x')], env);
    expect(doc).toMatchObject({ code: 2, stderr: expect.stringContaining('save it as .docx') });
    const empty = await runCli(['import', writeFixture(tmp, 'notes.csv', 'Just some notes\nNothing else')], env);
    expect(empty).toMatchObject({ code: 2, stderr: expect.stringContaining('No action table was found') });
  });
});

describe('wres export', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(async () => {
    tmp = tempDir();
    env = cliEnv(tmp.path('wres.db'));
    await runCli(['import', writeFixture(tmp, 'plan.xlsx', await issuePlanXlsx())], env);
  });
  afterEach(() => tmp.remove());

  it('writes CSV to stdout by default', async () => {
    const run = await runCli(['export'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toBe(
      '\uFEFFRef,Plan year,Indicators,Theme,Action,Measure,Lead,Owner,Owner email,Due by,Status,RAG,Progress update',
    );
    expect(run.stdout).toContain('30.10.2018: 6 of 9 posts audited.');
  });

  it('writes JSON to stdout', async () => {
    const run = await runCli(['export', '--format', 'json'], env);
    const body = JSON.parse(run.stdout) as { actions: { ref: string; history: unknown[] }[] };
    expect(body.actions.map((a) => a.ref)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2']);
    expect(body.actions[0]?.history).toHaveLength(2);
  });

  it('writes Excel only to a file', async () => {
    const refused = await runCli(['export', '--format', 'xlsx'], env);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') });
    const out = tmp.path('board.xlsx');
    const run = await runCli(['export', '--out', out], env);
    expect(run).toMatchObject({ code: 0, stdout: 'Exported 5 actions to ' + out + '.\n' });
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('reads its own JSON export back: into a new store the same plan, into this one nothing changes', async () => {
    const out = tmp.path('plan.json');
    expect((await runCli(['export', '--out', out], env)).code).toBe(0);
    const again = await runCli(['import', out], env, '2026-11-24T10:00:00.000Z');
    expect(again).toMatchObject({
      code: 0,
      stdout: 'Nothing changed: 5 actions already up to date in the 2018/19 plan (from plan.json).\n',
    });
    const fresh = cliEnv(tmp.path('fresh.db'));
    const copy = await runCli(['import', out], fresh);
    expect(copy).toMatchObject({ code: 0, stderr: '' });
    expect(copy.stdout).toContain('Imported 5 actions (5 new, 0 updated) and 4 progress notes from plan.json into the 2018/19 plan.');
    const [original, copied] = await Promise.all([
      runCli(['export', '--format', 'json'], env),
      runCli(['export', '--format', 'json'], fresh),
    ]);
    const plan = (run: { stdout: string }) =>
      (
        JSON.parse(run.stdout) as { actions: { ref: string; title: string; dueDate: string; rag: string; history: { text: string }[] }[] }
      ).actions.map((a) => [a.ref, a.title, a.dueDate, a.rag, a.history.map((h) => h.text)]);
    expect(plan(copied)).toEqual(plan(original));
  });

  it('refuses an unknown format as bad usage', async () => {
    expect((await runCli(['export', '--format', 'pdf'], env)).code).toBe(2);
  });
});

describe('evidence links through wres import and wres export', () => {
  const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
  const PAPER = 'https://intranet.example.nhs.uk/board/wres-paper.pdf';
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  type Exported = { actions: { ref: string; latestUpdate: { links?: string[] } | null; history: { text: string; links?: string[] }[] }[] };

  it('reads "Evidence:" lines under a note as its links, exports them and reads its own Excel export back with them', async () => {
    const env = cliEnv(tmp.path('wres.db'));
    const csv = [
      'Ref,Plan year,Indicator,Action,Lead,Due by,Progress update',
      `1.1,2025/26,2,Audit shortlisting panels,Head of Resourcing,31/3/2026,"06.10.2025: Panels audited.\nEvidence: ${AUDIT}\nEvidence: ${PAPER}"`,
      '1.2,2025/26,4,Publish CPD figures,Head of Learning,31/3/2026,06.10.2025: Figures drafted.',
    ].join('\n');
    const imported = await runCli(['import', writeFixture(tmp, 'plan.csv', csv)], env);
    expect(imported).toMatchObject({ code: 0, stderr: '' });

    const json = JSON.parse((await runCli(['export', '--format', 'json'], env)).stdout) as Exported;
    expect(json.actions[0]!.history).toEqual([expect.objectContaining({ text: 'Panels audited.', links: [AUDIT, PAPER] })]);
    expect(json.actions[0]!.latestUpdate?.links).toEqual([AUDIT, PAPER]);
    expect(json.actions[1]!.history[0]).not.toHaveProperty('links');

    const out = tmp.path('plan.xlsx');
    expect((await runCli(['export', '--out', out], env)).code).toBe(0);
    expect((await runCli(['import', out], env, '2026-11-24T10:00:00.000Z')).stdout).toContain('Nothing changed');
    const fresh = cliEnv(tmp.path('fresh.db'));
    expect((await runCli(['import', out], fresh)).code).toBe(0);
    const copied = JSON.parse((await runCli(['export', '--format', 'json'], fresh)).stdout) as Exported;
    expect(copied.actions[0]!.history.map((h) => [h.text, h.links])).toEqual([['Panels audited.', [AUDIT, PAPER]]]);
  });
});
