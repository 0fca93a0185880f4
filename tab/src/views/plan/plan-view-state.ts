import type { ExportQuery, GroupBy, PlanFilter } from '../../api/types.js';
import type { Rag, Status } from '../../lib/domain.js';

/** The plan page's grouping and filters, as the user set them. Empty strings mean "All". */
export interface PlanViewState {
  group: GroupBy;
  owner: string;
  rag: Rag | '';
  status: Status | '';
  overdue: boolean;
  q: string;
}

/** Everything shown, grouped by indicator. */
export const INITIAL_PLAN_VIEW: PlanViewState = { group: 'indicator', owner: '', rag: '', status: '', overdue: false, q: '' };

/** The view state as the shared filter the domain code (and the export) understands. */
export function toFilter(view: PlanViewState): PlanFilter {
  return {
    ...(view.owner ? { owner: view.owner } : {}),
    ...(view.rag ? { rag: view.rag } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.overdue ? { overdue: true } : {}),
    ...(view.q.trim() ? { q: view.q.trim() } : {}),
  };
}

/** The query string for GET /api/export with the current view, so the file matches the screen. */
export function exportQuery(view: PlanViewState, format: ExportQuery['format']): string {
  const params = new URLSearchParams({ format, group: view.group });
  const filter = toFilter(view);
  if (filter.owner) params.set('owner', filter.owner);
  if (filter.rag) params.set('rag', filter.rag);
  if (filter.status) params.set('status', filter.status);
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.q) params.set('q', filter.q);
  return params.toString();
}

/** Whether any filter narrows the plan. */
export function isFiltered(view: PlanViewState): boolean {
  return Object.keys(toFilter(view)).length > 0;
}
