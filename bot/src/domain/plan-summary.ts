import { isStale, type ViewContext } from './action-view.js';
import type { Action } from './model.js';
import { isOverdue } from './rules.js';
import { summariseViews, type PlanSummary } from './summary-counts.js';

export type { IndicatorSummary, PlanSummary } from './summary-counts.js';

/** Counts the plan for `ctx.today`. Pure: the same actions and context give the same summary. */
export function summarisePlan(actions: readonly Action[], ctx: ViewContext): PlanSummary {
  const rows = actions.map((a) => ({
    rag: a.rag,
    status: a.status,
    indicators: a.indicators,
    overdue: isOverdue(a, ctx.today),
    stale: isStale(a, ctx),
  }));
  return summariseViews(rows, ctx.today);
}
