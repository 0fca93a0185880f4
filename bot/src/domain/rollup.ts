import type { ViewContext } from './action-view.js';
import { formatValue, indicatorTrends, type Direction } from './indicator-evidence.js';
import { worsenedIndicators } from './indicator-progress.js';
import { INDICATORS } from './indicators.js';
import type { Action, IndicatorMetric, IndicatorNumber } from './model.js';
import type { OrgGroup } from './organisation.js';
import { summarisePlan } from './plan-summary.js';

/**
 * The roll-up an oversight body (an ICB or a region) sees of its member
 * organisations: counts and indicator values only. Nothing here carries an
 * action's title, owner or progress note, so nothing downstream can show one.
 * Pure: the same plans and figures give the same roll-up.
 */

/** One WRES indicator's latest value in one organisation, and which way it moved. */
export interface IndicatorLatest {
  indicator: IndicatorNumber;
  shortName: string;
  /** The year of the latest computable value, or null when there is none. */
  year: string | null;
  value: number | null;
  /** "1.45", "+3.2 points", or "no figures". */
  text: string;
  /** Better or worse for BME staff, by the indicator's own rule (indicator-evidence `direction`). */
  direction: Direction;
}

/** A member organisation this deployment serves, summarised. */
export interface ServedMember {
  id: string;
  name: string;
  served: true;
  actions: number;
  complete: number;
  /** Whole per cent complete, as the plan's own summary counts it. */
  percentComplete: number;
  overdue: number;
  /** Open actions with no update for `staleAfterDays` days (the organisation's own setting). */
  stale: number;
  staleAfterDays: number;
  indicators: IndicatorLatest[];
  /** Indicators whose latest change is worse and that no open action cites, in order. */
  worsenedWithoutAction: IndicatorNumber[];
}

/**
 * A member the roll-up cannot summarise: a code the group lists that this
 * deployment does not serve (`not-served`), or an organisation whose plan
 * could not be read just now (`unreadable`: its SharePoint site did not
 * answer). Either way it is named, never silently left out.
 */
export interface MissingMember {
  id: string;
  served: false;
  /** Its name, when it is one this deployment serves. */
  name?: string;
  why: 'not-served' | 'unreadable';
}

export type MemberRollup = ServedMember | MissingMember;

/** Why a member has no figures, in words for the table, the paper and the command line. */
export function missingMemberText(m: MissingMember): string {
  return m.why === 'unreadable'
    ? 'Could not be read just now: its plan did not answer. Try again later.'
    : 'Not on this service: this organisation does not use the WRES Action Tracker here.';
}

/** A group's roll-up, members in the group's order. */
export interface GroupRollup {
  group: Pick<OrgGroup, 'id' | 'name' | 'kind'>;
  members: MemberRollup[];
}

/** Summarises one organisation's plan and figures for its oversight bodies, for `view.today`. */
export function summariseMember(
  org: { id: string; name: string },
  actions: readonly Action[],
  metrics: readonly IndicatorMetric[],
  view: ViewContext,
): ServedMember {
  const summary = summarisePlan(actions, view);
  const trends = indicatorTrends(metrics);
  const indicators = trends.map((trend): IndicatorLatest => {
    const latest = trend.values.filter((v) => v.value !== null).at(-1);
    return {
      indicator: trend.indicator,
      shortName: INDICATORS[trend.indicator - 1]!.shortName,
      year: latest?.year ?? null,
      value: latest?.value ?? null,
      text: latest ? formatValue(latest) : 'no figures',
      direction: trend.direction,
    };
  });
  return {
    id: org.id,
    name: org.name,
    served: true,
    actions: summary.total,
    complete: summary.complete,
    percentComplete: summary.percentComplete,
    overdue: summary.overdue,
    stale: summary.stale,
    staleAfterDays: view.staleAfterDays,
    indicators,
    worsenedWithoutAction: worsenedIndicators(trends, actions)
      .filter((w) => w.openActions === 0)
      .map((w) => w.indicator),
  };
}

/** How a direction reads in a table: words, so it never rests on colour or an icon alone. */
export const DIRECTION_WORDS: Record<Direction, string> = {
  better: 'better',
  worse: 'worse',
  unchanged: 'no change',
  unknown: 'no trend yet',
};

/** "2.80 (worse, 2019/20)": an indicator's latest value as a table cell. */
function indicatorCell(i: IndicatorLatest): string {
  return i.value === null ? 'no figures' : `${i.text} (${DIRECTION_WORDS[i.direction]}, ${i.year})`;
}

/** The roll-up as a table (a header row, then one row per member), for CSV, Excel and the command line. */
export function rollupTable(rollup: GroupRollup): string[][] {
  const served = rollup.members.filter((m): m is ServedMember => m.served);
  const staleDays = [...new Set(served.map((m) => m.staleAfterDays))];
  const staleHeader = staleDays.length === 1 ? `No update in ${staleDays[0]} days` : 'No recent update';
  const header = [
    'Organisation',
    'ODS code',
    'Actions',
    '% complete',
    'Overdue',
    staleHeader,
    'Worsened, no open action',
    ...INDICATORS.map((i) => `Indicator ${i.number} ${i.shortName}`),
  ];
  const rows = rollup.members.map((m) => {
    if (!m.served)
      return [
        m.why === 'unreadable' ? m.name! : 'Not on this service',
        m.id,
        m.why === 'unreadable' ? missingMemberText(m) : '',
        '',
        '',
        '',
        '',
        ...INDICATORS.map(() => ''),
      ];
    const stale = staleDays.length === 1 ? String(m.stale) : `${m.stale} (${m.staleAfterDays} days)`;
    return [
      m.name,
      m.id,
      String(m.actions),
      `${m.percentComplete}%`,
      String(m.overdue),
      stale,
      m.worsenedWithoutAction.length ? m.worsenedWithoutAction.map((n) => `Indicator ${n}`).join(', ') : 'none',
      ...m.indicators.map(indicatorCell),
    ];
  });
  return [header, ...rows];
}
