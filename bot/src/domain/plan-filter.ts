import type { ActionView } from './action-view.js';
import { indicatorLabel } from './indicators.js';
import type { IndicatorNumber, Rag, Status } from './model.js';

/** How the tab and the board paper group actions. */
export const GROUP_BYS = ['indicator', 'theme'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * The filters the tab offers and the export accepts (as query parameters of
 * the same names). Every field is optional; all given fields must match.
 */
export interface PlanFilter {
  /** Matches the owner label shown in the tab (case-insensitive), or the owner's email or Entra object id. */
  owner?: string;
  rag?: Rag;
  status?: Status;
  /** `true`: only overdue actions. */
  overdue?: boolean;
  /** Only actions citing this WRES indicator. */
  indicator?: IndicatorNumber;
  /** Free text: every word must appear in the ref, action, theme, measure, owner, lead role or latest update. */
  q?: string;
}

/**
 * What the filters read of an action: its full view, or a lighter item that
 * has the listed fields (the tab's plan list, which leaves the text search
 * `q` to the service because it carries no measure, lead role or owner ids).
 */
export type FilterableAction = Pick<ActionView, 'ref' | 'title' | 'theme' | 'indicators' | 'rag' | 'status' | 'overdue' | 'ownerLabel'> &
  Partial<Pick<ActionView, 'owner' | 'measure' | 'leadRole' | 'latestUpdate'>>;

/** A titled group of actions, in display order. */
export interface ActionGroup<T = ActionView> {
  /** Stable key: `indicator-2`, `indicator-none`, `theme-<lower-case theme>`, `theme-none`. */
  key: string;
  label: string;
  indicator?: IndicatorNumber;
  actions: T[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** Whether one action passes every filter given. */
function matchesFilter(view: FilterableAction, filter: PlanFilter): boolean {
  if (filter.rag && view.rag !== filter.rag) return false;
  if (filter.status && view.status !== filter.status) return false;
  if (filter.overdue && !view.overdue) return false;
  if (filter.indicator && !view.indicators.includes(filter.indicator)) return false;
  if (filter.owner && norm(filter.owner)) {
    const want = norm(filter.owner);
    const keys = [view.ownerLabel, view.owner?.email, view.owner?.aadObjectId].filter((k): k is string => !!k).map(norm);
    if (!keys.includes(want)) return false;
  }
  const words = filter.q ? norm(filter.q).split(/\s+/).filter(Boolean) : [];
  if (words.length) {
    const haystack = [view.ref, view.title, view.theme, view.measure, view.ownerLabel, view.leadRole, view.latestUpdate?.text ?? '']
      .join('\n')
      .toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}

/** The actions that pass `filter`, in their given order. */
export function filterActions<T extends FilterableAction>(views: readonly T[], filter: PlanFilter): T[] {
  return views.filter((v) => matchesFilter(v, filter));
}

/**
 * Groups actions for display. By indicator, an action appears under every
 * indicator it cites (1 to 9, then "Not linked to an indicator"); by theme,
 * groups follow the order themes first appear. Empty groups are left out.
 */
export function groupActions<T extends Groupable>(views: readonly T[], by: GroupBy): ActionGroup<T>[] {
  return by === 'indicator' ? groupByIndicator(views) : groupByTheme(views);
}

type Groupable = Pick<ActionView, 'indicators' | 'theme'>;

function groupByIndicator<T extends Groupable>(views: readonly T[]): ActionGroup<T>[] {
  // One pass over the plan (the tab groups thousands of actions before its first screen); index 0 is "not linked".
  const byIndicator: T[][] = Array.from({ length: 10 }, () => []);
  for (const view of views) {
    const { indicators } = view;
    if (indicators.length === 0) byIndicator[0]!.push(view);
    indicators.forEach((n, i) => {
      if (n >= 1 && n <= 9 && indicators.indexOf(n) === i) byIndicator[n]!.push(view);
    });
  }
  const groups: ActionGroup<T>[] = [];
  for (let n = 1 as IndicatorNumber; n <= 9; n = (n + 1) as IndicatorNumber) {
    const actions = byIndicator[n]!;
    if (actions.length) groups.push({ key: `indicator-${n}`, label: indicatorLabel(n), indicator: n, actions });
  }
  if (byIndicator[0]!.length) groups.push({ key: 'indicator-none', label: 'Not linked to an indicator', actions: byIndicator[0]! });
  return groups;
}

function groupByTheme<T extends Groupable>(views: readonly T[]): ActionGroup<T>[] {
  const byKey = new Map<string, ActionGroup<T>>();
  for (const view of views) {
    const theme = view.theme.trim();
    const key = theme ? `theme-${norm(theme)}` : 'theme-none';
    let group = byKey.get(key);
    if (!group) {
      group = { key, label: theme || 'No theme', actions: [] };
      byKey.set(key, group);
    }
    group.actions.push(view);
  }
  const groups = [...byKey.values()];
  const none = groups.findIndex((g) => g.key === 'theme-none');
  if (none >= 0) groups.push(...groups.splice(none, 1));
  return groups;
}
