import { BAND_CLUSTERS, MEASURE_LABELS } from './indicator-evidence.js';

/**
 * The catalogue of annual WRES figures a person can enter or import: every
 * measure key of `MEASURES`, what kind of number it holds, its plain-English
 * label, the form sections it is entered in, and the checks a figure must
 * pass. Pure: the tab bundles it too.
 */

/** How a figure is read and checked: a headcount, a survey percentage, a published ratio or a gap in points. */
export type MeasureKind = 'count' | 'percent' | 'ratio' | 'points';

const SURVEY_TOPICS: Record<5 | 6 | 7 | 8, string> = {
  5: 'experiencing harassment, bullying or abuse from patients, relatives or the public',
  6: 'experiencing harassment, bullying or abuse from staff',
  7: 'believing the organisation provides equal opportunities for career progression',
  8: 'personally experiencing discrimination from a manager or colleague',
};

const EXTRA_LABELS: Record<string, string> = {
  ...Object.fromEntries(
    BAND_CLUSTERS.flatMap((c) => [
      [`band.${c.key}.white`, `white staff in ${c.label}`],
      [`band.${c.key}.bme`, `BME staff in ${c.label}`],
    ]),
  ),
  ...Object.fromEntries(
    ([5, 6, 7, 8] as const).flatMap((n) => [
      [`survey${n}.white`, `% of white staff ${SURVEY_TOPICS[n]}`],
      [`survey${n}.bme`, `% of BME staff ${SURVEY_TOPICS[n]}`],
    ]),
  ),
  'indicator2.value': 'indicator 2 published relative likelihood',
  'indicator3.value': 'indicator 3 published relative likelihood',
  'indicator4.value': 'indicator 4 published relative likelihood',
  'indicator9.value': 'indicator 9 published difference (points)',
};

/** Every measure key, once, in the order the entry form shows them. */
export const ALL_MEASURES: readonly string[] = [
  'workforce.white',
  'workforce.bme',
  ...BAND_CLUSTERS.flatMap((c) => [`band.${c.key}.white`, `band.${c.key}.bme`]),
  'shortlisted.white',
  'shortlisted.bme',
  'appointed.white',
  'appointed.bme',
  'disciplinary.white',
  'disciplinary.bme',
  'training.white',
  'training.bme',
  ...([5, 6, 7, 8] as const).flatMap((n) => [`survey${n}.white`, `survey${n}.bme`]),
  'board.voting.total',
  'board.voting.bme',
  'board.executive.total',
  'board.executive.bme',
  'indicator2.value',
  'indicator3.value',
  'indicator4.value',
  'indicator9.value',
];

const KNOWN = new Set(ALL_MEASURES);

/** Whether `key` is one of the measures in `MEASURES`. */
export function isMeasure(key: string): boolean {
  return KNOWN.has(key);
}

/** The kind of number a measure holds. */
export function measureKind(key: string): MeasureKind {
  if (key.startsWith('survey')) return 'percent';
  if (key === 'indicator9.value') return 'points';
  if (/^indicator\d\.value$/.test(key)) return 'ratio';
  return 'count';
}

/** "BME applicants shortlisted": the plain-English name of a measure (the key itself when unknown). */
export function measureLabel(key: string): string {
  return MEASURE_LABELS[key] ?? EXTRA_LABELS[key] ?? key;
}

/** One section of the figures form: a heading, the indicators it feeds, and its measures in order. */
export interface FigureSection {
  id: string;
  title: string;
  indicators: readonly number[];
  measures: readonly string[];
}

