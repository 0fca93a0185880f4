/**
 * Words for indicator evidence, shared by the indicator pages: values,
 * directions and adverse flags always in words, never colour alone. The
 * formulas themselves come from the service's pure domain code.
 */
import type { IndicatorEvidence } from '../../api/types.js';
import { formatValue, PARITY_RANGE, type Direction, type IndicatorValue } from '../../../../bot/src/domain/indicator-evidence.js';

export {
  direction,
  formatValue,
  PARITY_RANGE,
  MEASURES,
  type Direction,
  type IndicatorValue,
  type ModelEmployerRow,
} from '../../../../bot/src/domain/indicator-evidence.js';
export {
  FIGURE_SECTIONS,
  figureProblem,
  measureKind,
  measureLabel,
  normaliseFigureYear,
} from '../../../../bot/src/domain/indicator-figures.js';

/** "Better", "Worse", "No change", "Not enough years". */
export const DIRECTION_LABELS: Record<Direction, string> = {
  better: 'Better',
  worse: 'Worse',
  unchanged: 'No change',
  unknown: 'Not enough years to compare',
};

/** What the number means, per indicator. */
export function unitText(indicator: number): string {
  if (indicator >= 2 && indicator <= 4)
    return `Relative likelihood: 1.00 is parity; ${PARITY_RANGE.low.toFixed(2)}–${PARITY_RANGE.high.toFixed(2)} is the tolerated range`;
  if (indicator >= 5 && indicator <= 8) return 'Gap in percentage points: BME % minus white % of staff survey respondents';
  if (indicator === 9) return 'Gap in percentage points: BME % of board voting members minus BME % of the workforce';
  return 'Gap in percentage points: BME % at bands 8c–9 and VSM minus BME % of the whole workforce';
}

/** Why a value counts as adverse for this indicator, in a few words. */
export function adverseRule(indicator: number): string {
  if (indicator >= 2 && indicator <= 4) return `outside ${PARITY_RANGE.low.toFixed(2)}–${PARITY_RANGE.high.toFixed(2)}`;
  if (indicator === 7) return 'fewer BME than white staff agree';
  if (indicator >= 5 && indicator <= 8) return 'more BME than white staff report it';
  if (indicator === 9) return 'the board is less diverse than the workforce';
  return 'senior bands are less diverse than the workforce';
}

/** "Adverse (outside 0.80–1.25)", "Not adverse", or "—" when not computable. */
export function adverseText(v: IndicatorValue): string {
  if (v.adverse === null) return '—';
  return v.adverse ? `Adverse (${adverseRule(v.indicator)})` : 'Not adverse';
}

/** The newest value in one line: "2025/26: 2.59 — adverse (outside 0.80–1.25)". */
export function latestText(e: IndicatorEvidence): string {
  if (!e.latest) return e.values.length ? 'Not computable from the figures entered' : 'No figures yet';
  return `${e.latest.year}: ${formatValue(e.latest)}${e.latest.adverse ? ' — adverse' : ''}`;
}

/** A value for a table cell: the number alone, or "Not computable (reason)". */
export function cellValue(v: IndicatorValue): string {
  return v.value === null ? `Not computable (${v.reason ?? 'no figures'})` : formatValue(v);
}

/** The change from the previous computable year, in words: "Worse than 2024/25 (2.05)". */
export function changeText(
  values: IndicatorValue[],
  index: number,
  direction: (prev: IndicatorValue, next: IndicatorValue) => Direction,
): string {
  const current = values[index];
  if (!current || current.value === null) return '—';
  const prev = values
    .slice(0, index)
    .filter((v) => v.value !== null)
    .at(-1);
  if (!prev) return 'First year';
  const d = direction(prev, current);
  return d === 'unchanged' ? `No change from ${prev.year}` : `${DIRECTION_LABELS[d]} than ${prev.year} (${formatValue(prev)})`;
}
