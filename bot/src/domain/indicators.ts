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

/**
 * Reads the indicator references a plan writes in free text: "Indicator 2",
 * "WRES 1, 2, 7", "Indicators 5-8", "5,6,and 7", "KF 18", "Q217" (staff
 * survey question for indicator 8). Returns sorted, unique numbers; unknown
 * text gives an empty list rather than a guess.
 */
export function parseIndicatorRefs(text: string): IndicatorNumber[] {
  const found = new Set<IndicatorNumber>();
  const add = (n: number) => {
    if (isIndicatorNumber(n)) found.add(n);
  };
  let rest = text;
  rest = rest.replace(/\bKF\s*(\d{1,2})\b/gi, (_m, kf: string) => {
    const n = KEY_FINDINGS[Number(kf)];
    if (n) found.add(n);
    return ' ';
  });
  rest = rest.replace(/\bQ\s*217\b/gi, () => {
    found.add(8);
    return ' ';
  });
  // Bare numbers only count in a cell that is about indicators, or is nothing but numbers.
  const aboutIndicators = /\b(wres|indicators?|ind\.?)/i.test(rest) || /^[\s\d,&and\-–to]+$/i.test(rest.trim());
  if (!aboutIndicators) return [...found].sort((a, b) => a - b);
  for (const m of rest.matchAll(/(\d+)\s*(?:-|–|to)\s*(\d+)|(\d+)/gi)) {
    if (m[1] !== undefined && m[2] !== undefined) {
      const from = Number(m[1]);
      const to = Number(m[2]);
      if (from <= to && to - from < 9) for (let n = from; n <= to; n++) add(n);
    } else if (m[3] !== undefined) {
      add(Number(m[3]));
    }
  }
  return [...found].sort((a, b) => a - b);
}
