import type { IndicatorMetric } from '../domain/model.js';
import type { PlanStore } from '../store/plan-store.js';
import { currentPlanYear, formatPlanYear } from '../importers/plan-year.js';

/**
 * Demo WRES figures for a trust of about 6,000 staff over three years, so the
 * sample plan shows trends: shortlisting (2), training (4), harassment from
 * the public (5), equal opportunities (7) and the board (9) improve;
 * disciplinary (3), harassment from staff (6) and senior bands (1) worsen;
 * discrimination (8) holds steady. Oldest year first.
 */
const SERIES: Record<string, [number, number, number]> = {
  'workforce.white': [4700, 4650, 4600],
  'workforce.bme': [1250, 1390, 1520],
  'band.bands-1-4.white': [1900, 1850, 1800],
  'band.bands-1-4.bme': [640, 700, 760],
  'band.bands-5-7.white': [2200, 2180, 2150],
  'band.bands-5-7.bme': [540, 610, 670],
  'band.bands-8a-8b.white': [430, 440, 450],
  'band.bands-8a-8b.bme': [55, 62, 70],
  'band.bands-8c-9-vsm.white': [170, 180, 200],
  'band.bands-8c-9-vsm.bme': [15, 18, 20],
  'shortlisted.white': [3200, 3100, 3000],
  'shortlisted.bme': [1600, 1750, 1900],
  'appointed.white': [800, 760, 720],
  'appointed.bme': [200, 260, 330],
  'disciplinary.white': [38, 36, 35],
  'disciplinary.bme': [18, 22, 30],
  'training.white': [2350, 2300, 2250],
  'training.bme': [480, 600, 720],
  'survey5.white': [27.5, 26.8, 26.1],
  'survey5.bme': [31.2, 30.9, 29.5],
  'survey6.white': [24.1, 23.6, 23.0],
  'survey6.bme': [27.8, 28.9, 30.2],
  'survey7.white': [86.8, 86.2, 86.0],
  'survey7.bme': [71.5, 72.8, 75.1],
  'survey8.white': [6.2, 6.0, 6.1],
  'survey8.bme': [14.6, 14.1, 14.3],
  'board.voting.total': [14, 14, 15],
  'board.voting.bme': [1, 1, 2],
  'board.executive.total': [7, 7, 8],
  'board.executive.bme': [1, 1, 1],
};

/** The sample figures for the current plan year as of `now` and the two years before it. */
export function buildSampleFigures(now: Date, timeZone = 'Europe/London'): IndicatorMetric[] {
  const start = Number(currentPlanYear(now, timeZone).slice(0, 4));
  const years = [start - 2, start - 1, start].map(formatPlanYear);
  const updatedAt = now.toISOString();
  return Object.entries(SERIES).flatMap(([measure, values]) =>
    values.map((value, i) => ({ year: years[i]!, measure, value, source: 'import' as const, updatedAt })),
  );
}

/** Saves the sample figures when the store holds no figures at all; returns how many were saved. */
export async function loadSampleFiguresIfEmpty(store: PlanStore, now: Date): Promise<number> {
  if ((await store.listMetrics()).length > 0) return 0;
  const figures = buildSampleFigures(now);
  await store.saveMetrics(figures);
  return figures.length;
}
