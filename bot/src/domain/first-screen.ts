/**
 * What the tab's plan page shows before the whole list has come: its first
 * rows, the counts in each group's heading, and the plan year in its heading.
 * Shared by the service (GET /api/plan/start) and the tab, so the start
 * answer and the page agree. Pure, and free of luxon so the tab can bundle it.
 */
import type { ActionView } from './action-view.js';
import { RAGS, type Rag } from './model.js';
import type { ActionGroup } from './plan-filter.js';

/** Rows the plan page draws first: more than a tall screen shows. */
export const FIRST_SCREEN_ROWS = 40;

/** What a group's heading counts: its actions, how many are overdue, and how many of each RAG rating. */
export interface GroupCounts {
  actions: number;
  overdue: number;
  byRag: Record<Rag, number>;
}

/** The heading counts of a group's actions. */
export function countGroup(actions: readonly Pick<ActionView, 'rag' | 'overdue'>[]): GroupCounts {
  const byRag = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
  let overdue = 0;
  for (const a of actions) {
    byRag[a.rag] += 1;
    if (a.overdue) overdue += 1;
  }
  return { actions: actions.length, overdue, byRag };
}

/** The groups that the first `rows` rows fall in, in order, each with the rows of it that fit (later groups are left out). */
export function firstRows<T>(groups: readonly ActionGroup<T>[], rows = FIRST_SCREEN_ROWS): { group: ActionGroup<T>; rows: T[] }[] {
  const shown: { group: ActionGroup<T>; rows: T[] }[] = [];
  let budget = rows;
  for (const group of groups) {
    if (budget <= 0) break;
    const taken = group.actions.slice(0, budget);
    budget -= taken.length;
    shown.push({ group, rows: taken });
  }
  return shown;
}

/** The plan year every action with one shares, or null when there are several (or none): the page's heading names it. */
export function onlyPlanYear(actions: readonly Pick<ActionView, 'planYear'>[]): string | null {
  let year: string | null = null;
  for (const { planYear } of actions) {
    if (!planYear || planYear === year) continue;
    if (year !== null) return null;
    year = planYear;
  }
  return year;
}
