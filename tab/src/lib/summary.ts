import type { ActionView, SummaryResponse } from '../api/types.js';
import { INDICATORS, RAGS, STATUSES, type Rag, type Status } from './domain.js';

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The plan summary (the same shape and rules as GET /api/summary) counted from
 * the action views the tab already holds. Overdue and stale come from the
 * server's own flags on each view, so no date rule is repeated here; the
 * second request is saved because on a large plan it costs the server as
 * much as the plan itself.
 */
export function summariseViews(views: readonly ActionView[], today: string): SummaryResponse {
  const byRag = zero<Rag>(RAGS);
  const byStatus = zero<Status>(STATUSES);
  const perIndicator = INDICATORS.map((i) => ({
    indicator: i.number,
    shortName: i.shortName,
    actions: 0,
    overdue: 0,
    byRag: zero<Rag>(RAGS),
  }));
  let complete = 0;
  let overdue = 0;
  let stale = 0;
  for (const v of views) {
    byRag[v.rag] += 1;
    byStatus[v.status] += 1;
    if (v.status === 'Complete') complete += 1;
    if (v.overdue) overdue += 1;
    if (v.stale) stale += 1;
    for (const n of new Set(v.indicators)) {
      const row = perIndicator[n - 1]!;
      row.actions += 1;
      row.byRag[v.rag] += 1;
      if (v.overdue) row.overdue += 1;
    }
  }
  const total = views.length;
  return {
    today,
    total,
    complete,
    percentComplete: total === 0 ? 0 : Math.floor((complete / total) * 100),
    overdue,
    stale,
    byRag,
    byStatus,
    perIndicator,
  };
}
