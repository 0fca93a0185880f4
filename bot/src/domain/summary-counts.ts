import type { ActionView } from './action-view.js';
import { INDICATORS } from './indicators.js';
import { RAGS, STATUSES, type IndicatorNumber, type Rag, type Status } from './model.js';
import { isCarriedOver, isComplete } from './rules.js';

/** One WRES indicator's share of the plan. */
export interface IndicatorSummary {
  indicator: IndicatorNumber;
  shortName: string;
  /** Actions citing this indicator (an action citing several counts under each). */
  actions: number;
  overdue: number;
  /** RAG ratings of the actions still in play (carried-over ones are counted in `carriedOver`, not under a colour). */
  byRag: Record<Rag, number>;
  carriedOver: number;
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
  /** RAG ratings of every action but those carried over into the next plan year. */
  byRag: Record<Rag, number>;
  /** Actions carried over into the next plan year: their own state, shown with its word beside the RAG counts. */
  carriedOver: number;
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
    carriedOver: 0,
  }));
  let complete = 0;
  let overdue = 0;
  let stale = 0;
  let carriedOver = 0;
  for (const v of views) {
    const carried = isCarriedOver(v);
    if (carried) carriedOver += 1;
    else byRag[v.rag] += 1;
    byStatus[v.status] += 1;
    if (isComplete(v)) complete += 1;
    if (v.overdue) overdue += 1;
    if (v.stale) stale += 1;
    // Each indicator once, however often it is cited (no Set per action: the tab counts thousands before its first screen).
    const cited = v.indicators;
    for (let i = 0; i < cited.length; i++) {
      const n = cited[i]!;
      if (cited.indexOf(n) !== i) continue;
      const row = perIndicator[n - 1]!;
      row.actions += 1;
      if (carried) row.carriedOver += 1;
      else row.byRag[v.rag] += 1;
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
    carriedOver,
    byStatus,
    perIndicator,
  };
}
