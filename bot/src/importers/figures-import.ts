import { figureProblem, inconsistentFigures, measureFromHeader, measureLabel, normaliseFigureYear } from '../domain/indicator-figures.js';
import type { IndicatorMetric } from '../domain/model.js';
import { AppError } from '../errors.js';
import { cleanCell, headerKey } from './cell-text.js';
import { encodingNote } from './csv-reader.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './file-limits.js';
import { formatFromName, readDocument, readInputFile } from './import-plan.js';
import type { ImportRowError, RawDocument, RawRow } from './types.js';

/** How a figures file is laid out. */
type FiguresLayout = 'long' | 'wide' | 'by-measure';

/** What reading a figures file gives: good figures, rejected cells (with row numbers) and notes. */
export interface FiguresImportResult {
  metrics: IndicatorMetric[];
  errors: ImportRowError[];
  warnings: string[];
  /** The years found, oldest first. */
  years: string[];
  layouts: FiguresLayout[];
  /** Measure names in the file this tool does not know (rows and column headers). */
  unknownMeasures: string[];
}

const YEAR_HEADERS = new Set(['year', 'reportingyear', 'financialyear', 'wresyear', 'period', 'planyear'].map(headerKey));
const MEASURE_HEADERS = new Set(['measure', 'metric', 'figure', 'item'].map(headerKey));
const VALUE_HEADERS = new Set(['value', 'figure', 'number', 'count', 'amount'].map(headerKey));
const EMPTY = /^(|-|–|—|n\/?a|not available|nil return)$/i;

/**
 * A figure as written in a cell: "1,234", "25%", "2.01", "−3.2"; null for a
 * blank or "n/a" cell (no figure); NaN when the text is not a number.
 */
