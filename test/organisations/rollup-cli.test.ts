/**
 * `wres group …` and `wres rollup …` against a real SQLite file: groups are
 * kept and changed as asked, bad input is refused with exit 2 naming what is
 * wrong, and the roll-up names members this service does not serve.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { cliEnv, runCli } from '../cli/run-cli.js';
import { tempDir } from '../fixtures/plan-fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;
beforeEach(() => {
  tmp = tempDir();
  env = cliEnv(tmp.path('wres.db'));
});
afterEach(() => tmp.remove());

async function storedGroups() {
  const registry = new SqliteRegistry(env.DATABASE_PATH!);
  try {
    return await registry.listGroups();
  } finally {
    await registry.close();
  }
}

describe('wres group', () => {
  it('adds, lists, changes and removes an oversight group', async () => {
    const add = await runCli(
      ['group', 'add', 'qwe', '--name', 'Our ICB', '--kind', 'ICB', '--member', 'rxx,r1h', '--member', 'RXX', '--viewer', 'Ida@ICB.nhs.uk'],
      env,
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added ICB Our ICB (QWE) with 2 members and 1 viewer.');
    expect(add.stderr).toContain('RXX and R1H are not registered here');
    expect(await storedGroups()).toEqual([
      { id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX', 'R1H'], viewers: ['ida@icb.nhs.uk'] },
    ]);

    const set = await runCli(
      ['group', 'set', 'QWE', '--remove-member', 'R1H', '--member', 'RAE', '--viewer', 'bo@icb.nhs.uk', '--kind', 'region'],
      env,
    );
    expect(set.code).toBe(0);
    expect((await storedGroups())[0]).toMatchObject({
      kind: 'region',
      members: ['RXX', 'RAE'],
      viewers: ['ida@icb.nhs.uk', 'bo@icb.nhs.uk'],
    });

    const list = await runCli(['group', 'list'], env);
    expect(list.stdout).toContain('QWE  Our ICB (NHS England region)');
    expect(list.stdout).toContain('RXX (not on this service); RAE (not on this service)');
    expect(list.stdout).toContain('ida@icb.nhs.uk, bo@icb.nhs.uk');

    expect((await runCli(['group', 'remove', 'QWE'], env)).stdout).toContain('Removed group QWE.');
    expect(await storedGroups()).toEqual([]);
  });

  it('refuses bad input with exit 2, naming what is wrong, and changes nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['group', 'add', 'QWE', '--name', 'ICB', '--kind', 'trust'], /--kind must be icb or region, not “trust”/],
      [['group', 'add', 'Q W', '--name', 'ICB', '--kind', 'icb'], /“Q W” is not an ODS code/],
      [['group', 'add', 'QWE', '--name', ' ', '--kind', 'icb'], /--name must not be empty/],
      [['group', 'add', 'QWE', '--name', 'ICB', '--kind', 'icb', '--member', 'RXX;DROP'], /Not an ODS code: “RXX;DROP”/],
      [['group', 'add', 'QWE', '--name', 'ICB', '--kind', 'icb', '--viewer', 'not-a-person'], /Not an email or Entra id: “not-a-person”/],
      [['group', 'set', 'NOPE', '--name', 'X'], /There is no group NOPE/],
      [['group', 'remove', 'NOPE'], /There is no group NOPE/],
      [['rollup', 'NOPE'], /There is no group NOPE/],
    ];
    for (const [argv, message] of cases) {
      const run = await runCli(argv, env);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await storedGroups()).toEqual([]);
    await runCli(['group', 'add', 'QWE', '--name', 'ICB', '--kind', 'icb'], env);
    const again = await runCli(['group', 'add', 'QWE', '--name', 'Other', '--kind', 'icb'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Group QWE already exists');
    expect((await storedGroups())[0]?.name).toBe('ICB');
  });
});

describe('wres rollup', () => {
  beforeEach(async () => {
    await runCli(['group', 'add', 'QWE', '--name', 'Our ICB', '--kind', 'icb', '--member', 'RZZ', '--viewer', 'ida@icb.nhs.uk'], env);
  });

  it('names a member this service does not serve, in sentences, CSV and Excel', async () => {
    const text = await runCli(['rollup', 'qwe'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Our ICB (QWE): 1 member organisation');
    expect(text.stdout).toContain('RZZ: not on this service');

    const csv = await runCli(['rollup', 'QWE', '--format', 'csv'], env);
    expect(csv.stdout).toContain('Organisation,ODS code,Actions,% complete,Overdue');
    expect(csv.stdout).toContain('Not on this service,RZZ');

    const out = tmp.path('rollup.xlsx');
    const xlsx = await runCli(['rollup', 'QWE', '--out', out], env);
    expect(xlsx.stdout).toContain(`Wrote the roll-up of Our ICB (1 member) to ${out}.`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet('Roll-up')?.getRow(2).getCell(1).value).toBe('Not on this service');
  });

  it('refuses an Excel roll-up with nowhere to write it', async () => {
    const run = await runCli(['rollup', 'QWE', '--format', 'xlsx'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('An Excel roll-up is a file');
  });
});
