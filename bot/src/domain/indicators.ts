import type { IndicatorNumber } from './model.js';

/** The nine WRES indicators: number, short name for cards and tabs, and the full definition. */
export interface IndicatorInfo {
  number: IndicatorNumber;
  shortName: string;
  description: string;
}

export const INDICATORS: readonly IndicatorInfo[] = [
  {
    number: 1,
    shortName: 'Workforce by band',
    description: 'Percentage of BME staff in each AfC band 1–9 and VSM compared with the overall workforce',
  },
  {
    number: 2,
    shortName: 'Appointment from shortlisting',
    description: 'Relative likelihood of white staff being appointed from shortlisting compared with BME staff',
  },
  {
    number: 3,
    shortName: 'Formal disciplinary',
    description: 'Relative likelihood of BME staff entering the formal disciplinary process compared with white staff',
  },
  {
    number: 4,
    shortName: 'Non-mandatory training and CPD',
    description: 'Relative likelihood of white staff accessing non-mandatory training and CPD compared with BME staff',
  },
  {
    number: 5,
    shortName: 'Harassment from patients and public',
    description: 'Staff experiencing harassment, bullying or abuse from patients, relatives or the public in the last 12 months',
  },
  {
    number: 6,
    shortName: 'Harassment from staff',
    description: 'Staff experiencing harassment, bullying or abuse from staff in the last 12 months',
  },
  {
    number: 7,
    shortName: 'Equal opportunities for progression',
    description: 'Staff believing that the organisation provides equal opportunities for career progression or promotion',
  },
  {
    number: 8,
    shortName: 'Discrimination from colleagues',
    description: 'Staff who personally experienced discrimination at work from a manager, team leader or colleague',
  },
  { number: 9, shortName: 'Board membership', description: 'Difference between the board voting membership and the overall workforce' },
];

/** The indicator's information; throws for a number outside 1–9. */
export function indicatorInfo(n: number): IndicatorInfo {
  const info = INDICATORS.find((i) => i.number === n);
  if (!info) throw new RangeError(`WRES indicator ${n} does not exist (1–9)`);
  return info;
}

/** "Indicator 2 — Appointment from shortlisting". */
export function indicatorLabel(n: IndicatorNumber): string {
  return `Indicator ${n} — ${indicatorInfo(n).shortName}`;
}

export function isIndicatorNumber(n: number): n is IndicatorNumber {
  return Number.isInteger(n) && n >= 1 && n <= 9;
}

/**
 * Staff survey key-finding numbers that plans cite instead of the indicator
 * (e.g. "KF 18"), mapped to the WRES indicator they fed in that survey year.
 * 2015 survey: KF25–KF27 were 5–7 (sample plans), 2014 survey: KF18–KF19 and KF27.
 */
const KEY_FINDINGS: Record<number, IndicatorNumber> = { 18: 5, 19: 6, 25: 5, 26: 6, 27: 7 };

// A number that could be an indicator: one or two digits, not part of a year, a decimal, a percentage or a band ("8a").
const NUM = String.raw`\d{1,2}(?![\d%]|\.\d|[a-z])`;
const SEP = String.raw`\s*(?:,\s*(?:and\b|&)?|&|\band\b|\bor\b|\bto\b|[-–—/])\s*`;
const LIST = `${NUM}(?:${SEP}${NUM})*`;
const NAME = String.raw`\b(?:wres\s*)?(?:indicators?(?:\(s\))?|ind\b\.?|wres)`;
/** "Indicator 3", "Indicators 5, 6 and 8", "WRES 2", "WRES1", "Ind. 4", "indicators 5-8". */
const NAME_THEN_LIST = new RegExp(String.raw`${NAME}\s*(?:no\.?|number|#|:)?\s*(${LIST})`, 'gi');
/** "the 5, 6 and 7 indicators": a list (two or more) before the word. */
const LIST_THEN_NAME = new RegExp(String.raw`(?<![\w.])(${NUM}(?:${SEP}${NUM})+)\s+(?:of\s+the\s+)?(?:wres\s+)?indicators\b`, 'gi');
const ONLY_NUMBERS = new RegExp(String.raw`^\s*(${LIST})\s*$`, 'i');

/** The numbers of a list such as "5, 6 and 8" or "5-8" (a range spans at most the nine indicators). */
function listNumbers(list: string): number[] {
  const found: number[] = [];
  for (const part of list.split(/\s*(?:,\s*(?:and\b|&)?|&|\band\b|\bor\b|\/)\s*/i)) {
    const range = /^(\d{1,2})\s*(?:[-–—]|to)\s*(\d{1,2})$/i.exec(part.trim());
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from <= to && to - from < 9) for (let n = from; n <= to; n++) found.push(n);
    } else if (/^\d{1,2}$/.test(part.trim())) found.push(Number(part.trim()));
  }
  return found;
}

/**
 * Reads the indicator references a plan writes in free text. Only explicit
 * mentions count: "Indicator 2", "WRES 1, 2, 7", "Indicators 5-8", "Ind. 4",
 * "the 5, 6 and 7 indicators", text that is nothing but numbers ("3",
 * "1, 2 and 9"), and staff survey references ("KF 18", "Q217"). Band ranges
 * ("bands 1-9", "Band 8a-9"), years, percentages and counts are never read
 * as indicators. Returns sorted, unique numbers in 1–9; no guess.
 */
export function parseIndicatorRefs(text: string): IndicatorNumber[] {
  const found = new Set<IndicatorNumber>();
  const add = (n: number) => {
    if (isIndicatorNumber(n)) found.add(n);
  };
  for (const m of text.matchAll(/\bKF\s*(\d{1,2})\b/gi)) {
    const n = KEY_FINDINGS[Number(m[1])];
    if (n) found.add(n);
  }
  if (/\bQ\s*217\b/i.test(text)) found.add(8);
  const only = ONLY_NUMBERS.exec(text);
  const lists = only ? [only[1]!] : [...text.matchAll(NAME_THEN_LIST), ...text.matchAll(LIST_THEN_NAME)].map((m) => m[1]!);
  for (const list of lists) listNumbers(list).forEach(add);
  return [...found].sort((a, b) => a - b);
}

/**
 * The indicators an Indicator column names: explicit mentions as in
 * `parseIndicatorRefs`, "All" (1–9), or a number list leading the cell
 * ("2 Relative likelihood …", "1. Percentage of staff …").
 */
export function parseIndicatorCell(cell: string): IndicatorNumber[] {
  if (/^\s*(all|all indicators|all nine indicators)\s*$/i.test(cell)) return INDICATORS.map((i) => i.number);
  const refs = parseIndicatorRefs(cell);
  if (refs.length) return refs;
  const leading = new RegExp(String.raw`^\s*(${LIST})\s*[.:)\-–—]?\s+[a-z]`, 'i').exec(cell);
  return leading ? [...new Set(listNumbers(leading[1]!).filter(isIndicatorNumber))].sort((a, b) => a - b) : [];
}