/** The entry form's sections, covering `ALL_MEASURES` exactly once. */
export const FIGURE_SECTIONS: readonly FigureSection[] = [
  {
    id: 'workforce',
    title: 'Workforce (headcount)',
    indicators: [1, 3, 4, 9],
    measures: ['workforce.white', 'workforce.bme', ...BAND_CLUSTERS.flatMap((c) => [`band.${c.key}.white`, `band.${c.key}.bme`])],
  },
  {
    id: 'recruitment',
    title: 'Recruitment',
    indicators: [2],
    measures: ['shortlisted.white', 'shortlisted.bme', 'appointed.white', 'appointed.bme'],
  },
  { id: 'disciplinary', title: 'Formal disciplinary process', indicators: [3], measures: ['disciplinary.white', 'disciplinary.bme'] },
  { id: 'training', title: 'Non-mandatory training and CPD', indicators: [4], measures: ['training.white', 'training.bme'] },
  {
    id: 'survey',
    title: 'NHS Staff Survey (per cent of respondents)',
    indicators: [5, 6, 7, 8],
    measures: ([5, 6, 7, 8] as const).flatMap((n) => [`survey${n}.white`, `survey${n}.bme`]),
  },
  {
    id: 'board',
    title: 'Board membership',
    indicators: [9],
    measures: ['board.voting.total', 'board.voting.bme', 'board.executive.total', 'board.executive.bme'],
  },
  {
    id: 'published',
    title: 'Published values (only when the counts are not available)',
    indicators: [2, 3, 4, 9],
    measures: ['indicator2.value', 'indicator3.value', 'indicator4.value', 'indicator9.value'],
  },
];

/** Largest headcount accepted: larger than any NHS organisation, small enough to catch a pasted phone number. */
const MAX_COUNT = 2_000_000;

/** Why `value` cannot be stored for `measure`, or undefined when it can. Null (clear the figure) always can. */
export function figureProblem(measure: string, value: number | null): string | undefined {
  if (value === null) return undefined;
  if (!Number.isFinite(value)) return 'must be a number';
  switch (measureKind(measure)) {
    case 'count':
      if (value < 0) return 'must be 0 or more';
      return value > MAX_COUNT ? `must be at most ${MAX_COUNT.toLocaleString('en-GB')}` : undefined;
    case 'percent':
      return value < 0 || value > 100 ? 'must be a percentage between 0 and 100' : undefined;
    case 'ratio':
      return value < 0 || value > 100 ? 'must be a relative likelihood between 0 and 100 (1.00 is parity)' : undefined;
    case 'points':
      return value < -100 || value > 100 ? 'must be between −100 and 100 percentage points' : undefined;
  }
}

/** Pairs where the first figure is part of the second (appointed of shortlisted, …). */
const PART_OF: readonly [string, string][] = [
  ['appointed.white', 'shortlisted.white'],
  ['appointed.bme', 'shortlisted.bme'],
  ['disciplinary.white', 'workforce.white'],
  ['disciplinary.bme', 'workforce.bme'],
  ['training.white', 'workforce.white'],
  ['training.bme', 'workforce.bme'],
  ['board.voting.bme', 'board.voting.total'],
  ['board.executive.bme', 'board.executive.total'],
];

/**
 * Figures of one year that contradict each other (more appointed than
 * shortlisted, more BME board members than members): measure → message
 * naming both figures. Missing figures are not checked.
 */
export function inconsistentFigures(figures: ReadonlyMap<string, number | null>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [part, whole] of PART_OF) {
    const p = figures.get(part);
    const w = figures.get(whole);
    if (p === null || p === undefined || w === null || w === undefined) continue;
    if (p > w) problems[part] = `${measureLabel(part)} (${p}) cannot be more than ${measureLabel(whole)} (${w})`;
  }
  return problems;
}

const YEAR = /^\s*((?:19|20)\d{2})\s*(?:[-/–—]|to)\s*((?:19|20)?\d{2})\s*$/i;

/**
 * A reporting year written "2019/20", "2019-20", "2019-2020" or "2019 to
 * 2020", as "2019/20"; undefined when the text is not such a year or the two
 * years are not consecutive.
 */
export function normaliseFigureYear(text: string): string | undefined {
  const m = YEAR.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const endText = m[2]!;
  const consecutive = endText.length === 2 ? (start + 1) % 100 === Number(endText) : Number(endText) === start + 1;
  if (!consecutive) return undefined;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const compact = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');

const HEADER_INDEX = new Map<string, string>();
for (const key of ALL_MEASURES) {
  HEADER_INDEX.set(compact(key), key);
  HEADER_INDEX.set(compact(measureLabel(key)), key);
}
for (const n of [2, 3, 4, 9]) {
  for (const alias of [`indicator ${n}`, `wres indicator ${n}`, `wres ${n}`, `indicator ${n} value`])
    HEADER_INDEX.set(compact(alias), `indicator${n}.value`);
}

/** The measure a column header or "Measure" cell names: a `MEASURES` key or its label, case and punctuation ignored. */
export function measureFromHeader(header: string): string | undefined {
  return HEADER_INDEX.get(compact(header));
}
