import { summariseViews } from '../lib/domain.js';
import { decodePlanList, type PlanList } from './plan-list.js';
import type { PlanResponse, SummaryResponse } from './types.js';

/** The plan list with what the page works out from it once: the summary and the owners to filter by. */
export interface LoadedPlan extends PlanList {
  summary: SummaryResponse;
  /** Worked out on first use: the first screen has no filters, and sorting names builds a collator (milliseconds). */
  readonly owners: string[];
}

const loaded = new WeakMap<PlanResponse, LoadedPlan>();

/**
 * Decodes GET /api/plan's answer with its summary and owners. The same answer
 * gives the same object, so the first screen and the app work it out once.
 */
export function loadedPlan(body: PlanResponse): LoadedPlan {
  let plan = loaded.get(body);
  if (!plan) {
    const list = decodePlanList(body);
    let owners: string[] | undefined;
    plan = {
      ...list,
      summary: summariseViews(list.items, list.today),
      get owners() {
        return (owners ??= [...new Set(list.items.map((a) => a.ownerLabel))].sort(new Intl.Collator('en-GB').compare));
      },
    };
    loaded.set(body, plan);
  }
  return plan;
}
