import { formatValue, type IndicatorTrend, type IndicatorValue } from './indicator-evidence.js';
import { indicatorInfo } from './indicators.js';
import type { Action, IndicatorNumber } from './model.js';
import { isClosed } from './rules.js';

/**
 * Whether the plan is working: each indicator's latest year-on-year change
 * set beside the actions that cite it. Pure.
 */

/** The last two computable values of a trend (older first), or null when there are fewer than two. */
export function latestChange(trend: IndicatorTrend): { from: IndicatorValue; to: IndicatorValue } | null {
  const computed = trend.values.filter((v) => v.value !== null);
  const [from, to] = [computed.at(-2), computed.at(-1)];
  return from && to ? { from, to } : null;
}

/** Open (not complete) actions that cite `indicator`. */
export function openActionsFor(indicator: IndicatorNumber, actions: readonly Action[]): Action[] {
  return actions.filter((a) => !isClosed(a) && a.indicators.includes(indicator));
}

/** An indicator whose latest value is worse than the year before. */
export interface WorsenedIndicator {
  indicator: IndicatorNumber;
  from: IndicatorValue;
  to: IndicatorValue;
  /** Open actions citing the indicator; 0 means nothing in the plan addresses it. */
  openActions: number;
  /** "Indicator 3 (formal disciplinary): 2.50 → 2.80, worse". */
  summary: string;
}

/** "Indicator 3 (formal disciplinary): 2.50 → 2.80, worse" for a change in the given direction. */
export function changeSummary(indicator: IndicatorNumber, from: IndicatorValue, to: IndicatorValue, direction: string): string {
  const name = indicatorInfo(indicator).shortName;
  return `Indicator ${indicator} (${name.charAt(0).toLowerCase()}${name.slice(1)}): ${formatValue(from)} → ${formatValue(to)}, ${direction}`;
}

/**
 * The indicators whose latest change is "worse", in indicator order, each
 * with the number of open actions citing it.
 */
export function worsenedIndicators(trends: readonly IndicatorTrend[], actions: readonly Action[]): WorsenedIndicator[] {
  const worsened: WorsenedIndicator[] = [];
  for (const trend of trends) {
    if (trend.direction !== 'worse') continue;
    const change = latestChange(trend);
    if (!change) continue;
    worsened.push({
      indicator: trend.indicator,
      ...change,
      openActions: openActionsFor(trend.indicator, actions).length,
      summary: changeSummary(trend.indicator, change.from, change.to, 'worse'),
    });
  }
  return worsened.sort((a, b) => a.indicator - b.indicator);
}
