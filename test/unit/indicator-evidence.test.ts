import { describe, expect, it } from 'vitest';
import { makeMetric } from '../store/fixtures.js';
import {
  computeIndicator,
  direction,
  formatValue,
  indicatorTrends,
  modelEmployer,
  type IndicatorValue,
} from '../../bot/src/domain/indicator-evidence.js';
import type { IndicatorMetric } from '../../bot/src/domain/model.js';

const figures = (o: Record<string, number | null>) => new Map(Object.entries(o));
const metric = (year: string, measure: string, value: number): IndicatorMetric => makeMetric({ year, measure, value });

describe('relative likelihoods (indicators 2–4), worked by hand', () => {
  it('indicator 2: white 200/1000 appointed vs BME 40/400 → 0.20 ÷ 0.10 = 2.00, adverse', () => {
    const v = computeIndicator(
      2,
      '2019/20',
      figures({ 'shortlisted.white': 1000, 'appointed.white': 200, 'shortlisted.bme': 400, 'appointed.bme': 40 }),
    );
    expect(v.value).toBeCloseTo(2.0, 10);
    expect(v.adverse).toBe(true);
    expect(formatValue(v)).toBe('2.00');
  });

  it('indicator 3: BME 10/500 vs white 20/2000 entering disciplinary → 0.02 ÷ 0.01 = 2.00', () => {
    const v = computeIndicator(
      3,
      '2019/20',
      figures({ 'workforce.bme': 500, 'disciplinary.bme': 10, 'workforce.white': 2000, 'disciplinary.white': 20 }),
    );
    expect(v.value).toBeCloseTo(2.0, 10);
    expect(v.adverse).toBe(true);
  });

  it('indicator 4: white 600/2000 vs BME 150/500 accessing training → 0.30 ÷ 0.30 = 1.00, parity', () => {
    const v = computeIndicator(
      4,
      '2019/20',
      figures({ 'workforce.white': 2000, 'training.white': 600, 'workforce.bme': 500, 'training.bme': 150 }),
    );
    expect(v.value).toBeCloseTo(1.0, 10);
    expect(v.adverse).toBe(false);
  });

  it('flags values outside 0.80–1.25 and accepts the bounds themselves', () => {
    const rl = (white: number, bme: number) =>
      computeIndicator(
        2,
        'y',
        figures({ 'shortlisted.white': 100, 'appointed.white': white, 'shortlisted.bme': 100, 'appointed.bme': bme }),
      );
    expect(rl(25, 20).value).toBeCloseTo(1.25);
    expect(rl(25, 20).adverse).toBe(false);
    expect(rl(20, 25).value).toBeCloseTo(0.8);
    expect(rl(20, 25).adverse).toBe(false);
    expect(rl(26, 20).adverse).toBe(true);
    expect(rl(19, 25).adverse).toBe(true);
  });

  it('reports division by zero as not computable, never a number', () => {
    const noBmeApplicants = computeIndicator(
      2,
      'y',
      figures({ 'shortlisted.white': 100, 'appointed.white': 10, 'shortlisted.bme': 0, 'appointed.bme': 0 }),
    );
    expect(noBmeApplicants.value).toBeNull();
    expect(noBmeApplicants.adverse).toBeNull();
    expect(noBmeApplicants.reason).toBe('no BME applicants shortlisted');
    expect(formatValue(noBmeApplicants)).toBe('not computable (no BME applicants shortlisted)');

    const noBmeAppointed = computeIndicator(
      2,
      'y',
      figures({ 'shortlisted.white': 100, 'appointed.white': 10, 'shortlisted.bme': 30, 'appointed.bme': 0 }),
    );
    expect(noBmeAppointed.value).toBeNull();
    expect(noBmeAppointed.reason).toBe('no BME applicants appointed');
  });

  it('uses a published value when a plan gives only that', () => {
    expect(computeIndicator(2, '2018/19', figures({ 'indicator2.value': 2.01 })).value).toBe(2.01);
  });
});

