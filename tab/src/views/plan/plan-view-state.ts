import type { ExportQuery, GroupBy, PlanFilter } from '../../api/types.js';
import { RAGS, STATUSES, type Rag, type Status } from '../../lib/domain.js';

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

const oneOf = <T extends string>(values: readonly T[], raw: string | null): T | '' => (values.includes(raw as T) ? (raw as T) : '');

/**
 * The view a plan address asks for: the export's parameter names (`group`,
 * `owner`, `rag`, `status`, `overdue`, `q`). Unknown values read as "All",
 * so an old or mistyped link still opens the plan.
 */
export function viewFromQuery(query: URLSearchParams): PlanViewState {
  return {
    group: query.get('group') === 'theme' ? 'theme' : 'indicator',
    owner: query.get('owner')?.trim() ?? '',
    rag: oneOf(RAGS, query.get('rag')),
    status: oneOf(STATUSES, query.get('status')),
    overdue: query.get('overdue') === 'true',
    q: query.get('q') ?? '',
  };
}

/** The view as a query string for the plan's address: only what differs from the whole plan, so "/" is the plain plan. */
export function viewToQuery(view: PlanViewState): string {
  const params = new URLSearchParams();
  if (view.group !== 'indicator') params.set('group', view.group);
  // The address keeps the search as typed (spaces and all), so the box shows it back unchanged.
  setFilterParams(params, { ...toFilter(view), ...(view.q ? { q: view.q } : {}) });
  return params.toString();
}

/** Writes `filter` into `params` under the names the plan's address and the export share. */
function setFilterParams(params: URLSearchParams, filter: PlanFilter): void {
  if (filter.owner) params.set('owner', filter.owner);
  if (filter.rag) params.set('rag', filter.rag);
  if (filter.status) params.set('status', filter.status);
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.q) params.set('q', filter.q);
}

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
  setFilterParams(params, toFilter(view));
  return params.toString();
}

/** Whether any filter narrows the plan. */
export function isFiltered(view: PlanViewState): boolean {
  return Object.keys(toFilter(view)).length > 0;
}
