import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../errors.js';
import { encodingNote, readCsv } from './csv-reader.js';
import { cachedDueDateParser } from './date-cache.js';
import { readDocx } from './docx-reader.js';
import { checkArchive, checkFileSize, checkRowCount, DEFAULT_FILE_LIMITS, type FileLimits } from './file-limits.js';
import { readJson } from './json-reader.js';
import { mapRow, type RowContext } from './map-row.js';
import { planFigures, type PlanFigures } from './plan-figures.js';
import { currentPlanYear, findPlanYear, normalisePlanYear } from './plan-year.js';
import { readPlanRows } from './plan-rows.js';
import type { ImportOptions, ImportResult, ImportRowError, ParsedAction, RawDocument } from './types.js';
import { readXlsx } from './xlsx-reader.js';

/** The file types the importer reads: CSV (and text), Excel, Word, and the app's own JSON export. */
export type PlanFormat = 'csv' | 'xlsx' | 'docx' | 'json';

/** The format a file name implies; rejects with `bad_input` for anything else (naming what to do). */
export function formatFromName(name: string): PlanFormat {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.docx') return 'docx';
  if (ext === '.json') return 'json';
  if (ext === '.xls' || ext === '.doc') {
    throw new AppError(
      'bad_input',
      `${name} is in an old Office format. Open it and save it as ${ext === '.doc' ? '.docx' : '.xlsx'}, then import that file.`,
    );
  }
  throw new AppError('bad_input', `${name} is not a plan this tool can read: use a Word (.docx), Excel (.xlsx), CSV or JSON export file.`);
}

/**
 * Reads the tables of a file already in memory, within `limits`: a file
 * over the size limit, an Office file that would unpack absurdly (checked
 * before any parser touches it) or one with too many rows is refused.
 * Rejects with `bad_input` when the file is refused or damaged.
 */
