import { figureProblem, normaliseFigureYear } from '../domain/indicator-figures.js';
import type { IndicatorMetric, IndicatorNumber } from '../domain/model.js';

/** Indicators a plan's metric column can give a published value for (`indicator{N}.value`). */
export const VALUE_INDICATORS: readonly IndicatorNumber[] = [2, 3, 4, 9];

const YEAR = /((?:19|20)\d{2})\s*(?:[-/–—]|to)\s*((?:19|20)?\d{2})(?!\d)/gi;
const HAS_YEAR = new RegExp(YEAR.source, 'i');
const NUMBER = /[-−–]?\d+(?:\.\d+)?/;

/**
 * Reads the figures a plan writes beside an action, e.g. "2018-2019 2.01,
 * 2019-2020 1.45" or "2018/19: 2.01; 2019-20: 1.45", as `indicator{N}.value`
 * metrics, one per year (the first number after each year). Years may be
 * written 2018-2019, 2018/19, 2019-20 or 2019 to 2020. Gives nothing for an
 * indicator without a published value (1, 5–8: those need white and BME
 * figures), for text without a year, or for a value out of range.
 */
export function parseMetricCell(text: string, indicator: IndicatorNumber, importedAt = new Date().toISOString()): IndicatorMetric[] {
  if (!VALUE_INDICATORS.includes(indicator)) return [];
  const measure = `indicator${indicator}.value`;
  const years = [...text.matchAll(YEAR)];
  const found = new Map<string, number>();
  years.forEach((m, i) => {
    const year = normaliseFigureYear(m[0]);
    if (!year || found.has(year)) return;
    const after = text.slice(m.index + m[0].length, years[i + 1]?.index ?? text.length);
    const raw = NUMBER.exec(after)?.[0];
    if (raw === undefined) return;
    const value = Number(raw.replace(/[−–]/, '-'));
    if (figureProblem(measure, value) === undefined) found.set(year, value);
  });
  return [...found].map(([year, value]) => ({ year, measure, value, source: 'import', updatedAt: importedAt }));
}

/** Column headers that hold an action's indicator figures: "Metric", "Data", "Baseline", "WRES data", or a year such as "2018-2019". */
export function isMetricHeader(header: string): boolean {
  const h = header.trim().toLowerCase();
  if (/^(wres\s+)?(metrics?|data|baseline|baseline data|figures?|indicator (data|value|figures?))$/.test(h)) return true;
  return normaliseFigureYear(h.replace(/\s*(data|figures?|value)$/, '')) !== undefined;
}

/** The text to parse for a metric cell: a year header ("2018-2019") is put before a bare number. */
export function metricCellText(header: string, cell: string): string {
  const year = normaliseFigureYear(header.trim().replace(/\s*(data|figures?|value)$/i, ''));
  return year && !HAS_YEAR.test(cell) ? `${year} ${cell}` : cell;
}
