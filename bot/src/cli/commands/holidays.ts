import { basename } from 'node:path';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import {
  BANK_HOLIDAY_DIVISIONS,
  DIVISION_NAMES,
  holidayChanges,
  overlayByYear,
  yearsCovered,
  type BankHoliday,
  type HolidayChanges,
} from '../../domain/bank-holidays.js';
import { localDate } from '../../domain/dates.js';
import { shippedBankHolidays } from '../../holidays/bank-holiday-calendar.js';
import { readBankHolidayFile } from '../../holidays/holiday-file.js';
import type { Config } from '../../config.js';
import { implicitOrganisation } from '../../service/tenancy.js';
import type { PlanStore } from '../../store/plan-store.js';
import type { CliContext } from '../context.js';
import { listing, plural } from '../text.js';

const OFFICIAL_FILE = 'https://www.gov.uk/bank-holidays.json';

/** `wres holidays import FILE [--dry-run]` and `wres holidays show [--year Y]`. */
export function register(program: Command, ctx: CliContext): void {
  const holidays = program.command('holidays').description('UK bank holidays: reminders never go on them.');
  holidays
    .command('import')
    .description(
      `Refresh the bank holidays from the official file (download ${OFFICIAL_FILE}): its dates replace the known ones for every year it covers, in every nation, and are kept in the store for every instance of the service.`,
    )
    .argument('<file>', 'the bank-holidays.json file')
    .option('--dry-run', 'say what would change without saving anything')
    .action(async (file: string, flags: { dryRun?: boolean }) => importHolidays(ctx, file, flags.dryRun === true));
  holidays
    .command('show')
    .description('List the bank holidays reminders skip (the nation in BANK_HOLIDAYS), this year and next, and where they come from.')
    .option('--year <year>', 'show this year instead')
    .action(async (flags: { year?: string }) => show(ctx, flags.year));
}

async function importHolidays(ctx: CliContext, file: string, dryRun: boolean): Promise<void> {
  const name = basename(file);
  const fromFile = await readBankHolidayFile(file);
  const store = await deploymentStore(ctx);
  const imported = await store.listBankHolidays();
  const nextImported = overlayByYear(imported, fromFile);
  const before = overlayByYear(shippedBankHolidays(), imported);
  const after = overlayByYear(shippedBankHolidays(), nextImported);
  const coverage = BANK_HOLIDAY_DIVISIONS.map((d) => `${DIVISION_NAMES[d]} ${years(yearsCovered(fromFile, d))}`);
  ctx.out(`${name} has ${plural(fromFile.length, 'bank holiday')}: ${coverage.join('; ')}.`);
  const changes = holidayChanges(before, after);
  if (changes.length === 0) ctx.out('Nothing changed: these are the dates already in use.');
  for (const change of changes) ctx.out(describeChange(change));
  if (dryRun) ctx.out('Dry run: nothing was saved.');
  else if (!sameHolidays(imported, nextImported)) {
    await store.replaceBankHolidays(nextImported);
    if (changes.length) ctx.out('Saved: reminders use these dates from the next run, on every instance of the service.');
  }
  warnIfNotCovered(ctx, after);
}

async function show(ctx: CliContext, year: string | undefined): Promise<void> {
  const config = nationConfig(ctx);
  const division = config.BANK_HOLIDAYS;
  const imported = await (await deploymentStore(ctx)).listBankHolidays();
  const inForce = overlayByYear(shippedBankHolidays(), imported);
  const thisYear = Number(localDate(ctx.clock.now(), config.TIMEZONE).slice(0, 4));
  const wanted = year === undefined ? [thisYear, thisYear + 1] : [Number(year)];
  if (wanted.some((y) => !Number.isInteger(y) || y < 1900 || y > 2199)) {
    ctx.err(`--year "${year}" is not a year; try --year ${thisYear}.`);
    ctx.exitCode = 2;
    return;
  }
  const fromImport = yearsCovered(imported, division);
  const shipped = yearsCovered(shippedBankHolidays(), division).filter((y) => !fromImport.includes(y));
  const sources = [
    fromImport.length ? `${years(fromImport)} imported` : '',
    shipped.length ? `${years(shipped)} shipped with the app` : '',
  ];
  ctx.out(`Bank holidays in ${DIVISION_NAMES[division]} (BANK_HOLIDAYS=${division}): ${sources.filter(Boolean).join('; ')}.`);
  for (const y of wanted) {
    const dates = inForce.filter((h) => h.division === division && h.date.startsWith(`${y}-`));
    ctx.out(dates.length ? `${y}: ${dates.map(describeHoliday).join(' · ')}` : `${y}: not known.`);
  }
  warnIfNotCovered(ctx, inForce);
}

function describeChange(c: HolidayChanges): string {
  const parts = [
    c.newYears.length ? `now known for ${years(c.newYears)} too` : '',
    ...c.added.map((h) => `added ${describeHoliday(h)}`),
    ...c.removed.map((h) => `no longer ${describeHoliday(h)}`),
    ...c.renamed.map((r) => `${day(r.after.date)} is now "${label(r.after)}" (was "${label(r.before)}")`),
  ];
  return `${DIVISION_NAMES[c.division]}: ${parts.filter(Boolean).join('; ')}.`;
}

/** Warns on stderr when this year or next is not known for the configured nation: reminders then skip only weekends. */
function warnIfNotCovered(ctx: CliContext, inForce: readonly BankHoliday[]): void {
  const config = nationConfig(ctx);
  const thisYear = Number(localDate(ctx.clock.now(), config.TIMEZONE).slice(0, 4));
  const known = yearsCovered(inForce, config.BANK_HOLIDAYS);
  const missing = [thisYear, thisYear + 1].filter((y) => !known.includes(y));
  if (missing.length === 0) return;
  ctx.err(
    `Bank holidays in ${DIVISION_NAMES[config.BANK_HOLIDAYS]} for ${listing(missing.map(String))} are not known, so reminders then skip only weekends. Import the latest file from ${OFFICIAL_FILE} with "wres holidays import FILE".`,
  );
}

/** Imported bank holidays are the deployment's, kept with the implicit organisation's data: no --org needed. */
function deploymentStore(ctx: CliContext): Promise<PlanStore> {
  return ctx.storeOf(implicitOrganisation(ctx.deployment()));
}

/** The nation (and time zone) of the chosen organisation, or the deployment's when several are registered and none was chosen. */
function nationConfig(ctx: CliContext): Config {
  try {
    return ctx.config();
  } catch {
    return ctx.deployment();
  }
}

function sameHolidays(a: readonly BankHoliday[], b: readonly BankHoliday[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('ccc d LLL yyyy');
const label = (h: BankHoliday) => (h.notes ? `${h.title} (${h.notes.toLowerCase()})` : h.title);
const describeHoliday = (h: BankHoliday) => `${day(h.date)} ${label(h)}`;

/** "2024–2028", or "2019–2021 and 2024" when there are gaps. */
function years(list: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j]! + 1) j++;
    runs.push(i === j ? String(list[i]) : `${list[i]}–${list[j]}`);
    i = j + 1;
  }
  return runs.length ? listing(runs) : 'no years';
}
