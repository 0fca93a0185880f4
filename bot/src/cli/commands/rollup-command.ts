import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { localDate } from '../../domain/dates.js';
import { DIRECTION_WORDS, missingMemberText, type GroupRollup } from '../../domain/rollup.js';
import { AppError } from '../../errors.js';
import { rollupCsv, rollupXlsx, type RollupFormat } from '../../export/rollup-export.js';
import { rollupOf } from '../../service/group-rollups.js';
import { Tenancy } from '../../service/tenancy.js';
import { storeForOrganisation } from '../../store/create-store.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../output.js';
import { listing, plural } from '../text.js';
import { findGroup, withRegistry } from '../groups.js';

interface RollupFlags {
  format?: RollupFormat;
  out?: string;
}

/**
 * `wres rollup GROUP [--format csv|xlsx] [--out FILE]`: the group's roll-up
 * (per member: actions, % complete, overdue, no recent update, indicators
 * worsened with no open action, each indicator's latest value) as sentences,
 * CSV or an Excel file. Summary only, as its viewers see it in the tab.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('rollup')
    .description('Show or export an ICB’s or region’s roll-up of its member organisations (summary only, no progress notes).')
    .argument('<group>', 'the group’s ODS code, e.g. QWE')
    .addOption(new Option('--format <format>', 'csv or xlsx (default: from the --out file name, else sentences)').choices(['csv', 'xlsx']))
    .option('--out <file>', 'write to this file')
    .action(async (code: string, flags: RollupFlags) => runRollup(ctx, code, flags));
}

async function runRollup(ctx: CliContext, code: string, flags: RollupFlags): Promise<void> {
  const format = flags.format ?? formatFromOut(flags.out);
  if (format === 'xlsx' && !flags.out)
    throw new AppError('bad_input', 'An Excel roll-up is a file: add --out rollup.xlsx (or choose --format csv).');
  const config = ctx.deployment();
  const rollup = await withRegistry(ctx, async (registry) => {
    const group = await findGroup(registry, code);
    const tenancy = await Tenancy.open({
      config,
      registry,
      storeFor: storeForOrganisation(config, { clock: ctx.clock }),
      clock: ctx.clock,
    });
    try {
      return await rollupOf(group, tenancy, ctx.clock);
    } finally {
      await tenancy.close();
    }
  });
  const today = localDate(ctx.clock.now(), config.TIMEZONE);
  if (format === undefined) {
    if (flags.out) throw new AppError('bad_input', 'Say which file to write: --out rollup.csv or --out rollup.xlsx.');
    printRollup(ctx, rollup);
    return;
  }
  const body = format === 'csv' ? rollupCsv(rollup) : await rollupXlsx(rollup, today);
  if (await writeOutput(ctx, body, flags.out))
    ctx.out(`Wrote the roll-up of ${rollup.group.name} (${plural(rollup.members.length, 'member')}) to ${flags.out}.`);
}

function formatFromOut(out?: string): RollupFormat | undefined {
  const ext = out ? extname(out).toLowerCase().slice(1) : '';
  return ext === 'xlsx' || ext === 'csv' ? ext : undefined;
}

function printRollup(ctx: CliContext, rollup: GroupRollup): void {
  ctx.out(`${rollup.group.name} (${rollup.group.id}): ${plural(rollup.members.length, 'member organisation')}`);
  for (const m of rollup.members) {
    if (!m.served) {
      ctx.out(m.why === 'unreadable' ? `\n${m.name} (${m.id}): ${missingMemberText(m)}` : `\n${m.id}: not on this service`);
      continue;
    }
    ctx.out(`\n${m.name} (${m.id})`);
    ctx.out(
      `  ${plural(m.actions, 'action')}, ${m.percentComplete}% complete, ${m.overdue} overdue, ${m.stale} with no update in ${m.staleAfterDays} days`,
    );
    const worsened = m.worsenedWithoutAction.map((n) => `indicator ${n}`);
    ctx.out(`  Worsened with no open action: ${worsened.length ? listing(worsened) : 'none'}`);
    const values = m.indicators.filter((i) => i.value !== null).map((i) => `${i.indicator} ${i.text} (${DIRECTION_WORDS[i.direction]})`);
    ctx.out(`  Indicators: ${values.length ? values.join(' · ') : 'no figures entered'}`);
  }
}
