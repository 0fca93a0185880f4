import { describe, expect, it } from 'vitest';
import { makeMetric } from '../store/fixtures.js';
import { indicatorTrends } from '../../bot/src/domain/indicator-evidence.js';
import { changeSummary, latestChange, openActionsFor, worsenedIndicators } from '../../bot/src/domain/indicator-progress.js';
import type { Action, IndicatorMetric, IndicatorNumber, Status } from '../../bot/src/domain/model.js';
import { buildSampleFigures } from '../../bot/src/sample/sample-figures.js';

const metric = (year: string, measure: string, value: number | null): IndicatorMetric => makeMetric({ year, measure, value });
const action = (ref: string, indicators: IndicatorNumber[], status: Status = 'InProgress'): Action => ({
  id: ref,
  ref,
  planYear: '2025/26',
  theme: '',
  indicators,
  title: `Action ${ref}`,
  measure: '',
  owner: null,
  leadRole: '',
  dueDate: null,
  dueText: '',
  status,
  rag: status === 'Complete' ? 'Blue' : 'Amber',
  latestUpdate: null,
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
});

describe('which indicators worsened, beside the plan', () => {
  // Indicator 3 by hand: 2023/24 BME 10/500 = 0.020 vs white 20/2000 = 0.010 → 2.00;
  // 2024/25 BME 14/500 = 0.028 vs white 20/2000 = 0.010 → 2.80: further from parity, worse.
  const metrics = [
    metric('2023/24', 'workforce.bme', 500),
    metric('2023/24', 'workforce.white', 2000),
    metric('2023/24', 'disciplinary.bme', 10),
    metric('2023/24', 'disciplinary.white', 20),
    metric('2024/25', 'workforce.bme', 500),
    metric('2024/25', 'workforce.white', 2000),
    metric('2024/25', 'disciplinary.bme', 14),
    metric('2024/25', 'disciplinary.white', 20),
    // Indicator 7 improves: gap −17 → −12.
    metric('2023/24', 'survey7.white', 87),
    metric('2023/24', 'survey7.bme', 70),
    metric('2024/25', 'survey7.white', 86),
    metric('2024/25', 'survey7.bme', 74),
  ];

  it('lists indicator 3 as worse, with its summary in words and the open actions citing it', () => {
    const trends = indicatorTrends(metrics);
    const worsened = worsenedIndicators(trends, [action('3.1', [3]), action('3.2', [3, 5], 'Complete'), action('7.1', [7])]);
    expect(worsened.map((w) => [w.indicator, w.from.year, w.to.year, w.openActions])).toEqual([[3, '2023/24', '2024/25', 1]]);
    expect(worsened[0]!.summary).toBe('Indicator 3 (formal disciplinary): 2.00 → 2.80, worse');
  });

  it('counts 0 open actions when every action citing the indicator is complete', () => {
    const worsened = worsenedIndicators(indicatorTrends(metrics), [action('3.2', [3], 'Complete')]);
    expect(worsened[0]!.openActions).toBe(0);
  });

  it('skips years that are not computable when finding the latest change', () => {
    const trend = indicatorTrends([...metrics, metric('2025/26', 'disciplinary.bme', 3)]).find((t) => t.indicator === 3)!;
    expect(trend.values.map((v) => v.value === null)).toEqual([false, false, true]);
    const change = latestChange(trend)!;
    expect([change.from.year, change.to.year]).toEqual(['2023/24', '2024/25']);
    expect(latestChange(indicatorTrends([]).find((t) => t.indicator === 2)!)).toBeNull();
  });

  it('writes gaps in points in the summary', () => {
    const seven = indicatorTrends(metrics).find((t) => t.indicator === 7)!;
    const { from, to } = latestChange(seven)!;
    expect(changeSummary(7, from, to, seven.direction)).toBe(
      'Indicator 7 (equal opportunities for progression): −17.0 points → −12.0 points, better',
    );
  });

  it('finds open actions by indicator', () => {
    expect(openActionsFor(5, [action('a', [5, 6]), action('b', [5], 'Complete'), action('c', [6])]).map((a) => a.ref)).toEqual(['a']);
  });
});

describe('the sample figures', () => {
  it('cover three years up to the current plan year and show the documented directions', () => {
    const figures = buildSampleFigures(new Date('2026-03-10T09:00:00Z'));
    expect([...new Set(figures.map((f) => f.year))]).toEqual(['2023/24', '2024/25', '2025/26']);
    const directions = Object.fromEntries(indicatorTrends(figures).map((t) => [t.indicator, t.direction]));
    expect(directions).toEqual({
      1: 'worse',
      2: 'better',
      3: 'worse',
      4: 'better',
      5: 'better',
      6: 'worse',
      7: 'better',
      8: 'unchanged',
      9: 'better',
    });
  });

  it('add up: the band clusters sum to the workforce every year', () => {
    const figures = buildSampleFigures(new Date('2026-03-10T09:00:00Z'));
    for (const year of ['2023/24', '2024/25', '2025/26']) {
      for (const group of ['white', 'bme']) {
        const of = (pred: (m: string) => boolean) =>
          figures.filter((f) => f.year === year && pred(f.measure)).reduce((n, f) => n + f.value!, 0);
        expect(of((m) => m.startsWith('band.') && m.endsWith(`.${group}`))).toBe(of((m) => m === `workforce.${group}`));
      }
    }
  });
});
