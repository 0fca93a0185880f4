import { compareNatural } from './action-view.js';
import type { IndicatorMetric, IndicatorNumber } from './model.js';

/**
 * WRES indicator evidence: the annual figures behind each indicator and the
 * formulas NHS England's WRES technical guidance uses to turn them into the
 * published values. Figures are stored as key/value metrics per year (see
 * `MEASURES`); everything here is pure.
 *
 * Formulas (BME = Black and minority ethnic):
 * - Indicator 2, appointment from shortlisting:
 *     RL = (white appointed / white shortlisted) ÷ (BME appointed / BME shortlisted)
 *   the likelihood of white staff being appointed relative to BME staff.
 * - Indicator 3, formal disciplinary:
 *     RL = (BME entering / BME workforce) ÷ (white entering / white workforce)
 *   the likelihood of BME staff entering the process relative to white staff.
 * - Indicator 4, non-mandatory training and CPD:
 *     RL = (white accessing / white workforce) ÷ (BME accessing / BME workforce)
 * - For 2–4, 1.00 is parity; above 1 disadvantages BME staff. Values outside
 *   0.80–1.25 (the "four-fifths" range) are flagged adverse.
 * - Indicators 5–8, NHS Staff Survey: gap = BME % − white % in percentage
 *   points. For 5, 6 and 8 (harassment, discrimination) a positive gap is
 *   adverse; for 7 (equal opportunities) a negative gap is.
 * - Indicator 9, board: difference = BME % of board voting members − BME % of
 *   the overall workforce, in percentage points; below zero is
 *   under-representation (adverse).
 * - Indicator 1, workforce by band: BME % in each AfC band cluster; the
 *   headline is the gap between the most senior cluster and the overall
 *   workforce (negative is adverse), the Model Employer measure.
 * A figure that needs a division by zero (e.g. no BME applicants) is "not
 * computable", never a number.
 */

/** AfC band clusters used for indicator 1 and the Model Employer view. */
export const BAND_CLUSTERS = [
  { key: 'bands-1-4', label: 'Bands 1–4' },
  { key: 'bands-5-7', label: 'Bands 5–7' },
  { key: 'bands-8a-8b', label: 'Bands 8a–8b' },
  { key: 'bands-8c-9-vsm', label: 'Bands 8c–9 and VSM' },
] as const;
type BandCluster = (typeof BAND_CLUSTERS)[number]['key'];

/**
 * The measure keys, by indicator. `*.value` keys hold a published value when a
 * plan gives only that (e.g. "2018-2019 2.01"); counts win when both exist.
 */
export const MEASURES = {
  2: ['shortlisted.white', 'shortlisted.bme', 'appointed.white', 'appointed.bme', 'indicator2.value'],
  3: ['workforce.white', 'workforce.bme', 'disciplinary.white', 'disciplinary.bme', 'indicator3.value'],
  4: ['workforce.white', 'workforce.bme', 'training.white', 'training.bme', 'indicator4.value'],
  5: ['survey5.white', 'survey5.bme'],
  6: ['survey6.white', 'survey6.bme'],
  7: ['survey7.white', 'survey7.bme'],
  8: ['survey8.white', 'survey8.bme'],
  9: [
    'board.voting.total',
    'board.voting.bme',
    'board.executive.total',
    'board.executive.bme',
    'workforce.white',
    'workforce.bme',
    'indicator9.value',
  ],
  1: [...BAND_CLUSTERS.flatMap((c) => [`band.${c.key}.white`, `band.${c.key}.bme`]), 'workforce.white', 'workforce.bme'],
} as const satisfies Record<IndicatorNumber, readonly string[]>;

/** The counts each indicator is computed from (published `*.value` figures and the executive board aside). */
const REQUIRED: Record<IndicatorNumber, readonly string[]> = {
  1: ['band.bands-8c-9-vsm.white', 'band.bands-8c-9-vsm.bme', 'workforce.white', 'workforce.bme'],
  2: ['shortlisted.white', 'shortlisted.bme', 'appointed.white', 'appointed.bme'],
  3: ['workforce.white', 'workforce.bme', 'disciplinary.white', 'disciplinary.bme'],
  4: ['workforce.white', 'workforce.bme', 'training.white', 'training.bme'],
  5: ['survey5.white', 'survey5.bme'],
  6: ['survey6.white', 'survey6.bme'],
  7: ['survey7.white', 'survey7.bme'],
  8: ['survey8.white', 'survey8.bme'],
  9: ['board.voting.total', 'board.voting.bme', 'workforce.white', 'workforce.bme'],
};

/** The measures an indicator needs that one year's `figures` lack (empty when it can be computed from counts). */
export function missingFigures(indicator: IndicatorNumber, figures: ReadonlyMap<string, number | null>): string[] {
  return REQUIRED[indicator].filter((k) => num(figures, k) === undefined);
}