export function parseFigureValue(text: string): number | null {
  const t = text.trim();
  if (EMPTY.test(t)) return null;
  const cleaned = t
    .replace(/[−–]/g, '-')
    .replace(/%$/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .trim();
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

type Layout =
  | { kind: 'long'; year: number; measure: number; value: number }
  | { kind: 'wide'; year: number; columns: Map<number, string> }
  | { kind: 'by-measure'; measure: number; columns: Map<number, string> };

/** Recognises a header row (see `readFigures`); unknown columns are reported in `ignored`. */
function detectLayout(cells: string[]): { layout: Layout; ignored: string[] } | null {
  const keys = cells.map(headerKey);
  const year = keys.findIndex((k) => YEAR_HEADERS.has(k));
  const measure = keys.findIndex((k) => MEASURE_HEADERS.has(k));
  const value = keys.findIndex((k, i) => VALUE_HEADERS.has(k) && i !== measure);
  if (year >= 0 && measure >= 0 && value >= 0) return { layout: { kind: 'long', year, measure, value }, ignored: [] };
  const ignored: string[] = [];
  const columns = new Map<number, string>();
  if (year >= 0) {
    cells.forEach((c, i) => {
      if (i === year || !c) return;
      const m = measureFromHeader(c);
      if (m) columns.set(i, m);
      else ignored.push(c);
    });
    return columns.size ? { layout: { kind: 'wide', year, columns }, ignored } : null;
  }
  if (measure >= 0) {
    cells.forEach((c, i) => {
      if (i === measure || !c) return;
      const y = normaliseFigureYear(c);
      if (y) columns.set(i, y);
      else ignored.push(c);
    });
    return columns.size ? { layout: { kind: 'by-measure', measure, columns }, ignored } : null;
  }
  return null;
}

interface Cell {
  row: RawRow;
  year: string;
  measure: string;
  text: string;
}

/** The (year, measure, text) cells of one data row under `layout`; problems go to `errors`. */
function cellsOf(row: RawRow, cells: string[], layout: Layout, errors: ImportRowError[], unknown: string[]): Cell[] {
  const err = (message: string) => errors.push({ row: row.rowNumber, location: row.location, message });
  if (layout.kind === 'by-measure') {
    const label = cells[layout.measure] ?? '';
    const measure = measureFromHeader(label);
    if (!measure) return label ? (err(`"${label}" is not a WRES measure this tool knows`), unknown.push(label), []) : [];
    return [...layout.columns].map(([i, year]) => ({ row, year, measure, text: cells[i] ?? '' }));
  }
  const yearText = cells[layout.year] ?? '';
  const year = normaliseFigureYear(yearText);
  if (!year) return (err(yearText ? `the year "${yearText}" should look like 2019/20` : 'the year is missing'), []);
  if (layout.kind === 'wide') return [...layout.columns].map(([i, measure]) => ({ row, year, measure, text: cells[i] ?? '' }));
  const label = cells[layout.measure] ?? '';
  const measure = measureFromHeader(label);
  if (label && !measure) unknown.push(label);
  if (!measure) return (err(label ? `"${label}" is not a WRES measure this tool knows` : 'the measure is missing'), []);
  return [{ row, year, measure, text: cells[layout.value] ?? '' }];
}

/**
 * Reads annual WRES figures from a document's tables. Three layouts: long
 * ("Year, Measure, Value"), wide (a Year column and one column per measure)
 * and by measure (a Measure column and one column per year). Measures are
 * matched to `MEASURES` keys or labels, case-insensitively. Every bad cell
 * (unknown measure, malformed year, not a number, out of range, two values
 * for one figure, figures that contradict each other) is reported with its
 * row; blank and "n/a" cells are skipped. Rejects with `bad_input` when no
 * table has a recognisable header.
 */
export function readFigures(doc: RawDocument, importedAt: string): FiguresImportResult {
  const errors: ImportRowError[] = [];
  const warnings: string[] = [];
  const layouts: FiguresLayout[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, { value: number; row: RawRow }>();
  const rejected = new Set<string>();
  const note = encodingNote(doc.encoding);
  if (note) warnings.push(note);
  for (const table of doc.tables) {
    let layout: Layout | null = null;
    for (const raw of table.rows) {
      const cells = raw.cells.map(cleanCell);
      if (cells.every((c) => !c)) continue;
      if (!layout) {
        const found = detectLayout(cells);
        if (!found) continue;
        layout = found.layout;
        layouts.push(layout.kind);
        for (const name of found.ignored)
          warnings.push(`The column "${name}" (${raw.location}) is not a WRES measure or year, so it was ignored.`);
        if (layout.kind === 'wide') unknown.push(...found.ignored);
        continue;
      }
      for (const cell of cellsOf(raw, cells, layout, errors, unknown)) {
        const value = parseFigureValue(cell.text);
        if (value === null) continue;
        const problem = Number.isNaN(value) ? `is "${cell.text}", not a number` : figureProblem(cell.measure, value);
        const key = `${cell.year}|${cell.measure}`;
        const earlier = seen.get(key);
        if (problem)
          errors.push({ row: raw.rowNumber, location: raw.location, message: `${cell.year} ${measureLabel(cell.measure)} ${problem}` });
        else if (earlier && earlier.value !== value) {
          errors.push({
            row: raw.rowNumber,
            location: raw.location,
            message: `${cell.year} ${measureLabel(cell.measure)} is given twice (${earlier.value} at ${earlier.row.location}, ${value} here)`,
          });
          rejected.add(key);
        } else seen.set(key, { value, row: raw });
      }
    }
  }
  if (!layouts.length) {
    throw new AppError(
      'bad_input',
      'No table of figures was found. Use columns "Year, Measure, Value", or a "Year" column with one column per measure (e.g. "shortlisted.bme"), or a "Measure" column with one column per year.',
    );
  }
  for (const key of checkConsistency(seen, errors)) rejected.add(key);
  const metrics = [...seen]
    .filter(([key]) => !rejected.has(key))
    .map(([key, { value }]) => {
      const [year, measure] = key.split('|') as [string, string];
      return { year, measure, value, source: 'import' as const, updatedAt: importedAt };
    });
  errors.sort((a, b) => a.row - b.row);
  const years = [...new Set(metrics.map((m) => m.year))].sort();
  return { metrics, errors, warnings, years, layouts, unknownMeasures: [...new Set(unknown)] };
}

/** Reports figures of one year that contradict each other; returns their keys. */
function checkConsistency(seen: Map<string, { value: number; row: RawRow }>, errors: ImportRowError[]): string[] {
  const bad: string[] = [];
  const byYear = new Map<string, Map<string, number>>();
  for (const [key, { value }] of seen) {
    const [year, measure] = key.split('|') as [string, string];
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)!.set(measure, value);
  }
  for (const [year, figures] of byYear) {
    for (const [measure, message] of Object.entries(inconsistentFigures(figures))) {
      const row = seen.get(`${year}|${measure}`)!.row;
      errors.push({ row: row.rowNumber, location: row.location, message: `${year} ${message}` });
      bad.push(`${year}|${measure}`);
    }
  }
  return bad;
}

/** Reads a CSV or XLSX figures file from disk, within `limits`. Rejects with `bad_input` for other formats, a refused or an unreadable file. */
export async function importFiguresFile(
  path: string,
  importedAt: string,
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<FiguresImportResult> {
  const format = formatFromName(path);
  if (format !== 'csv' && format !== 'xlsx')
    throw new AppError('bad_input', `${path} is not a table of figures: save the figures as an Excel (.xlsx) or CSV file.`);
  return readFigures(await readDocument(await readInputFile(path, limits), format, path, limits), importedAt);
}
