/**
 * The plan page's words worked out from the list, free of React so that the
 * start-up script's first screen (first-screen.ts) and the app say the same.
 */
import type { PlanItem } from '../api/plan-list.js';
import type { GroupBy, SummaryResponse } from '../api/types.js';
import { RAG_LABELS, STATUS_LABELS, type GroupCounts, type Rag } from './domain.js';
import { formatDate, formatNumber, plural } from './format.js';

/** Display order of RAG ratings: worst first, then complete, then unrated. */
export const RAG_ORDER: readonly Rag[] = ['Red', 'Amber', 'Green', 'Blue', 'None'];

/** "Blue" rather than "Blue — complete" where the words are a short count. */
const shortRag = (rag: Rag) => (rag === 'Blue' ? 'Blue' : RAG_LABELS[rag]);

/** "Red 1 · Amber 2 · Green 3 · Carried over 1" (ratings with no actions are left out). */
export function ragMixText(byRag: Record<Rag, number>, carriedOver = 0): string {
  const parts = RAG_ORDER.filter((r) => byRag[r] > 0).map((r) => `${shortRag(r)} ${byRag[r]}`);
  if (carriedOver > 0) parts.push(`${STATUS_LABELS.CarriedOver} ${carriedOver}`);
  return parts.length ? parts.join(' · ') : 'No actions';
}

/** A group heading's counts (`countGroup` of its actions): "12 actions · 3 overdue · Red 2, Amber 10". */
export function groupCountsText(counts: GroupCounts): string {
  const rags = RAG_ORDER.filter((r) => counts.byRag[r] > 0).map((r) => `${shortRag(r)} ${counts.byRag[r]}`);
  return [plural(counts.actions, 'action'), ...(counts.overdue ? [`${counts.overdue} overdue`] : []), rags.join(', ')].join(' · ');
}

/** "WRES action plan 2025/26" when every action is of one plan year (`onlyPlanYear`), else "WRES action plan". */
export function planHeadingText(planYear: string | null): string {
  return `WRES action plan${planYear ? ` ${planYear}` : ''}`;
}

/** The line above the groups: "5,000 actions" or "Showing 12 actions of 5,000", and the note on indicator groups. */
export function planCountText(shown: number, total: number, filtered: boolean, group: GroupBy): string {
  const count = filtered ? `Showing ${plural(shown, 'action')} of ${formatNumber(total)}` : plural(shown, 'action');
  return count + (group === 'indicator' && shown > 0 ? ' · an action citing several indicators is listed under each' : '');
}

/** The summary's headline figures, in order; `attention` marks a figure above zero that needs a lead's eye. */
export function summaryStats(summary: SummaryResponse): { label: string; value: string; attention: boolean }[] {
  return [
    { label: 'Actions', value: formatNumber(summary.total), attention: false },
    { label: 'Complete', value: formatNumber(summary.complete), attention: false },
    { label: 'Per cent complete', value: `${summary.percentComplete}%`, attention: false },
    { label: 'Overdue', value: formatNumber(summary.overdue), attention: summary.overdue > 0 },
    { label: 'No update in 30 days', value: formatNumber(summary.stale), attention: summary.stale > 0 },
  ];
}

/** The RAG ratings the summary lists ("Not rated" only when some action is). */
export function summaryRags(summary: SummaryResponse): Rag[] {
  return RAG_ORDER.filter((r) => r !== 'None' || summary.byRag.None > 0);
}

/** A plan row's due cell: the date (or "Ongoing", "No date"), and beneath it the wording ("in 7 days", "3 days overdue"). */
export function dueCellText(action: Pick<PlanItem, 'dueDate' | 'dueLabel' | 'overdue'>): { date: string; note: string | null } {
  const date = action.dueDate ? formatDate(action.dueDate) : action.dueLabel;
  const note = action.overdue || (action.dueDate && action.dueLabel !== 'Complete') ? action.dueLabel : null;
  return { date, note };
}