export async function readDocument(
  buffer: Buffer,
  format: PlanFormat,
  name = 'The file',
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<RawDocument> {
  checkFileSize(buffer.length, name, limits);
  if (format === 'xlsx' || format === 'docx') {
    if (buffer.subarray(0, 2).toString('latin1') !== 'PK')
      throw new AppError('bad_input', `${name} is not a ${format === 'docx' ? 'Word' : 'Excel'} file (it may be damaged or renamed).`);
    await checkArchive(buffer, name, limits);
  }
  const doc = await parseDocument(buffer, format, name, limits);
  checkRowCount(
    doc.tables.reduce((n, t) => n + t.rows.length, 0),
    name,
    limits,
  );
  return doc;
}

async function parseDocument(buffer: Buffer, format: PlanFormat, name: string, limits: FileLimits): Promise<RawDocument> {
  if (format === 'json') return readJson(buffer, name);
  try {
    if (format === 'csv') return readCsv(buffer, limits.maxRows);
    return format === 'xlsx' ? await readXlsx(buffer) : await readDocx(buffer);
  } catch (e) {
    throw new AppError('bad_input', `${name} could not be read: it may be damaged, or not the kind of file its name says.`, { cause: e });
  }
}

/** Reads an import file from disk, refusing one over the size limit before reading it. Rejects with `bad_input` when it is missing, too big or cannot be opened. */
export async function readInputFile(path: string, limits: FileLimits = DEFAULT_FILE_LIMITS): Promise<Buffer> {
  try {
    checkFileSize((await stat(path)).size, path, limits);
    return await readFile(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError('bad_input', missing ? `There is no file at ${path}.` : `${path} could not be opened.`, { cause: e });
  }
}

/** A plan file read once: its actions, rejected rows and notes, and the WRES figures in its metric columns. */
export interface PlanFile extends ImportResult {
  figures: PlanFigures;
}

/** Reads and maps a plan file from disk (format from its extension, within `limits`), figures included. */
export async function importPlanFile(path: string, options: ImportOptions, limits: FileLimits = DEFAULT_FILE_LIMITS): Promise<PlanFile> {
  const format = formatFromName(path);
  const doc = await readDocument(await readInputFile(path, limits), format, path, limits);
  const result = mapDocument(doc, options);
  return { ...result, figures: planFigures(doc, result.actions, options.importedAt) };
}

/**
 * Maps a document's tables to actions. Rows that cannot be imported become
 * `errors` (row number and reason); the rest become `actions` keyed by
 * (planYear, ref), with generated refs "1", "2", … in plan order where the
 * plan has none. Rejects with `bad_input` when no action table is found or
 * the plan year option is malformed.
 */
export function mapDocument(doc: RawDocument, options: ImportOptions): ImportResult {
  const timeZone = options.timeZone ?? 'Europe/London';
  const { rows, preamble, headerFound } = readPlanRows(doc);
  if (!headerFound) {
    throw new AppError(
      'bad_input',
      'No action table was found. The importer looks for a header row with an "Action" column and at least one other known column such as "Lead", "Due by" or "Progress".',
    );
  }
  const everyRowNamesItsYear = rows.length > 0 && rows.every((r) => normalisePlanYear(r.planYear));
  const { planYear, planYearSource, warnings } = choosePlanYear(
    options,
    preamble,
    timeZone,
    everyRowNamesItsYear ? rows[0]!.planYear : undefined,
  );
  const note = encodingNote(doc.encoding);
  if (note) warnings.unshift(note);
  const ctx: RowContext = {
    planYear,
    importedAt: options.importedAt,
    timeZone,
    authorName: options.authorName ?? 'Imported plan',
    parseDate: cachedDueDateParser(),
  };
  const actions: ParsedAction[] = [];
  const errors: ImportRowError[] = [...(doc.rejected ?? [])];
  const ordinals = new Map<ParsedAction, number>();
  rows.forEach((row, i) => {
    for (const merged of row.merged)
      warnings.push(`${capital(merged)} carries on ${row.location} (split across a page) and was joined to it.`);
    if (row.hadControlCharacters)
      warnings.push(`${capital(row.location)}: control characters (such as NUL or vertical tab) were taken out of its text.`);
    const mapped = mapRow(row, ctx);
    if (!mapped.ok) {
      errors.push({ row: row.rowNumber, location: row.location, message: mapped.message });
      return;
    }
    for (const w of mapped.warnings) warnings.push(`${capital(row.location)}: ${w}.`);
    const parsed: ParsedAction = { action: mapped.action, history: mapped.history, row: row.rowNumber };
    ordinals.set(parsed, i + 1);
    actions.push(parsed);
  });
  const kept = assignRefs(actions, ordinals, rows, errors, warnings);
  noteMissingIndicators(kept, warnings);
  errors.sort((a, b) => a.row - b.row);
  const planYears = [...new Set(kept.map((a) => a.action.planYear))].sort();
  return { actions: kept, errors, warnings, planYear, planYears, planYearSource, ...(doc.encoding ? { encoding: doc.encoding } : {}) };
}

/** The year for rows that name none: the option, else the title, else (every row naming its own, e.g. our exports) that column, else the current year with a note. */
function choosePlanYear(options: ImportOptions, preamble: string, timeZone: string, column: string | undefined) {
  const warnings: string[] = [];
  if (options.planYear !== undefined) {
    const planYear = normalisePlanYear(options.planYear);
    if (!planYear) throw new AppError('bad_input', `The plan year "${options.planYear}" should look like 2019/20.`);
    return { planYear, planYearSource: 'option' as const, warnings };
  }
  const fromTitle = findPlanYear(preamble);
  if (fromTitle) return { planYear: fromTitle, planYearSource: 'title' as const, warnings };
  if (column) return { planYear: normalisePlanYear(column)!, planYearSource: 'column' as const, warnings };
  const planYear = currentPlanYear(new Date(options.importedAt), timeZone);
  warnings.push(
    `The plan's title does not say which year it covers, so it was imported as ${planYear}. Use --plan-year to choose another year.`,
  );
  return { planYear, planYearSource: 'current' as const, warnings };
}

/** Refuses a reference used twice in a plan year, and numbers unreferenced actions by their place in the plan. */
function assignRefs(
  actions: ParsedAction[],
  ordinals: Map<ParsedAction, number>,
  rows: { ref: string; rowNumber: number }[],
  errors: ImportRowError[],
  warnings: string[],
): ParsedAction[] {
  const taken = new Map<string, number>();
  for (const r of rows) if (r.ref) taken.set(r.ref, taken.get(r.ref) ?? r.rowNumber);
  const seen = new Map<string, number>();
  const kept: ParsedAction[] = [];
  let generated = 0;
  for (const parsed of actions) {
    const a = parsed.action;
    if (!a.ref) {
      const n = String(ordinals.get(parsed));
      a.ref = taken.has(n) ? `${n}-row${parsed.row}` : n;
      generated += 1;
    }
    const key = `${a.planYear}|${a.ref}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        row: parsed.row,
        location: `row ${parsed.row}`,
        message: `the reference "${a.ref}" is already used by row ${first}; give each action its own reference`,
      });
      continue;
    }
    seen.set(key, parsed.row);
    kept.push(parsed);
  }
  if (generated > 0) {
    warnings.push(
      `${generated} action${generated === 1 ? ' has' : 's have'} no reference, so they were numbered by their place in the plan. Keep the rows in the same order when you import an updated copy, or add a "Ref" column.`,
    );
  }
  return kept;
}

function noteMissingIndicators(actions: ParsedAction[], warnings: string[]): void {
  const without = actions.filter((p) => p.action.indicators.length === 0);
  if (without.length === 0) return;
  const refs = without.map((p) => p.action.ref);
  const listed = refs.length > 8 ? `${refs.slice(0, 8).join(', ')} and ${refs.length - 8} more` : refs.join(', ');
  warnings.push(
    `${without.length} action${without.length === 1 ? ' does' : 's do'} not name a WRES indicator (${listed}). Add an "Indicator" column to group them by indicator.`,
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
