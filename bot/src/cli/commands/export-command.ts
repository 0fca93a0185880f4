import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import { toCsv } from '../../export/to-csv.js';
import { toJson } from '../../export/to-json.js';
import { toXlsx } from '../../export/to-xlsx.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../output.js';
import { plural } from '../text.js';

type Format = 'csv' | 'xlsx' | 'json';

interface ExportFlags {
  format?: Format;
  out?: string;
  planYear?: string;
}

/** `wres export --format csv|xlsx|json [--out FILE] [--plan-year Y]`. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export the plan with its progress notes. CSV and JSON go to the screen unless --out is given; Excel needs --out.')
    .addOption(
      new Option('--format <format>', 'csv, xlsx or json (default: from the --out file name, else csv)').choices(['csv', 'xlsx', 'json']),
    )
    .option('--out <file>', 'write to this file')
    .option('--plan-year <year>', 'only this plan year, e.g. 2019/20')
    .action(async (flags: ExportFlags) => runExport(ctx, flags));
}

async function runExport(ctx: CliContext, flags: ExportFlags): Promise<void> {
  const format = flags.format ?? formatFromOut(flags.out);
  if (format === 'xlsx' && !flags.out) {
    throw new AppError('bad_input', 'An Excel export is a file: add --out plan.xlsx (or choose --format csv).');
  }
  const store = await ctx.store();
  const actions = (await store.listActions()).filter((a) => !flags.planYear || a.planYear === flags.planYear);
  const history = new Map<string, ProgressUpdate[]>();
  for (const update of await store.listUpdatesSince(new Date(0).toISOString())) {
    history.set(update.actionId, [...(history.get(update.actionId) ?? []), update]);
  }
  const options = { history, timeZone: ctx.config().TIMEZONE };
  const body = format === 'xlsx' ? await toXlsx(actions, options) : format === 'json' ? toJson(actions, options) : toCsv(actions, options);
  if (await writeOutput(ctx, body, flags.out)) ctx.out(`Exported ${plural(actions.length, 'action')} to ${flags.out}.`);
}

function formatFromOut(out?: string): Format {
  const ext = out ? extname(out).toLowerCase().slice(1) : '';
  return ext === 'xlsx' || ext === 'json' ? ext : 'csv';
}
