import { isStale, type ViewContext } from './action-view.js';
import { INDICATORS } from './indicators.js';
import { RAGS, STATUSES, type Action, type IndicatorNumber, type Rag, type Status } from './model.js';
import { isComplete, isOverdue } from './rules.js';

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

const zeroRag = (): Record<Rag, number> => Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
const zeroStatus = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

/** Counts the plan for `ctx.today`. Pure: the same actions and context give the same summary. */
export function summarisePlan(actions: readonly Action[], ctx: ViewContext): PlanSummary {
  const byRag = zeroRag();
  const byStatus = zeroStatus();
  const perIndicator: IndicatorSummary[] = INDICATORS.map((i) => ({
    indicator: i.number,
    shortName: i.shortName,
    actions: 0,
    overdue: 0,
    byRag: zeroRag(),
  }));
  let complete = 0;
  let overdue = 0;
  let stale = 0;
  for (const action of actions) {
    const late = isOverdue(action, ctx.today);
    byRag[action.rag] += 1;
    byStatus[action.status] += 1;
    if (isComplete(action)) complete += 1;
    if (late) overdue += 1;
    if (isStale(action, ctx)) stale += 1;
    for (const n of new Set(action.indicators)) {
      const row = perIndicator[n - 1]!;
      row.actions += 1;
      row.byRag[action.rag] += 1;
      if (late) row.overdue += 1;
    }
  }
  const total = actions.length;
  return {
    today: ctx.today,
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
