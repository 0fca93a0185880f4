import type { ActionView } from '../domain/action-view.js';
import { localDate } from '../domain/dates.js';
import type { Rag } from '../domain/model.js';
import type { ActionGroup } from '../domain/plan-filter.js';
import { isCarriedOver, ragWord, STATUS_LABELS } from '../domain/rules.js';

/** The board paper's columns, in order. */
export const BOARD_PAPER_COLUMNS = [
  'Group',
  'Ref',
  'Plan year',
  'WRES indicators',
  'Theme',
  'Action',
  'Measure of success',
  'Owner',
  'Due',
  'When',
  'Status',
  'RAG',
  'Latest update',
  'Evidence',
  'Update by',
  'Update date',
] as const;

/** One row of the board paper: plain text cells (not yet escaped for spreadsheets) plus the RAG for colouring (none when carried over). */
export interface BoardPaperRow {
  cells: string[];
  rag: Rag;
  overdue: boolean;
}

/** `YYYY-MM-DD` as a UK board paper writes it: 31/03/2026. */
const ukDate = (date: string) => date.split('-').reverse().join('/');

/** Flattens grouped actions into rows; an action appears once under each group it belongs to. */
export function boardPaperRows(groups: readonly ActionGroup[], timeZone: string): BoardPaperRow[] {
  return groups.flatMap((g) =>
    g.actions.map((v) => ({ cells: rowCells(g.label, v, timeZone), rag: isCarriedOver(v) ? 'None' : v.rag, overdue: v.overdue })),
  );
}

function rowCells(group: string, v: ActionView, timeZone: string): string[] {
  return [
    group,
    v.ref,
    v.planYear,
    v.indicators.join(', '),
    v.theme,
    v.title,
    v.measure,
    v.ownerLabel,
    v.dueDate ? ukDate(v.dueDate) : v.dueText || 'No date',
    v.dueLabel,
    STATUS_LABELS[v.status],
    ragWord(v),
    v.latestUpdate?.text ?? '',
    // Whole addresses, one a line: a spreadsheet reader can open them.
    v.latestUpdate?.links?.join('\n') ?? '',
    v.latestUpdate?.authorName ?? '',
    v.latestUpdate ? ukDate(localDate(new Date(v.latestUpdate.submittedAt), timeZone)) : '',
  ];
}

/** "wres-action-plan-2026-03-10.csv" (with a filter hint when filtered, e.g. "-filtered"). */
export function boardPaperFilename(today: string, format: 'csv' | 'xlsx', filtered: boolean): string {
  return `wres-action-plan-${today}${filtered ? '-filtered' : ''}.${format}`;
}
