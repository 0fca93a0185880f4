import { basename } from 'node:path';
import type { Command } from 'commander';
import { figuresByYear, formatValue, indicatorTrends, missingFigures, type IndicatorValue } from '../../domain/indicator-evidence.js';
import { ALL_MEASURES } from '../../domain/indicator-figures.js';
import { indicatorLabel } from '../../domain/indicators.js';
import type { IndicatorMetric } from '../../domain/model.js';
import { importFiguresFile } from '../../importers/figures-import.js';
import type { CliContext } from '../context.js';
import { listing, plural } from '../text.js';

interface FiguresFlags {
  dryRun?: boolean;
  strict?: boolean;
}

/** `wres figures import FILE [--dry-run] [--strict]` and `wres figures show`. */
export function register(program: Command, ctx: CliContext): void {
  const figures = program.command('figures').description('Annual WRES figures behind the nine indicators.');
  figures
    .command('import')
    .description(
      'Import annual WRES figures from a CSV or Excel file: columns "Year, Measure, Value", or a "Year" column with one column per measure, or a "Measure" column with one column per year.',
    )
    .argument('<file>', 'the figures to import')
    .option('--dry-run', 'show what would be imported without saving anything')
    .option('--strict', 'save nothing if any cell has a problem')
    .action(async (file: string, flags: FiguresFlags) => runImport(ctx, file, flags));
  figures
    .command('show')
    .description('Show each indicator, year by year, as computed from the stored figures.')
    .action(async () => show(ctx));
}

async function runImport(ctx: CliContext, file: string, flags: FiguresFlags): Promise<void> {
  const importedAt = ctx.clock.now().toISOString();
  const config = ctx.config();
  const result = await importFiguresFile(file, importedAt, { maxFileMb: config.IMPORT_MAX_FILE_MB, maxRows: config.IMPORT_MAX_ROWS });
  const name = basename(file);
  for (const w of result.warnings) ctx.err(`Please check: ${w}`);
  if (result.unknownMeasures.length > 0) ctx.err(knownMeasuresNote(result.unknownMeasures));
  if (result.errors.length > 0 && (flags.strict || result.metrics.length === 0)) {
    ctx.err(
      `Nothing was imported from ${name} because ${result.metrics.length === 0 ? 'no figure could be read' : `${plural(result.errors.length, 'cell has a problem', 'cells have problems')} (--strict)`}:`,
    );
    for (const e of result.errors) ctx.err(`  ${e.location}: ${e.message}`);
    ctx.exitCode = 2;
    return;
  }
  if (result.metrics.length === 0) {
    ctx.err(`${name} has no figures in it, so nothing was imported.`);
    ctx.exitCode = 2;
    return;
  }
  const store = await ctx.store();
  const stored = new Map((await store.listMetrics()).map((m) => [`${m.year}|${m.measure}`, m.value]));
  const changes = countChanges(result.metrics, stored);
  const what = `${plural(result.metrics.length, 'figure')} for ${listing(result.years)} (${changes.created} new, ${changes.changed} changed, ${changes.unchanged} already up to date)`;
  if (flags.dryRun) ctx.out(`Dry run: nothing was saved. Importing ${name} would bring in ${what}.`);
  else {
    await store.saveMetrics(result.metrics.filter((m) => stored.get(`${m.year}|${m.measure}`) !== m.value));
    ctx.out(`Imported ${what} from ${name}.`);
  }
  if (result.errors.length > 0) {
    ctx.err(`${plural(result.errors.length, 'cell was', 'cells were')} not imported:`);
    for (const e of result.errors) ctx.err(`  ${e.location}: ${e.message}`);
    ctx.err('Fix these cells and import the file again: figures already imported are simply kept.');
    ctx.exitCode = 2;
  }
}

function countChanges(metrics: IndicatorMetric[], stored: Map<string, number | null>) {
  let created = 0;
  let changed = 0;
  for (const m of metrics) {
    const key = `${m.year}|${m.measure}`;
    if (!stored.has(key) || stored.get(key) === null) created++;
    else if (stored.get(key) !== m.value) changed++;
  }
  return { created, changed, unchanged: metrics.length - created - changed };
}

async function show(ctx: CliContext): Promise<void> {
  const metrics = await (await ctx.store()).listMetrics();
  if (!metrics.some((m) => m.value !== null)) {
    ctx.out('No WRES figures are stored yet. Import them with "wres figures import FILE" or enter them in the tab.');
    return;
  }
  const years = figuresByYear(metrics);
  for (const trend of indicatorTrends(metrics)) {
    const values = trend.values.map((v) => `${v.year} ${formatValue(v)}${v.adverse ? ' (adverse)' : ''}${missingNote(v, years)}`);
    const none = `no figures (needs ${listing(missingFigures(trend.indicator, new Map()))})`;
    ctx.out(
      `${indicatorLabel(trend.indicator)}: ${values.length ? values.join(' · ') : none}${trend.direction === 'unknown' ? '' : ` — ${trend.direction}`}`,
    );
  }
}

/** " — missing appointed.bme" for a year whose value could not be computed. */
function missingNote(v: IndicatorValue, years: ReturnType<typeof figuresByYear>): string {
  if (v.value !== null) return '';
  const missing = missingFigures(v.indicator, years.get(v.year) ?? new Map());
  return missing.length ? ` — missing ${listing(missing)}` : '';
}

/** Which measure names the file used that are not known, and every name that is. */
function knownMeasuresNote(unknown: string[]): string {
  const names = unknown.map((u) => `"${u}"`);
  return `${listing(names)} ${unknown.length === 1 ? 'is not a measure' : 'are not measures'} this tool knows. The measures are: ${ALL_MEASURES.join(', ')}.`;
}
