/**
 * `wres holidays import FILE` and `wres holidays show`: an admin refreshes
 * the bank holidays from the official gov.uk file; a wrong file is refused
 * with a clear message and changes nothing; the import says what changed
 * and is kept in the store (SQLite here, SharePoint in the Graph test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_DIVISIONS, type BankHoliday } from '../../bot/src/domain/bank-holidays.js';
import { shippedBankHolidays } from '../../bot/src/holidays/bank-holiday-calendar.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

/** A file shaped like https://www.gov.uk/bank-holidays.json holding `holidays`. */
export function officialFile(holidays: readonly BankHoliday[]): Record<string, unknown> {
  return Object.fromEntries(
    BANK_HOLIDAY_DIVISIONS.map((division) => [
      division,
      {
        division,
        events: holidays
          .filter((h) => h.division === division)
          .map((h) => ({ title: h.title, date: h.date, notes: h.notes, bunting: true })),
      },
    ]),
  );
}

/** The shipped dates for 2026–2027 plus a made-up extra bank holiday in England and Wales, and the 2029 dates. */
function refreshedCalendar(): BankHoliday[] {
  const kept = shippedBankHolidays().filter((h) => h.date >= '2026-01-01' && h.date < '2028-01-01');
  return [
    ...kept,
    { division: 'england-and-wales', date: '2027-06-07', title: 'Extra bank holiday', notes: '' },
    ...BANK_HOLIDAY_DIVISIONS.map((division) => ({ division, date: '2029-01-01', title: 'New Year’s Day', notes: '' })),
  ];
}

