import { DateTime } from 'luxon';
import { addDays, daysBetween } from './calendar-days.js';
import { dueLabel } from './due-label.js';
import type { Action } from './model.js';
import { isClosed, isOverdue } from './rules.js';
import { ownerLabel } from './people.js';

/**
 * An action as the tab and the export show it: the stored action plus the
 * facts computed for "today" in the organisation's time zone.
 */
export interface ActionView extends Action {
  /** Past its due date and not complete. */
  overdue: boolean;
  /** Whole days past the due date; present only when `overdue`. */
  daysOverdue?: number;
  /** "in 7 days", "due today", "3 days overdue", "Complete", "Ongoing", "No date". */
  dueLabel: string;
  /** Not complete and no progress update for `staleAfterDays` or more. */
  stale: boolean;
  /** The owner's name, else the lead role from the plan, else "No owner". */
  ownerLabel: string;
  /** Whether the person asking may post a progress update on this action. */
  canUpdate: boolean;
}

/** What `toActionView` needs to know about "now" and the organisation. */
export interface ViewContext {
  /** `YYYY-MM-DD` in `timeZone`. */
  today: string;
  timeZone: string;
  staleAfterDays: number;
}

const lastNewsAt = (action: Pick<Action, 'latestUpdate' | 'updatedAt'>) => action.latestUpdate?.submittedAt ?? action.updatedAt;

// Whole-plan views call isStale for every action: work out the cut-off instant once per context.
const cutoffs = new Map<string, number>();
function staleCutoffMs(ctx: ViewContext): number {
  const key = `${ctx.today}|${ctx.timeZone}|${ctx.staleAfterDays}`;
  let cutoff = cutoffs.get(key);
  if (cutoff === undefined) {
    // News before local midnight starting (today - staleAfterDays + 1) is staleAfterDays or more days old.
    cutoff = DateTime.fromISO(addDays(ctx.today, 1 - ctx.staleAfterDays), { zone: ctx.timeZone }).toMillis();
    if (cutoffs.size > 64) cutoffs.clear();
    cutoffs.set(key, cutoff);
  }
  return cutoff;
}

/** Open (not closed) and nothing new for `staleAfterDays` days or more (days counted in `timeZone`). */
export function isStale(action: Pick<Action, 'status' | 'latestUpdate' | 'updatedAt'>, ctx: ViewContext): boolean {
  if (isClosed(action)) return false;
  return Date.parse(lastNewsAt(action)) < staleCutoffMs(ctx);
}

/** Builds the view of one action; `canUpdate` is decided by the caller (see people.canUpdate). */
export function toActionView(action: Action, ctx: ViewContext, canUpdate: boolean): ActionView {
  const overdue = isOverdue(action, ctx.today);
  const view: ActionView = {
    ...action,
    overdue,
    dueLabel: dueLabel(action, ctx.today),
    stale: isStale(action, ctx),
    ownerLabel: ownerLabel(action),
    canUpdate,
  };
  if (overdue && action.dueDate) view.daysOverdue = daysBetween(action.dueDate, ctx.today);
  return view;
}

// One collator for every comparison: localeCompare with options builds a new one per call, which dominates sorting 5,000 actions.
const natural = new Intl.Collator('en-GB', { numeric: true });

/** Natural order of texts such as references and plan years ("1.2" before "1.10"): the one collator for plan order, used by the API and both stores. */
export const compareNatural = (a: string, b: string): number => natural.compare(a, b);

/** Orders by plan year (newest first), then reference in natural order ("1.2" before "1.10"). */
export function compareByRef(a: Pick<Action, 'planYear' | 'ref'>, b: Pick<Action, 'planYear' | 'ref'>): number {
  if (a.planYear !== b.planYear) return compareNatural(b.planYear, a.planYear);
  return compareNatural(a.ref, b.ref);
}

/** Soonest due first; undated actions last; ties by reference. */
export function compareByDue(a: Pick<Action, 'dueDate' | 'planYear' | 'ref'>, b: Pick<Action, 'dueDate' | 'planYear' | 'ref'>): number {
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return compareByRef(a, b);
}