/** One computed indicator value for one year. */
export interface IndicatorValue {
  indicator: IndicatorNumber;
  year: string;
  /** `ratio` for relative likelihoods (2–4), `points` for percentage-point gaps (1, 5–9). */
  unit: 'ratio' | 'points';
  /** null when not computable; `reason` then says why. */
  value: number | null;
  reason?: string;
  /** True when the value disadvantages BME staff beyond the tolerated range. */
  adverse: boolean | null;
}

export type Direction = 'better' | 'worse' | 'unchanged' | 'unknown';

/** An indicator's values across years, oldest first, and the latest year-on-year direction. */
export interface IndicatorTrend {
  indicator: IndicatorNumber;
  unit: IndicatorValue['unit'];
  values: IndicatorValue[];
  direction: Direction;
}

/** The tolerated range for relative likelihoods. */
export const PARITY_RANGE = { low: 0.8, high: 1.25 } as const;

type Figures = ReadonlyMap<string, number | null>;

const notComputable = (reason: string) => ({ value: null, reason });

function num(f: Figures, key: string): number | undefined {
  const v = f.get(key);
  return v === null || v === undefined ? undefined : v;
}

/** Plain-English names of the count measures, for reasons and entry forms. */
export const MEASURE_LABELS: Record<string, string> = {
  'shortlisted.white': 'white applicants shortlisted',
  'shortlisted.bme': 'BME applicants shortlisted',
  'appointed.white': 'white applicants appointed',
  'appointed.bme': 'BME applicants appointed',
  'workforce.white': 'white staff in the workforce',
  'workforce.bme': 'BME staff in the workforce',
  'disciplinary.white': 'white staff entering formal disciplinary',
  'disciplinary.bme': 'BME staff entering formal disciplinary',
  'training.white': 'white staff accessing non-mandatory training',
  'training.bme': 'BME staff accessing non-mandatory training',
  'board.voting.total': 'board voting members',
  'board.voting.bme': 'BME board voting members',
  'board.executive.total': 'executive board members',
  'board.executive.bme': 'BME executive board members',
};

const label = (key: string) => MEASURE_LABELS[key] ?? key;

/** a/b ÷ c/d with every zero division reported, not computed. */
function relativeLikelihood(
  f: Figures,
  num1: string,
  den1: string,
  num2: string,
  den2: string,
  direct: string,
): { value: number | null; reason?: string } {
  const [a, b, c, d] = [num(f, num1), num(f, den1), num(f, num2), num(f, den2)];
  if (a === undefined || b === undefined || c === undefined || d === undefined) {
    const published = num(f, direct);
    return published === undefined ? notComputable('figures missing') : { value: published };
  }
  for (const zero of [den1, den2, num2]) {
    if (num(f, zero) === 0) return notComputable(`no ${label(zero)}`);
  }
  return { value: a / b / (c / d) };
}

function percent(part: number | undefined, whole: number | undefined): number | undefined {
  if (part === undefined || whole === undefined || whole === 0) return undefined;
  return (part / whole) * 100;
}

/** BME share of the whole workforce, in percent, or undefined. */
function workforceBmePercent(f: Figures): number | undefined {
  const white = num(f, 'workforce.white');
  const bme = num(f, 'workforce.bme');
  return white === undefined || bme === undefined ? undefined : percent(bme, white + bme);
}

/** Computes one indicator for one year from that year's figures. */
export function computeIndicator(indicator: IndicatorNumber, year: string, figures: Figures): IndicatorValue {
  const base = { indicator, year };
  switch (indicator) {
    case 2:
    case 3:
    case 4: {
      const r =
        indicator === 2
          ? relativeLikelihood(figures, 'appointed.white', 'shortlisted.white', 'appointed.bme', 'shortlisted.bme', 'indicator2.value')
          : indicator === 3
            ? relativeLikelihood(figures, 'disciplinary.bme', 'workforce.bme', 'disciplinary.white', 'workforce.white', 'indicator3.value')
            : relativeLikelihood(figures, 'training.white', 'workforce.white', 'training.bme', 'workforce.bme', 'indicator4.value');
      const adverse = r.value === null ? null : r.value < PARITY_RANGE.low || r.value > PARITY_RANGE.high;
      return { ...base, unit: 'ratio', ...r, adverse };
    }
    case 5:
    case 6:
    case 7:
    case 8: {
      const white = num(figures, `survey${indicator}.white`);
      const bme = num(figures, `survey${indicator}.bme`);
      if (white === undefined || bme === undefined)
        return { ...base, unit: 'points', ...notComputable('survey figures missing'), adverse: null };
      const gap = bme - white;
      return { ...base, unit: 'points', value: gap, adverse: indicator === 7 ? gap < 0 : gap > 0 };
    }
    case 9: {
      const boardBme = percent(num(figures, 'board.voting.bme'), num(figures, 'board.voting.total'));
      const workforce = workforceBmePercent(figures);
      if (boardBme === undefined || workforce === undefined) {
        const published = num(figures, 'indicator9.value');
        if (published !== undefined) return { ...base, unit: 'points', value: published, adverse: published < 0 };
        return {
          ...base,
          unit: 'points',
          ...notComputable(num(figures, 'board.voting.total') === 0 ? 'no voting board members recorded' : 'figures missing'),
          adverse: null,
        };
      }
      const diff = boardBme - workforce;
      return { ...base, unit: 'points', value: diff, adverse: diff < 0 };
    }
    case 1: {
      const top = bandShare(figures, 'bands-8c-9-vsm');
      const workforce = workforceBmePercent(figures);
      if (top === undefined || workforce === undefined)
        return { ...base, unit: 'points', ...notComputable('band figures missing'), adverse: null };
      const gap = top - workforce;
      return { ...base, unit: 'points', value: gap, adverse: gap < 0 };
    }
  }
}

