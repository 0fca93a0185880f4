import { toActionView, type ActionView, type ViewContext } from '../domain/action-view.js';
import type { Action, LatestUpdate } from '../domain/model.js';
import { countGroup, firstRows, onlyPlanYear } from '../domain/first-screen.js';
import { filterActions, groupActions, type GroupBy } from '../domain/plan-filter.js';
import { summariseViews } from '../domain/summary-counts.js';
import { SharedJsonBody } from '../http/shared-body.js';
import type { PlanResponse, PlanRow, PlanRowUpdate, PlanStartResponse } from './contract.js';
import { compareByRef } from '../domain/action-view.js';

/** Texts that repeat across actions (years, themes, people), sent once and referred to by index. */
class TextTable {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  }
}

/** `YYYY-MM-DD` of an instant in `timeZone`. Intl rather than luxon: it runs once per action when the list is rebuilt. */
function dayIn(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}

/** The lean list (contract.ts `PlanResponse`) of views already in plan order. */
function encodePlanList(views: readonly ActionView[], ctx: ViewContext): PlanResponse {
  const years = new TextTable();
  const themes = new TextTable();
  const people = new TextTable();
  const day = dayIn(ctx.timeZone);
  const actions = views.map((v): PlanRow => {
    const latest = v.latestUpdate;
    return [
      v.id,
      v.ref,
      v.title,
      years.of(v.planYear),
      themes.of(v.theme.trim()),
      v.indicators,
      people.of(v.ownerLabel),
      v.dueDate,
      v.status,
      v.rag,
      v.stale ? 1 : 0,
      latest ? latestRow(latest, people.of(latest.authorName), day(latest.submittedAt)) : null,
    ];
  });
  return { today: ctx.today, years: years.texts, themes: themes.texts, people: people.texts, actions };
}

/** The latest update as a `PlanRowUpdate`: links only when there are some, so the list grows only for them. */
function latestRow(latest: LatestUpdate, author: number, day: string): PlanRowUpdate {
  return latest.links?.length ? [latest.text, author, day, latest.links] : [latest.text, author, day];
}

/** The first screen (contract.ts `PlanStartResponse`) of views already in plan order: the same views the list is made of. */
function encodePlanStart(views: readonly ActionView[], ctx: ViewContext, group: GroupBy): PlanStartResponse {
  const shown: ActionView[] = [];
  const index = new Map<string, number>();
  const rowOf = (v: ActionView) => index.get(v.id) ?? index.set(v.id, shown.push(v) - 1).get(v.id)!;
  const groups = firstRows(groupActions(views, group)).map(({ group: g, rows }) => ({
    key: g.key,
    label: g.label,
    ...countGroup(g.actions),
    rows: rows.map(rowOf),
  }));
  return {
    ...encodePlanList(shown, ctx),
    group,
    total: views.length,
    planYear: onlyPlanYear(views),
    summary: summariseViews(views, ctx.today),
    groups,
  };
}

/** Whether two reads of an action agree on everything a plan view is made of (the whole view is derived from these). */
function sameSource(a: Action, b: Action): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.version === b.version &&
    a.updatedAt === b.updatedAt &&
    a.ref === b.ref &&
    a.planYear === b.planYear &&
    a.title === b.title &&
    a.theme === b.theme &&
    a.indicators.join() === b.indicators.join() &&
    a.owner?.displayName === b.owner?.displayName &&
    a.owner?.email === b.owner?.email &&
    a.owner?.aadObjectId === b.owner?.aadObjectId &&
    a.leadRole === b.leadRole &&
    a.measure === b.measure &&
    a.dueDate === b.dueDate &&
    a.status === b.status &&
    a.rag === b.rag &&
    a.latestUpdate?.text === b.latestUpdate?.text &&
    a.latestUpdate?.authorName === b.latestUpdate?.authorName &&
    a.latestUpdate?.submittedAt === b.latestUpdate?.submittedAt &&
    a.latestUpdate?.links?.join('\n') === b.latestUpdate?.links?.join('\n')
  );
}

interface Built {
  actions: readonly Action[];
  ctx: ViewContext;
  views: ActionView[];
  body: SharedJsonBody;
  /** The first screen by each grouping, made when first asked for. */
  starts: Partial<Record<GroupBy, SharedJsonBody>>;
}

/**
 * The plan list and search for the tab, built once per version of the plan
 * and reused while the store answers with the same actions on the same day:
 * a request then costs a comparison of the actions it read (object identity
 * for the SQLite store's cached read) instead of views, serialising and
 * compressing (each encoding is compressed once per version). The
 * list carries nothing caller-specific (who may update is on the action
 * page), so one cached body serves every caller; the same goes for the
 * first screen made from it.
 */
export class PlanListCache {
  private built: Built | null = null;

  /** The serialised `PlanResponse` for `actions` as of `ctx`, ready to send in any encoding. */
  body(actions: readonly Action[], ctx: ViewContext): SharedJsonBody {
    return this.current(actions, ctx).body;
  }

  /** The serialised `PlanStartResponse` (the page's first screen grouped by `group`) for `actions` as of `ctx`. */
  start(actions: readonly Action[], ctx: ViewContext, group: GroupBy): SharedJsonBody {
    const built = this.current(actions, ctx);
    return (built.starts[group] ??= new SharedJsonBody(JSON.stringify(encodePlanStart(built.views, ctx, group))));
  }

  /** Ids of the actions whose views match `q` (the export's text search), in plan order. */
  search(actions: readonly Action[], ctx: ViewContext, q: string): string[] {
    return filterActions(this.current(actions, ctx).views, { q }).map((v) => v.id);
  }

  private current(actions: readonly Action[], ctx: ViewContext): Built {
    const last = this.built;
    if (
      last &&
      sameContext(last.ctx, ctx) &&
      last.actions.length === actions.length &&
      last.actions.every((a, i) => sameSource(a, actions[i]!))
    )
      return last;
    const views = actions.map((a) => toActionView(a, ctx, false)).sort(compareByRef);
    this.built = { actions: [...actions], ctx, views, body: new SharedJsonBody(JSON.stringify(encodePlanList(views, ctx))), starts: {} };
    return this.built;
  }
}

function sameContext(a: ViewContext, b: ViewContext): boolean {
  return a.today === b.today && a.timeZone === b.timeZone && a.staleAfterDays === b.staleAfterDays;
}
