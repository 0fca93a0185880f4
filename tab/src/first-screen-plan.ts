/**
 * What the plan's first screen draws (first-screen.ts), from either of two
 * answers: the small first-screen answer (GET /api/plan/start), for the plain
 * plan before the whole list has come, or the whole list (GET /api/plan), for
 * a filtered view and for printing every row. Both are grouped and counted by
 * the same domain code the app uses, so the screen matches the app's.
 */
import type { LoadedPlan } from './api/loaded-plan.js';
import { decodePlanList, type PlanItem } from './api/plan-list.js';
import type { GroupBy, PlanStartResponse, SummaryResponse } from './api/types.js';
import { countGroup, filterActions, firstRows, FIRST_SCREEN_ROWS, groupActions, onlyPlanYear, type GroupCounts } from './lib/domain.js';
import { isFiltered, toFilter, viewFromQuery } from './views/plan/plan-view-state.js';

/** A group as its heading counts it, with the rows of it drawn. */
interface FirstScreenGroup {
  key: string;
  label: string;
  counts: GroupCounts;
  rows: PlanItem[];
}

/** The plan page's first render: heading, summary, count line and the first groups' rows. */
export interface FirstScreenPlan {
  today: string;
  planYear: string | null;
  summary: SummaryResponse;
  /** Actions in the plan, and those the view shows (fewer when `filtered`). */
  total: number;
  shown: number;
  filtered: boolean;
  group: GroupBy;
  groups: FirstScreenGroup[];
  /** Whether `groups` hold every row the view shows (else only the first ones). */
  whole: boolean;
}

const rowCount = (groups: FirstScreenGroup[]) => groups.reduce((n, g) => n + g.rows.length, 0);

/** The first screen of the plain plan from GET /api/plan/start. */
export function fromStartAnswer(body: PlanStartResponse): FirstScreenPlan {
  const { items } = decodePlanList(body);
  const groups = body.groups.map(({ key, label, actions, overdue, byRag, rows }) => ({
    key,
    label,
    counts: { actions, overdue, byRag },
    rows: rows.map((i) => items[i]!),
  }));
  const { today, planYear, summary, total, group } = body;
  return { today, planYear, summary, total, shown: total, filtered: false, group, groups, whole: rowCount(groups) < FIRST_SCREEN_ROWS };
}

/** The first screen of the view `query` asks for, from the whole list: its first `rows` rows (every row with Infinity). */
export function fromWholeList(plan: LoadedPlan, query: URLSearchParams, rows = FIRST_SCREEN_ROWS): FirstScreenPlan {
  const view = viewFromQuery(query);
  const filtered = isFiltered(view);
  const shown = filtered ? filterActions(plan.items, toFilter(view)) : plan.items;
  const grouped = groupActions(shown, view.group);
  const groups = firstRows(grouped, rows).map(({ group, rows }) => ({
    key: group.key,
    label: group.label,
    counts: countGroup(group.actions),
    rows,
  }));
  const listed = grouped.reduce((n, g) => n + g.actions.length, 0);
  return {
    today: plan.today,
    planYear: onlyPlanYear(plan.items),
    summary: plan.summary,
    total: plan.items.length,
    shown: shown.length,
    filtered,
    group: view.group,
    groups,
    whole: rowCount(groups) === listed,
  };
}
