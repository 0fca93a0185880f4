/**
 * Carrying a plan into the next year: every action still open in one plan
 * year is copied into the next with a due date the lead confirms, keeps a
 * link back to the original (whose history stays where it is), and the
 * original is marked "Carried over". The rule lives here once; the dry run
 * prints it and both stores apply it. Pure apart from luxon for dates.
 */
import { DateTime } from 'luxon';
import type { NewAction } from './plan-import.js';
import type { Action, ActionLink } from './model.js';
import { isClosed } from './rules.js';

/** What carrying over does with one open action of the old year. */
export type CarryOverItem =
  /** A copy is made in the new year with `dueDate`, and the original marked carried over. */
  | { kind: 'copy'; action: Action; dueDate: string | null }
  /** The copy exists already (an earlier run stopped part way): only the original is marked. */
  | { kind: 'finish'; action: Action; copy: Action }
  /** The new year already has a different action with this ref: nothing is done, for the reason given. */
  | { kind: 'blocked'; action: Action; reason: string };

/** The whole carry-over from one plan year to the next, as the dry run shows it. */
export interface CarryOverPlan {
  from: string;
  to: string;
  /** The old year's open actions, in plan order. */
  items: CarryOverItem[];
  /** Actions of the old year left alone: complete, or carried over before. */
  left: { complete: number; carriedBefore: number };
}

/** The link to an action, as the other end of a carry-over keeps it. */
export function linkTo(action: Pick<Action, 'id' | 'planYear' | 'ref'>): ActionLink {
  return { id: action.id, planYear: action.planYear, ref: action.ref };
}

/** "2026/27 · 2.3": how a link reads. */
export function linkLabel(link: Pick<ActionLink, 'planYear' | 'ref'>): string {
  return `${link.planYear} · ${link.ref}`;
}

/** The same day and month a year later; 29 February becomes 28 February. */
function sameDayNextYear(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ years: 1 }).toISODate()!;
}

/** The first calendar year of a plan year written "2026/27". */
export function planYearStart(planYear: string): number {
  return Number(/^(\d{4})/.exec(planYear)?.[1] ?? NaN);
}

/**
 * Why carrying `from` into `to` makes no sense, in words; null when it does.
 * Both are "YYYY/YY" plan years (the edges normalise what people type).
 */
export function carryOverRefusal(from: string, to: string): string | null {
  if (from === to) return `Choose two different plan years: both are ${from}.`;
  if (planYearStart(to) <= planYearStart(from)) return `A plan is carried forward: ${to} comes before ${from}.`;
  return null;
}

/**
 * The carry-over of `from` into `to` as the store stands. The new due date
 * is `dueDates.get(action id)` when the lead chose one (null: no date), else
 * the same day a year later; undated and ongoing actions stay undated. The
 * copy keeps the ref; a ref the new year already uses for another action
 * blocks that one. Running it again finds nothing left to copy.
 */
export function planCarryOver(
  actions: readonly Action[],
  from: string,
  to: string,
  dueDates: ReadonlyMap<string, string | null> = new Map(),
): CarryOverPlan {
  const inNewYear = new Map(actions.filter((a) => a.planYear === to).map((a) => [a.ref, a]));
  const old = actions.filter((a) => a.planYear === from);
  const items = old
    .filter((a) => !isClosed(a))
    .map((action): CarryOverItem => {
      const taken = inNewYear.get(action.ref);
      if (taken?.carriedFrom?.id === action.id) return { kind: 'finish', action, copy: taken };
      if (taken) {
        const reason = `${to} already has an action ${action.ref} (“${taken.title}”), so this one cannot keep its ref there.`;
        return { kind: 'blocked', action, reason };
      }
      const chosen = dueDates.get(action.id);
      const dueDate = chosen !== undefined ? chosen : action.dueDate && sameDayNextYear(action.dueDate);
      return { kind: 'copy', action, dueDate };
    });
  return {
    from,
    to,
    items,
    left: {
      complete: old.filter((a) => a.status === 'Complete').length,
      carriedBefore: old.filter((a) => a.status === 'CarriedOver').length,
    },
  };
}

/**
 * The new year's copy of `action`: the same plan text, owner, RAG and status
 * (work in progress stays in progress), the new due date, and a link back.
 * Its progress history stays on the original.
 */
export function carriedCopy(action: Action, to: string, dueDate: string | null): NewAction {
  const dueText = dueDate ? DateTime.fromISO(dueDate).setLocale('en-GB').toFormat('d MMMM yyyy') : action.dueText || 'Ongoing';
  return {
    ref: action.ref,
    planYear: to,
    theme: action.theme,
    indicators: [...action.indicators],
    title: action.title,
    measure: action.measure,
    owner: action.owner && { ...action.owner },
    leadRole: action.leadRole,
    dueDate,
    dueText,
    status: action.status,
    rag: action.rag,
    carriedFrom: linkTo(action),
  };
}

/** What someone trying to update a carried-over action is told: where the work goes on now. */
export function movedOnMessage(action: Pick<Action, 'ref' | 'carriedTo'>): string {
  const where = action.carriedTo ? `${action.carriedTo.planYear} as ${action.carriedTo.ref}` : 'the next plan year';
  return `Action ${action.ref} was carried over into ${where}: please add your update there. Nothing was saved here.`;
}

/** The progress-log entry on the original: "Carried over into 2027/28 as 2.3 by Alex Wilber". */
export function carryOverText(copy: Pick<ActionLink, 'planYear' | 'ref'>, by: string): string {
  return `Carried over into ${copy.planYear} as ${copy.ref} by ${by}`;
}