/** BME % within one AfC band cluster, or undefined when the cluster has no staff recorded. */
function bandShare(figures: Figures, cluster: BandCluster): number | undefined {
  const white = num(figures, `band.${cluster}.white`);
  const bme = num(figures, `band.${cluster}.bme`);
  return white === undefined || bme === undefined ? undefined : percent(bme, white + bme);
}

/** Whether `next` is better, worse or unchanged than `prev` for this indicator. */
export function direction(prev: IndicatorValue | undefined, next: IndicatorValue | undefined): Direction {
  if (!prev || !next || prev.value === null || next.value === null) return 'unknown';
  // Ratios: closer to parity (1.00) on a log scale is better; gaps: closer to zero, except where a positive gap favours BME staff.
  const distance = (v: IndicatorValue): number => {
    const x = v.value!;
    if (v.unit === 'ratio') return Math.abs(Math.log(x));
    if (v.indicator === 7 || v.indicator === 9 || v.indicator === 1) return Math.max(0, -x);
    return Math.max(0, x);
  };
  const tolerance = next.unit === 'ratio' ? 0.01 : 0.5;
  const delta = distance(next) - distance(prev);
  if (next.unit === 'ratio' ? Math.abs(next.value - prev.value) < tolerance : Math.abs(delta) < tolerance) return 'unchanged';
  return delta < 0 ? 'better' : 'worse';
}

/** Orders plan years such as "2018/19" and "2019/20". */
function byYear(a: string, b: string): number {
  return compareNatural(a, b);
}

/** Groups stored metrics by year. */
export function figuresByYear(metrics: readonly IndicatorMetric[]): Map<string, Map<string, number | null>> {
  const years = new Map<string, Map<string, number | null>>();
  for (const m of metrics) {
    let f = years.get(m.year);
    if (!f) years.set(m.year, (f = new Map()));
    f.set(m.measure, m.value);
  }
  return years;
}

/** Every indicator's trend across the years that have any of its figures. */
export function indicatorTrends(metrics: readonly IndicatorMetric[]): IndicatorTrend[] {
  const years = figuresByYear(metrics);
  const sortedYears = [...years.keys()].sort(byYear);
  return ([1, 2, 3, 4, 5, 6, 7, 8, 9] as const).map((indicator) => {
    const relevant = new Set<string>(MEASURES[indicator]);
    const values = sortedYears
      .filter((y) => [...years.get(y)!.keys()].some((k) => relevant.has(k)))
      .map((y) => computeIndicator(indicator, y, years.get(y)!));
    const computed = values.filter((v) => v.value !== null);
    return {
      indicator,
      unit: indicator >= 2 && indicator <= 4 ? 'ratio' : 'points',
      values,
      direction: direction(computed.at(-2), computed.at(-1)),
    };
  });
}

/** "RL 1.45" or "+3.2 points" or "not computable (no BME applicants)". */
export function formatValue(v: IndicatorValue): string {
  if (v.value === null) return `not computable (${v.reason ?? 'no figures'})`;
  if (v.unit === 'ratio') return v.value.toFixed(2);
  const rounded = Math.round(v.value * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(1)} points`;
}

/** One band cluster in the Model Employer view. */
export interface ModelEmployerRow {
  cluster: BandCluster;
  label: string;
  /** BME % in the cluster, or null when the cluster has no staff recorded. */
  bmePercent: number | null;
  goalPercent: number;
  /** bmePercent − goalPercent in points; negative means below the goal. */
  gap: number | null;
}

/**
 * The Model Employer view for one year: BME share by AfC band cluster against
 * the aspirational goal — by default the BME share of the whole workforce
 * (the NHS Model Employer aim: every band as diverse as the organisation),
 * or a configured percentage. Null when no goal can be set.
 */
export function modelEmployer(figures: Figures, goalPercent?: number): ModelEmployerRow[] | null {
  const goal = goalPercent ?? workforceBmePercent(figures);
  if (goal === undefined) return null;
  return BAND_CLUSTERS.map((c) => {
    const share = bandShare(figures, c.key);
    return { cluster: c.key, label: c.label, bmePercent: share ?? null, goalPercent: goal, gap: share === undefined ? null : share - goal };
  });
}
