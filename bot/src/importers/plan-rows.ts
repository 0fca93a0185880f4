import { hasControlCharacters } from '../domain/text-hygiene.js';
import { cleanCell } from './cell-text.js';
import { detectHeader, headerSignature, laterHeader, sectionLabel, type ColumnMap } from './headers.js';
import type { RawDocument, RawRow } from './types.js';

/** A plan row with its cells read by meaning; continuation rows already merged in. */
export interface PlanRow {
  rowNumber: number;
  location: string;
  ref: string;
  planYear: string;
  indicators: string;
  theme: string;
  action: string;
  measure: string;
  leads: string[];
  ownerEmail: string;
  due: string;
  progress: string;
  states: string[];
  /** The theme of the block the row sits in, from an "Issue" sub-heading row. */
  sectionTheme: string;
  /** Locations of continuation rows merged into this one. */
  merged: string[];
  /** Whether control characters (NUL, vertical tab, …) were taken out of its cells. */
  hadControlCharacters: boolean;
}

/** The rows of a document, in plan order, and the text around them (titles). */
export interface PlanRows {
  rows: PlanRow[];
  preamble: string;
  headerFound: boolean;
}

/**
 * Walks every table of a document: finds the header row (titles above it go
 * to the preamble), skips repeated header rows and sub-heading rows, and
 * merges continuation rows (a row split across a page break) into the row
 * before. Tables that continue the previous one keep its header mapping.
 */
export function readPlanRows(doc: RawDocument): PlanRows {
  const rows: PlanRow[] = [];
  const preamble: string[] = [];
  let map: ColumnMap | null = null;
  let signature = '';
  let headerFound = false;
  let sectionTheme = '';
  for (const table of doc.tables) {
    if (table.preamble) preamble.push(table.preamble);
    if (!table.continuesPrevious) {
      map = null;
      sectionTheme = '';
    }
    let afterBreak = true;
    let previous: PlanRow | undefined = table.continuesPrevious ? rows.at(-1) : undefined;
    for (const raw of table.rows) {
      const cells = raw.cells.map(cleanCell);
      if (cells.every((c) => !c)) continue;
      const header: ColumnMap | 'repeat' | null = map ? laterHeader(cells, signature) : detectHeader(cells);
      if (header) {
        if (header !== 'repeat') [map, signature] = [header, headerSignature(cells)];
        headerFound = true;
        afterBreak = true;
        continue;
      }
      const label = sectionLabel(cells, map);
      if (label) {
        if (label.kind === 'theme') sectionTheme = label.text;
        previous = undefined;
        continue;
      }
      if (!map) {
        preamble.push(cells.filter(Boolean).join(' '));
        continue;
      }
      if (isPageTitle(cells, preamble)) {
        // The plan's title repeated at the top of each page: a page break, not an action.
        afterBreak = true;
        continue;
      }
      const row = readRow(raw, cells, map, sectionTheme);
      row.hadControlCharacters = raw.cells.some(hasControlCharacters);
      if (previous && isContinuation(row, previous, map, afterBreak)) {
        mergeInto(previous, row);
      } else if (hasContent(row)) {
        rows.push(row);
        previous = row;
      }
      afterBreak = false;
    }
  }
  return { rows, preamble: preamble.join('\n'), headerFound };
}

function isPageTitle(cells: string[], preamble: string[]): boolean {
  const filled = cells.filter(Boolean);
  if (filled.length !== 1) return false;
  const text = filled[0]!.toLowerCase();
  return preamble.some((p) => p.split('\n').some((line) => line.trim().toLowerCase() === text));
}

function readRow(raw: RawRow, cells: string[], map: ColumnMap, sectionTheme: string): PlanRow {
  const at = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
  return {
    rowNumber: raw.rowNumber,
    location: raw.location,
    ref: at(map.ref).replace(/\.$/, ''),
    planYear: at(map.planYear),
    indicators: at(map.indicators),
    theme: at(map.theme),
    action: at(map.action),
    measure: at(map.measure),
    leads: map.lead.map(at),
    ownerEmail: at(map.ownerEmail),
    due: at(map.due),
    progress: at(map.progress),
    states: map.state.map(at),
    sectionTheme,
    merged: [],
    hadControlCharacters: false,
  };
}

function hasContent(row: PlanRow): boolean {
  return [row.ref, row.action, row.measure, row.due, row.progress, row.ownerEmail, ...row.leads, ...row.states].some(Boolean);
}

/**
 * A row split by a page break carries no reference, due date or indicator of
 * its own. Right after a break (a new table or a repeated header) that is
 * enough when the plan has a reference or due column, or when the row adds
 * nothing to the action column or carries on mid-sentence; elsewhere the
 * action text must carry on in lower case.
 */
function isContinuation(row: PlanRow, previous: PlanRow, map: ColumnMap, afterBreak: boolean): boolean {
  if (row.ref || row.due || row.indicators || row.planYear) return false;
  const lowerStart = /^[a-z]/.test(row.action);
  if (afterBreak) return !row.action || lowerStart || map.ref !== undefined || map.due !== undefined;
  return lowerStart && (map.ref !== undefined || map.due !== undefined) && previous.action !== '';
}

function mergeInto(target: PlanRow, extra: PlanRow): void {
  // Word splits a row at the page end, usually mid-sentence: carry on the line unless the text had ended.
  const join = (a: string, b: string) => (!b ? a : !a ? b : /[.!?:;]$/.test(a) ? `${a}\n${b}` : `${a} ${b}`);
  target.theme = join(target.theme, extra.theme);
  target.action = join(target.action, extra.action);
  target.measure = join(target.measure, extra.measure);
  target.progress = join(target.progress, extra.progress);
  target.ownerEmail = join(target.ownerEmail, extra.ownerEmail);
  target.leads = target.leads.map((lead, i) => join(lead, extra.leads[i] ?? ''));
  target.states = target.states.map((state, i) => join(state, extra.states[i] ?? ''));
  target.merged.push(extra.location);
  target.hadControlCharacters ||= extra.hadControlCharacters;
}