describe('staff survey gaps (indicators 5–8) and board (9)', () => {
  it('indicator 5: BME 31.5% vs white 25.0% → +6.5 points, adverse', () => {
    const v = computeIndicator(5, 'y', figures({ 'survey5.white': 25, 'survey5.bme': 31.5 }));
    expect(v.value).toBeCloseTo(6.5);
    expect(v.adverse).toBe(true);
    expect(formatValue(v)).toBe('+6.5 points');
  });

  it('indicator 7: BME 70% vs white 87% believing in equal opportunities → −17 points, adverse', () => {
    const v = computeIndicator(7, 'y', figures({ 'survey7.white': 87, 'survey7.bme': 70 }));
    expect(v.value).toBeCloseTo(-17);
    expect(v.adverse).toBe(true);
    expect(formatValue(v)).toBe('−17.0 points');
  });

  it('indicator 8: BME lower than white is not adverse', () => {
    expect(computeIndicator(8, 'y', figures({ 'survey8.white': 7, 'survey8.bme': 6 })).adverse).toBe(false);
  });

  it('indicator 9: 1 of 12 voting members BME (8.3%) vs 20% of the workforce → −11.7 points', () => {
    const v = computeIndicator(
      9,
      'y',
      figures({ 'board.voting.total': 12, 'board.voting.bme': 1, 'workforce.white': 2000, 'workforce.bme': 500 }),
    );
    expect(v.value).toBeCloseTo(100 / 12 - 20, 10);
    expect(v.adverse).toBe(true);
  });

  it('indicator 9 with no voting members recorded is not computable', () => {
    const v = computeIndicator(
      9,
      'y',
      figures({ 'board.voting.total': 0, 'board.voting.bme': 0, 'workforce.white': 10, 'workforce.bme': 5 }),
    );
    expect(v.value).toBeNull();
  });

  it('indicator 1: 10% BME at bands 8c–VSM vs 20% overall → −10 points', () => {
    const v = computeIndicator(
      1,
      'y',
      figures({ 'band.bands-8c-9-vsm.white': 45, 'band.bands-8c-9-vsm.bme': 5, 'workforce.white': 2000, 'workforce.bme': 500 }),
    );
    expect(v.value).toBeCloseTo(-10);
    expect(v.adverse).toBe(true);
  });
});

describe('year on year', () => {
  const ratio = (value: number | null): IndicatorValue => ({ indicator: 2, year: 'y', unit: 'ratio', value, adverse: null });
  const gap = (indicator: 5 | 7, value: number): IndicatorValue => ({ indicator, year: 'y', unit: 'points', value, adverse: null });

  it('a ratio moving towards parity is better, away is worse, tiny moves unchanged', () => {
    expect(direction(ratio(2.01), ratio(1.45))).toBe('better');
    expect(direction(ratio(2.5), ratio(2.8))).toBe('worse');
    expect(direction(ratio(0.7), ratio(1.3))).toBe('better');
    expect(direction(ratio(1.45), ratio(1.452))).toBe('unchanged');
    expect(direction(ratio(null), ratio(1.2))).toBe('unknown');
  });

  it('a gap shrinking is better, whichever sign is adverse for the indicator', () => {
    expect(direction(gap(5, 6.5), gap(5, 3))).toBe('better');
    expect(direction(gap(7, -17), gap(7, -20))).toBe('worse');
    expect(direction(gap(5, 1), gap(5, 1.2))).toBe('unchanged');
  });

  it('builds trends from stored figures, oldest year first', () => {
    const metrics = [
      metric('2019/20', 'indicator3.value', 2.8),
      metric('2018/19', 'indicator3.value', 2.5),
      metric('2018/19', 'survey5.white', 25),
      metric('2018/19', 'survey5.bme', 30),
    ];
    const trends = indicatorTrends(metrics);
    const three = trends.find((t) => t.indicator === 3)!;
    expect(three.values.map((v) => [v.year, v.value])).toEqual([
      ['2018/19', 2.5],
      ['2019/20', 2.8],
    ]);
    expect(three.direction).toBe('worse');
    expect(trends.find((t) => t.indicator === 5)!.direction).toBe('unknown');
    expect(trends.find((t) => t.indicator === 9)!.values).toEqual([]);
  });
});

describe('Model Employer', () => {
  it('compares each band cluster with the workforce share by default', () => {
    const rows = modelEmployer(
      figures({
        'workforce.white': 800,
        'workforce.bme': 200,
        'band.bands-5-7.white': 60,
        'band.bands-5-7.bme': 40,
        'band.bands-8a-8b.white': 90,
        'band.bands-8a-8b.bme': 10,
      }),
    )!;
    expect(rows.find((r) => r.cluster === 'bands-5-7')).toMatchObject({ bmePercent: 40, goalPercent: 20, gap: 20 });
    expect(rows.find((r) => r.cluster === 'bands-8a-8b')).toMatchObject({ bmePercent: 10, gap: -10 });
    expect(rows.find((r) => r.cluster === 'bands-1-4')).toMatchObject({ bmePercent: null, gap: null });
  });

  it('uses a configured aspirational goal when given', () => {
    const rows = modelEmployer(figures({ 'band.bands-1-4.white': 75, 'band.bands-1-4.bme': 25 }), 19)!;
    expect(rows[0]).toMatchObject({ bmePercent: 25, goalPercent: 19, gap: 6 });
    expect(modelEmployer(figures({}))).toBeNull();
  });
});
