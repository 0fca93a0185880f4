import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { buildSamplePlan } from '../../bot/src/sample/sample-plan.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { cliEnv, runCli } from './run-cli.js';

describe('wres status', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const now = '2026-11-23T10:00:00.000Z';
  beforeEach(async () => {
    tmp = tempDir();
    env = cliEnv(tmp.path('wres.db'));
    const store = new SqlitePlanStore(env.DATABASE_PATH!);
    await store.init();
    await store.importActions(buildSamplePlan(new Date(now)), now);
    await store.close();
  });
  afterEach(() => tmp.remove());

  it('counts actions by RAG and status, overdue today and due soon', async () => {
    const run = await runCli(['status', '--json'], env, now);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(status).toMatchObject({
      actions: 26,
      overdue: 5,
      dueWithin14Days: 6,
      pendingWrites: 0,
      today: '2026-11-23',
      timeZone: 'Europe/London',
    });
    expect(status.byRag).toEqual({ Red: 2, Amber: 6, Green: 9, Blue: 4, None: 5 });
  });

  it('says the same in sentences', async () => {
    const run = await runCli(['status'], env, now);
    expect(run.stdout).toContain('The plan has 26 actions');
    expect(run.stdout).toContain('Overdue today (Mon 23 Nov 2026, Europe/London): 5.');
    expect(run.stdout).toContain('RAG rating: 2 Red, 6 Amber, 9 Green, 4 Blue — complete, 5 Not rated.');
  });

  it('takes "today" from the UK calendar, not UTC', async () => {
    // 23:30 UTC on 31 July is already 1 August in London (summer time).
    const run = await runCli(['status', '--json'], env, '2026-07-31T23:30:00.000Z');
    expect(JSON.parse(run.stdout)).toMatchObject({ today: '2026-08-01' });
  });
});

describe('command-line usage', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('exits 0 for --help and 2 for no command, an unknown command or a missing argument', async () => {
    const env = cliEnv(tmp.path('wres.db'));
    expect((await runCli(['--help'], env)).code).toBe(0);
    expect((await runCli([], env)).code).toBe(2);
    expect((await runCli(['frobnicate'], env)).code).toBe(2);
    const missing = await runCli(['import'], env);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("missing required argument 'file'") });
  });

  it('exits 2 with the variable named when configuration is wrong', async () => {
    const run = await runCli(['status'], { ...cliEnv(tmp.path('wres.db')), TIMEZONE: 'Mars/Olympus' });
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('TIMEZONE') });
  });

  it('exits 1 when the store cannot be opened', async () => {
    const run = await runCli(['status'], cliEnv('/dev/null/not-a-folder/wres.db'));
    expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot be opened') });
  });
});
