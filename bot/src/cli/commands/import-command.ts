import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ActionChange, ImportField, ImportSummary } from '../../domain/plan-import.js';
import { importPlanFile, type PlanFile } from '../../importers/import-plan.js';
import { figuresToSave } from '../../importers/plan-figures.js';
import type { PlanStore } from '../../store/plan-store.js';
import type { CliContext } from '../context.js';
import { clip, listing, plural } from '../text.js';

interface ImportFlags {
  planYear?: string;
  dryRun?: boolean;
  strict?: boolean;
}

/** `wres import FILE [--plan-year Y] [--dry-run] [--strict]`. Exit 2 when any row was rejected, after importing the rest. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'Import an action plan from a Word (.docx), Excel (.xlsx), CSV or JSON export file. Importing the same plan again updates it without duplicates.',
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
  const limits = { maxFileMb: config.IMPORT_MAX_FILE_MB, maxRows: config.IMPORT_MAX_ROWS };
  const plan = await importPlanFile(file, { planYear: flags.planYear, importedAt, timeZone: config.TIMEZONE }, limits);
  const name = basename(file);
  reportWarnings(ctx, plan.warnings);
  if (plan.errors.length > 0 && (flags.strict || plan.actions.length === 0)) {
    const why =
      plan.actions.length === 0
        ? 'no row could be imported'
        : `${plural(plan.errors.length, 'row')} ${plan.errors.length === 1 ? 'has a' : 'have'} problem${plan.errors.length === 1 ? '' : 's'} (--strict)`;
    ctx.err(`Nothing was imported from ${name} because ${why}:`);
    reportErrors(ctx, plan);
    ctx.exitCode = 2;
    return;
  }
  if (plan.actions.length === 0) {
    ctx.err(`The action table in ${name} has no actions, so nothing was imported.`);
    ctx.exitCode = 2;
    return;
  }
  const store = await ctx.store();
  if (flags.dryRun) {
    const diff = await store.previewImport(plan.actions, importedAt);
    ctx.out(`Dry run: nothing was saved. ${outcomeSentence(diff.summary, name, plan.planYears, true)}`);
    for (const change of diff.changes) if (change.kind !== 'unchanged') ctx.out(changeLine(change));
  } else {
    ctx.out(outcomeSentence(await store.importActions(plan.actions, importedAt), name, plan.planYears, false));
  }
  await saveFigures(ctx, store, plan, flags.dryRun);
  if (plan.errors.length > 0) {
    ctx.err(`${plural(plan.errors.length, 'row was', 'rows were')} not imported:`);
    reportErrors(ctx, plan);
    ctx.err(
      flags.dryRun
        ? 'Fix these rows before importing.'
        : 'Fix these rows and import the file again: rows already imported will not be duplicated.',
    );
    ctx.exitCode = 2;
  }
}

/**
 * "Imported 9 actions (2 new, 1 updated, 6 already up to date) and 3 progress
 * notes from plan.docx into the 2019/20 plan.", or "Nothing changed: …" when
 * so; with `preview`, what the import would do.
 */
function outcomeSentence(s: ImportSummary, name: string, planYears: string[], preview: boolean): string {
  const into = `the ${listing(planYears)} plan${planYears.length > 1 ? 's' : ''}`;
  const total = s.created + s.updated + s.unchanged;
  if (s.created + s.updated + s.progressAdded === 0) {
    const already = `${plural(total, 'action')} already up to date`;
    return preview
      ? `Importing ${name} into ${into} would change nothing: ${already}.`
      : `Nothing changed: ${already} in ${into} (from ${name}).`;
  }
  const parts = [`${s.created} new`, `${s.updated} updated`, ...(s.unchanged ? [`${s.unchanged} already up to date`] : [])].join(', ');
  const what = `${plural(total, 'action')} (${parts}) and ${plural(s.progressAdded, 'progress note')}`;
  return preview ? `Importing ${name} into ${into} would bring in ${what}.` : `Imported ${what} from ${name} into ${into}.`;
}

const CHANGE_LABELS = { new: 'new    ', updated: 'updated' } as const;
const FIELD_WORDS: Record<ImportField, string> = {
  theme: 'theme',
  indicators: 'indicators',
  title: 'action text',
  measure: 'measure',
  owner: 'owner',
  leadRole: 'lead',
  dueDate: 'due date',
  dueText: 'due date',
  status: 'status',
  rag: 'RAG',
  latestUpdate: 'latest update',
};

/** One line of the dry run: a new or changed action, which fields change and how many notes are added. */
function changeLine(c: Exclude<ActionChange, { kind: 'unchanged' }>): string {
  const action = c.kind === 'updated' ? c.after : c.action;
  const fields = c.kind === 'updated' ? [...new Set(c.fields.map((f) => FIELD_WORDS[f]))] : [];
  const notes = c.notes.length ? ` (+${plural(c.notes.length, 'note')})` : '';
  const changed = fields.length ? ` — ${listing(fields)}` : '';
  return `  ${CHANGE_LABELS[c.kind]}  ${action.ref.padEnd(6)} ${clip(action.title, 70)}${changed}${notes}`;
}

/** Saves the figures in the plan's metric columns (never over a figure entered in the tab) and says so. */
async function saveFigures(ctx: CliContext, store: PlanStore, plan: PlanFile, dryRun = false): Promise<void> {
  const { metrics, warnings } = plan.figures;
  for (const w of warnings) ctx.err(`Please check: ${w}`);
  if (!metrics.length) return;
  const { fresh, kept } = figuresToSave(metrics, await store.listMetrics());
  const years = listing([...new Set(metrics.map((m) => m.year))].sort());
  const keptNote = kept.length ? ` ${plural(kept.length, 'figure')} entered in the tab ${kept.length === 1 ? 'was' : 'were'} kept.` : '';
  if (dryRun) {
    ctx.out(`The plan's metric columns would also bring in ${plural(fresh.length, 'WRES figure')} for ${years}.${keptNote}`);
    return;
  }
  await store.saveMetrics(fresh);
  ctx.out(`Also imported ${plural(fresh.length, 'WRES figure')} for ${years} from the plan's metric columns.${keptNote}`);
}

function reportErrors(ctx: CliContext, plan: PlanFile): void {
  for (const e of plan.errors) ctx.err(`  ${e.location}: ${e.message}`);
}

function reportWarnings(ctx: CliContext, warnings: string[]): void {
  if (warnings.length === 0) return;
  ctx.err('Please check:');
  for (const w of warnings) ctx.err(`  - ${w}`);
}
