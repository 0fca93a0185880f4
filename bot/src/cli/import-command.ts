import { basename } from 'node:path';
import type { Command } from 'commander';
import { importPlanFile } from '../importers/import-plan.js';
import { saveImport, type ImportChange } from '../importers/save-import.js';
import { importPlanFigures } from './figures.js';
import type { ImportResult } from '../importers/types.js';
import type { CliContext } from './context.js';
import { clip, plural } from './text.js';

interface ImportFlags {
  planYear?: string;
  dryRun?: boolean;
  strict?: boolean;
}

/** `wres import FILE [--plan-year Y] [--dry-run] [--strict]`. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'Import an action plan from a Word (.docx), Excel (.xlsx) or CSV file. Importing the same plan again updates it without duplicates.',
    )
    .argument('<file>', 'the plan to import')
    .option('--plan-year <year>', 'the plan year, e.g. 2019/20 (default: from the title, else the current year)')
    .option('--dry-run', 'show what would be imported without saving anything')
    .option('--strict', 'save nothing if any row has a problem')
    .action(async (file: string, flags: ImportFlags) => runImport(ctx, file, flags));
}

async function runImport(ctx: CliContext, file: string, flags: ImportFlags): Promise<void> {
  const config = ctx.config();
  const importedAt = ctx.clock.now().toISOString();
  const result = await importPlanFile(file, { planYear: flags.planYear, importedAt, timeZone: config.TIMEZONE });
  const name = basename(file);
  reportWarnings(ctx, result);
  if (result.errors.length > 0 && (flags.strict || result.actions.length === 0)) {
    const why =
      result.actions.length === 0
        ? 'no row could be imported'
        : `${plural(result.errors.length, 'row')} ${result.errors.length === 1 ? 'has a' : 'have'} problem${result.errors.length === 1 ? '' : 's'} (--strict)`;
    ctx.err(`Nothing was imported from ${name} because ${why}:`);
    reportErrors(ctx, result);
    ctx.exitCode = 2;
    return;
  }
  if (result.actions.length === 0) {
    ctx.err(`The action table in ${name} has no actions, so nothing was imported.`);
    ctx.exitCode = 2;
    return;
  }
  const store = await ctx.store();
  const outcome = await saveImport(store, result.actions, { importedAt, dryRun: flags.dryRun });
  const { created, updated, unchanged, progressAdded } = outcome.summary;
  const parts = [`${created} new`, `${updated} updated`, ...(unchanged ? [`${unchanged} already up to date`] : [])].join(', ');
  if (flags.dryRun) {
    ctx.out(
      `Dry run: nothing was saved. Importing ${name} into the ${result.planYear} plan would bring in ${plural(result.actions.length, 'action')} (${parts}) and ${plural(progressAdded, 'progress note')}.`,
    );
    for (const change of outcome.changes) ctx.out(changeLine(change));
  } else {
    ctx.out(
      `Imported ${plural(result.actions.length, 'action')} (${parts}) and ${plural(progressAdded, 'progress note')} from ${name} into the ${result.planYear} plan.`,
    );
  }
  await importPlanFigures(ctx, store, file, result.actions, importedAt, flags.dryRun);
  if (result.errors.length > 0) {
    ctx.err(`${plural(result.errors.length, 'row was', 'rows were')} not imported:`);
    reportErrors(ctx, result);
    ctx.err(
      flags.dryRun
        ? 'Fix these rows before importing.'
        : 'Fix these rows and import the file again: rows already imported will not be duplicated.',
    );
  }
}

const CHANGE_LABELS: Record<ImportChange['change'], string> = { new: 'new      ', updated: 'updated  ', unchanged: 'unchanged' };

function changeLine(c: ImportChange): string {
  const notes = c.notesAdded ? ` (+${plural(c.notesAdded, 'note')})` : '';
  return `  ${CHANGE_LABELS[c.change]}  ${c.ref.padEnd(6)} ${clip(c.title, 70)}${notes}`;
}

function reportErrors(ctx: CliContext, result: ImportResult): void {
  for (const e of result.errors) ctx.err(`  ${e.location}: ${e.message}`);
}

function reportWarnings(ctx: CliContext, result: ImportResult): void {
  if (result.warnings.length === 0) return;
  ctx.err('Please check:');
  for (const w of result.warnings) ctx.err(`  - ${w}`);
}
