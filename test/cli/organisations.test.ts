/**
 * The command line with several organisations: `wres org …` keeps the
 * registry, and `--org` decides whose plan every command works on — one
 * organisation's export, status and import never show or touch another's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { tempDir, writeFixture } from '../fixtures/plan-fixtures.js';
import { IMPORTED_AT, makeImportedAction } from '../store/fixtures.js';
import { cliEnv, runCli } from './run-cli.js';

describe('wres with several organisations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    tmp = tempDir();
    env = cliEnv(tmp.path('wres.db'));
  });
  afterEach(() => tmp.remove());

  /** Puts `titles` into organisation `orgId`'s plan (the implicit one when undefined). */
  async function plan(orgId: string | undefined, titles: string[]): Promise<void> {
    const store = new SqlitePlanStore(env.DATABASE_PATH!, orgId);
    await store.init();
    await store.importActions(
      titles.map((title, i) => makeImportedAction({ ref: `1.${i + 1}`, title })),
      IMPORTED_AT,
    );
    await store.close();
  }

  async function twoTrusts(): Promise<void> {
    expect((await runCli(['org', 'add', 'rxx', '--name', 'North Trust', '--lead', 'lead.north@nhs.net'], env)).code).toBe(0);
    expect((await runCli(['org', 'add', 'R1H', '--name', 'South Trust', '--lead', 'lead.south@nhs.net'], env)).code).toBe(0);
    await plan('RXX', ['North: mentoring scheme', 'North: panel audit']);
    await plan('R1H', ['South: reverse mentoring', 'South: band 7 shortlisting', 'South: exit interviews']);
  }

  it('exports and counts only the chosen organisation’s plan', async () => {
    await twoTrusts();
    const north = await runCli(['--org', 'RXX', 'export', '--format', 'json'], env);
    expect(north.code).toBe(0);
    expect(north.stdout).toContain('North: mentoring scheme');
    expect(north.stdout).not.toContain('South:');
    const south = await runCli(['export', '--org', 'r1h'], env);
    expect(south.stdout).toContain('South: exit interviews');
    expect(south.stdout).not.toContain('North:');
    const status = await runCli(['--org', 'R1H', 'status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ organisation: { id: 'R1H', name: 'South Trust' }, actions: 3 });
    expect((await runCli(['--org', 'RXX', 'status'], env)).stdout).toMatch(/^North Trust \(RXX\):\nThe plan has 2 actions/);
  });

  it('imports into the chosen organisation only', async () => {
    await twoTrusts();
    const file = writeFixture(
      tmp,
      'plan.csv',
      ['WRES action plan 2026-27', 'Ref,Action,Due by,Lead', '1,North import,31/3/2027,HR'].join('\n'),
    );
    expect((await runCli(['--org', 'RXX', 'import', file], env)).code).toBe(0);
    expect(JSON.parse((await runCli(['--org', 'RXX', 'status', '--json'], env)).stdout)).toMatchObject({ actions: 3 });
    expect(JSON.parse((await runCli(['--org', 'R1H', 'status', '--json'], env)).stdout)).toMatchObject({ actions: 3 });
    expect((await runCli(['--org', 'R1H', 'export'], env)).stdout).not.toContain('North import');
  });

  it('refuses a plan command without --org when several are registered, listing them, and an unknown code', async () => {
    await twoTrusts();
    for (const argv of [['status'], ['export'], ['remind'], ['digest'], ['figures', 'show'], ['carry-over', '2019/20', '2020/21']]) {
      const run = await runCli(argv, env);
      expect(run, argv.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain(
        'Several organisations are registered: say which one with --org CODE. They are R1H (South Trust) and RXX (North Trust).',
      );
    }
    const unknown = await runCli(['--org', 'RZZ', 'status'], env);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('--org RZZ: there is no such organisation') });
    // Registry commands are the deployment's: no --org needed.
    expect((await runCli(['org', 'list'], env)).stdout).toContain('R1H  South Trust: 3 actions; leads lead.south@nhs.net');
  });

  it('works without --org when exactly one organisation is registered, and as before when none is', async () => {
    await plan(undefined, ['Before organisations']);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ actions: 1 });
    expect(await runCli(['--org', 'RXX', 'status'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no organisation is registered'),
    });
    const added = await runCli(['org', 'add', 'RXX', '--name', 'North Trust'], env);
    expect(added.stderr).toContain('1 action belongs to no organisation and nobody can see them: run wres org add CODE --adopt');
    const status = await runCli(['status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ organisation: { id: 'RXX' }, actions: 0, unadoptedActions: 1 });
    expect(status.stderr).toContain('1 action belongs to no organisation');
    const adopted = await runCli(['org', 'set', 'RXX', '--adopt'], env);
    expect(adopted.stdout).toContain('Moved 1 action with their progress, reminders and figures from the unregistered plan into RXX.');
    const after = await runCli(['status', '--json'], env);
    expect(JSON.parse(after.stdout)).toMatchObject({ actions: 1, unadoptedActions: 0 });
    expect(after.stderr).toBe('');
  });

  it('adopts the existing plan when the first organisation is added with --adopt, and never into one that has a plan', async () => {
    await plan(undefined, ['Before organisations']);
    const run = await runCli(['org', 'add', 'RXX', '--name', 'North Trust', '--adopt'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((await runCli(['export'], env)).stdout).toContain('Before organisations');
    await plan(undefined, ['Arrived later']);
    const refused = await runCli(['org', 'set', 'RXX', '--adopt'], env);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('RXX already has a plan') });
    expect((await runCli(['export'], env)).stdout).not.toContain('Arrived later');
  });

  it('checks codes, people and settings, naming what is wrong and saving nothing', async () => {
    const badCode = await runCli(['org', 'add', 'R-X', '--name', 'Bad'], env);
    expect(badCode).toMatchObject({ code: 2, stderr: expect.stringContaining('"R-X" is not an ODS code') });
    const badSettings = await runCli(['org', 'add', 'RXX', '--name', 'N', '--time-zone', 'Mars/Olympus', '--stale-after-days', '0'], env);
    expect(badSettings.code).toBe(2);
    expect(badSettings.stderr).toMatch(/timeZone \(like TIMEZONE\)[\s\S]*staleAfterDays \(like STALE_AFTER_DAYS\)/);
    const badLead = await runCli(['org', 'add', 'RXX', '--name', 'N', '--lead', 'bob'], env);
    expect(badLead).toMatchObject({ code: 2, stderr: expect.stringContaining('--lead: "bob" is not an email or an Entra object id') });
    expect((await runCli(['org', 'list'], env)).stdout).toContain('No organisations are registered');

    await runCli(['org', 'add', 'RXX', '--name', 'North Trust', '--lead', 'a@nhs.net,b@nhs.net', '--time-zone', 'Europe/Belfast'], env);
    const changed = await runCli(
      ['org', 'set', 'RXX', '--remove-lead', 'A@nhs.net', '--add-viewer', 'board@nhs.net', '--time-zone', ''],
      env,
    );
    expect(changed.stdout).toContain('Changed North Trust (RXX): leads b@nhs.net; viewers board@nhs.net; the deployment’s settings.');
    const byDirectory = await runCli(
      ['org', 'set', 'RXX', '--directory-value', 'North Trust, Acute', ' north trust, acute ', 'North Community'],
      env,
    );
    expect(byDirectory.stdout).toContain('viewers by directory value "North Trust, Acute" and "North Community";');
    const tooLong = await runCli(['org', 'set', 'RXX', '--directory-value', 'x'.repeat(129)], env);
    expect(tooLong).toMatchObject({ code: 2, stderr: expect.stringContaining('--directory-value:') });
    expect((await runCli(['org', 'set', 'RXX', '--directory-value', ''], env)).stdout).not.toContain('by directory value');
    const missing = await runCli(['org', 'set', 'RXX', '--remove-lead', 'nobody@nhs.net'], env);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('nobody@nhs.net is not a lead of RXX: nothing was changed.'),
    });
  });

  it('removes an organisation from the registry only when told to, and never deletes its plan', async () => {
    await twoTrusts();
    const refused = await runCli(['org', 'remove', 'R1H'], env);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('South Trust (R1H) still holds 3 actions') });
    expect(refused.stderr).toContain('wres org remove R1H --force');
    const removed = await runCli(['org', 'remove', 'R1H', '--force'], env);
    expect(removed.stdout).toContain('Its 3 actions and 0 progress notes stay in the store (nothing was deleted)');
    // With one organisation left, commands need no --org and see only it.
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout)).toMatchObject({ organisation: { id: 'RXX' }, actions: 2 });
    await runCli(['org', 'add', 'R1H', '--name', 'South Trust'], env);
    expect(JSON.parse((await runCli(['--org', 'R1H', 'status', '--json'], env)).stdout)).toMatchObject({ actions: 3 });
  });
});