let dir: string;
let env: Record<string, string>;
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const stored = async () => {
  const store = new SqlitePlanStore(env.DATABASE_PATH!);
  await store.init();
  try {
    return await store.listBankHolidays();
  } finally {
    await store.close();
  }
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wres-holidays-'));
  env = cliEnv(join(dir, 'wres.db'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('wres holidays import', () => {
  it('takes the official file, says what changed, keeps the dates in the store, and changes nothing the second time', async () => {
    const file = write('bank-holidays.json', officialFile(refreshedCalendar()));
    const first = await runCli(['holidays', 'import', file], env, '2026-11-23T10:00:00Z');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'bank-holidays.json has 58 bank holidays: England and Wales 2026–2027 and 2029; Scotland 2026–2027 and 2029; Northern Ireland 2026–2027 and 2029.',
    );
    expect(first.stdout).toContain('England and Wales: now known for 2029 too; added Mon 7 Jun 2027 Extra bank holiday.');
    expect(first.stdout).toContain('Scotland: now known for 2029 too.');
    expect(first.stdout).toContain('Saved: reminders use these dates from the next run, on every instance of the service.');
    expect(first.stderr).toBe('');
    expect((await stored()).filter((h) => h.date === '2027-06-07')).toHaveLength(1);

    const again = await runCli(['holidays', 'import', file], env, '2026-11-23T10:00:00Z');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('Nothing changed: these are the dates already in use.');
  });

  it('replaces only the years the file covers, and names a date the new file drops', async () => {
    await runCli(['holidays', 'import', write('first.json', officialFile(refreshedCalendar()))], env);
    const withoutExtra = refreshedCalendar().filter((h) => h.date !== '2027-06-07');
    const second = await runCli(['holidays', 'import', write('second.json', officialFile(withoutExtra))], env);
    expect(second.stdout).toContain('England and Wales: no longer Mon 7 Jun 2027 Extra bank holiday.');
    // 2028 was not in either file: the shipped dates still count.
    const show = await runCli(['holidays', 'show', '--year', '2028'], env, '2026-11-23T10:00:00Z');
    expect(show.stdout).toContain(
      'Bank holidays in England and Wales (BANK_HOLIDAYS=england-and-wales): 2026–2027 and 2029 imported; 2024–2025 and 2028 shipped with the app.',
    );
    expect(show.stdout).toContain('2028: Mon 3 Jan 2028 New Year’s Day (substitute day) · Fri 14 Apr 2028 Good Friday');
  });

  it('saves nothing on a dry run', async () => {
    const run = await runCli(['holidays', 'import', write('b.json', officialFile(refreshedCalendar())), '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('added Mon 7 Jun 2027 Extra bank holiday');
    expect(run.stdout).toContain('Dry run: nothing was saved.');
    expect(await stored()).toEqual([]);
  });

  it.each([
    ['not JSON', '<!doctype html><title>Bank holidays</title>', 'it is not JSON (download the file itself, not the web page)'],
    ['a nation missing', () => ({ ...officialFile(refreshedCalendar()), scotland: undefined }), '"scotland" (Scotland): is missing'],
    [
      'an impossible date',
      () => officialFile([...refreshedCalendar(), { division: 'scotland', date: '2027-02-30', title: 'Nonsense', notes: '' }]),
      'Scotland, event 20 "date": is not a real date',
    ],
    [
      'a date written the US way',
      () =>
        officialFile([{ division: 'northern-ireland', date: '03/17/2027', title: 'St Patrick’s Day', notes: '' }, ...refreshedCalendar()]),
      'Northern Ireland, event 1 "date": must be a date written YYYY-MM-DD',
    ],
    [
      'the same date twice',
      () => officialFile([...refreshedCalendar(), { division: 'england-and-wales', date: '2026-12-25', title: 'Christmas', notes: '' }]),
      'England and Wales: 2026-12-25 appears more than once',
    ],
    [
      'another nation’s name inside',
      () => ({ ...officialFile(refreshedCalendar()), scotland: { division: 'wales', events: [] } }),
      'must say "scotland"',
    ],
  ])('refuses %s with a clear message, exit 2, and changes nothing', async (_, content, message) => {
    const file = write('bad.json', typeof content === 'function' ? content() : content);
    const run = await runCli(['holidays', 'import', file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'bad.json is not a UK bank holidays file like https://www.gov.uk/bank-holidays.json, so nothing was imported:',
    );
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(await stored()).toEqual([]);
  });

  it('refuses a huge file before reading it, and a missing one', async () => {
    const huge = write('huge.json', `{"england-and-wales": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const run = await runCli(['holidays', 'import', huge], env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('huge.json is over 1 MB, so it was not read');
    const missing = await runCli(['holidays', 'import', join(dir, 'nowhere.json')], env);
    expect(missing).toMatchObject({ code: 2, stderr: 'nowhere.json does not exist.\n' });
  });
});

describe('wres holidays show', () => {
  it('lists this year’s and next year’s bank holidays for the nation configured', async () => {
    const run = await runCli(['holidays', 'show'], { ...env, BANK_HOLIDAYS: 'scotland' }, '2026-11-23T10:00:00Z');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Bank holidays in Scotland (BANK_HOLIDAYS=scotland): 2024–2028 shipped with the app.');
    expect(run.stdout).toContain('2026: Thu 1 Jan 2026 New Year’s Day · Fri 2 Jan 2026 2nd January · Fri 3 Apr 2026 Good Friday ·');
    expect(run.stdout).toContain('2027: Fri 1 Jan 2027 New Year’s Day · Mon 4 Jan 2027 2nd January (substitute day)');
    expect(run.stderr).toBe('');
  });

  it('warns when next year’s dates are not known yet, saying where to get them', async () => {
    const run = await runCli(['holidays', 'show'], env, '2028-06-01T10:00:00Z');
    expect(run.stdout).toContain('2029: not known.');
    expect(run.stderr).toContain(
      'Bank holidays in England and Wales for 2029 are not known, so reminders then skip only weekends. Import the latest file from https://www.gov.uk/bank-holidays.json with "wres holidays import FILE".',
    );
  });

  it('refuses a nation it does not know in BANK_HOLIDAYS', async () => {
    const run = await runCli(['holidays', 'show'], { ...env, BANK_HOLIDAYS: 'wales' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BANK_HOLIDAYS: must be one of england-and-wales, scotland, northern-ireland');
  });
});
