import type { ActionView } from './action-view.js';
import { INDICATORS } from './indicators.js';
import { RAGS, STATUSES, type IndicatorNumber, type Rag, type Status } from './model.js';

/** One WRES indicator's share of the plan. */
export interface IndicatorSummary {
  indicator: IndicatorNumber;
  shortName: string;
  /** Actions citing this indicator (an action citing several counts under each). */
  actions: number;
  overdue: number;
  byRag: Record<Rag, number>;
}

/** The plan at a glance, for the tab's summary and the lead's digest. */
export interface PlanSummary {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  total: number;
  complete: number;
  /** Whole per cent of actions complete, rounded down (100 only when all are); 0 for an empty plan. */
  percentComplete: number;
  overdue: number;
  stale: number;
  byRag: Record<Rag, number>;
  byStatus: Record<Status, number>;
  /** All nine indicators in order, including those with no actions. */
  perIndicator: IndicatorSummary[];
}

/** What the summary counts of one action: its RAG, status and indicators, and whether it is overdue and stale today. */
export type SummaryRow = Pick<ActionView, 'rag' | 'status' | 'indicators' | 'overdue' | 'stale'>;

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Counts actions whose overdue and stale flags are already worked out for
 * `today` (the tab counts the action views it holds, so no date rule is
 * repeated there). Pure, and free of luxon so the tab can bundle it.
 */
export function summariseViews(views: readonly SummaryRow[], today: string): PlanSummary {
  const byRag = zero<Rag>(RAGS);
  const byStatus = zero<Status>(STATUSES);
  const perIndicator: IndicatorSummary[] = INDICATORS.map((i) => ({
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
