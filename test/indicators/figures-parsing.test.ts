import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../bot/src/domain/indicator-evidence.js';
import {
  ALL_MEASURES,
  FIGURE_SECTIONS,
  figureProblem,
  inconsistentFigures,
  measureFromHeader,
  measureKind,
  measureLabel,
  normaliseFigureYear,
} from '../../bot/src/domain/indicator-figures.js';
import { isMetricHeader, metricCellText, parseMetricCell } from '../../bot/src/importers/metric-columns.js';
import { parseFigureValue } from '../../bot/src/importers/figures-import.js';

const AT = '2026-03-10T09:00:00.000Z';
const pairs = (text: string, n: Parameters<typeof parseMetricCell>[1]) =>
  parseMetricCell(text, n, AT).map((m) => [m.year, m.measure, m.value]);

describe('parseMetricCell: the figures a plan writes beside an action', () => {
  it('reads "2018-2019 2.01, 2019-2020 1.45" as two indicator 2 values', () => {
    expect(pairs('2018-2019 2.01, 2019-2020 1.45', 2)).toEqual([
      ['2018/19', 'indicator2.value', 2.01],
      ['2019/20', 'indicator2.value', 1.45],
    ]);
    expect(parseMetricCell('2018-2019 2.01', 2, AT)[0]).toEqual({
      year: '2018/19',
      measure: 'indicator2.value',
      value: 2.01,
      source: 'import',
      updatedAt: AT,
    });
  });

  it('accepts 2018/19, 2019-20 and "2020 to 2021", with colons, lines and labels around the numbers', () => {
    expect(pairs('2018/19: RL 1.78\n2019-20: 2.05\n2020 to 2021 = 2.59', 3)).toEqual([
      ['2018/19', 'indicator3.value', 1.78],
      ['2019/20', 'indicator3.value', 2.05],
      ['2020/21', 'indicator3.value', 2.59],
    ]);
  });

  it('reads negative board differences for indicator 9, with a typographic minus', () => {
    expect(pairs('2019/20 −11.7, 2020/21 -8.5', 9)).toEqual([
      ['2019/20', 'indicator9.value', -11.7],
      ['2020/21', 'indicator9.value', -8.5],
    ]);
  });

  it('gives nothing for text without a year, a year without a number, an impossible year, or an out-of-range value', () => {
    expect(parseMetricCell('Improved on last year', 2, AT)).toEqual([]);
    expect(parseMetricCell('2018-2019 not yet published', 2, AT)).toEqual([]);
    expect(parseMetricCell('2018-2020 1.5', 2, AT)).toEqual([]);
    expect(parseMetricCell('2018/19 250', 2, AT)).toEqual([]);
  });

  it('gives nothing for indicators without a single published value (1, 5–8)', () => {
    expect(parseMetricCell('2018-2019 2.01', 5, AT)).toEqual([]);
    expect(parseMetricCell('2018-2019 2.01', 1, AT)).toEqual([]);
  });

  it('keeps the first value when a cell names the same year twice', () => {
    expect(pairs('2018/19 2.01 (revised: 2018-2019 2.10)', 2)).toEqual([['2018/19', 'indicator2.value', 2.01]]);
  });

  it('recognises metric column headers, and puts a year header in front of a bare number', () => {
    for (const h of ['Metric', 'Data', 'Baseline', 'WRES data', '2018-2019', '2019/20 data']) expect(isMetricHeader(h), h).toBe(true);
    for (const h of ['Action', 'Measure of success', 'Due by', 'Lead']) expect(isMetricHeader(h), h).toBe(false);
    expect(metricCellText('2018-2019', '2.01')).toBe('2018/19 2.01');
    expect(metricCellText('Baseline', '2018/19 2.01')).toBe('2018/19 2.01');
    expect(pairs(metricCellText('2019-20', '1.45'), 2)).toEqual([['2019/20', 'indicator2.value', 1.45]]);
  });
});

describe('reporting years and figure values', () => {
  it('normalises the ways a year is written and refuses non-consecutive years', () => {
    expect(['2019/20', '2019-20', '2019-2020', '2019 to 2020', ' 2019 / 2020 '].map(normaliseFigureYear)).toEqual(Array(5).fill('2019/20'));
    expect(normaliseFigureYear('1999/00')).toBe('1999/00');
    expect(normaliseFigureYear('2019')).toBeUndefined();
    expect(normaliseFigureYear('2019/21')).toBeUndefined();
    expect(normaliseFigureYear('Q3 2019')).toBeUndefined();
  });

  it('reads figures as people type them', () => {
    expect(parseFigureValue('1,234')).toBe(1234);
    expect(parseFigureValue('25%')).toBe(25);
    expect(parseFigureValue('−3.2')).toBe(-3.2);
    expect(parseFigureValue(' 2.01 ')).toBe(2.01);
    expect(parseFigureValue('')).toBeNull();
    expect(parseFigureValue('n/a')).toBeNull();
    expect(parseFigureValue('-')).toBeNull();
    expect(parseFigureValue('about 40')).toBeNaN();
    expect(parseFigureValue('1,2')).toBeNaN();
  });
});

describe('the measure catalogue', () => {
  it('lists every measure of MEASURES exactly once, and the form sections cover them all', () => {
    const fromMeasures = new Set<string>(Object.values(MEASURES).flat());
    expect(new Set(ALL_MEASURES)).toEqual(fromMeasures);
    expect(ALL_MEASURES.length).toBe(fromMeasures.size);
    expect(FIGURE_SECTIONS.flatMap((s) => s.measures).sort()).toEqual([...ALL_MEASURES].sort());
  });

  it('gives every measure a plain-English label that is not its key', () => {
    for (const m of ALL_MEASURES) expect(measureLabel(m), m).not.toBe(m);
    expect(measureLabel('band.bands-8a-8b.bme')).toBe('BME staff in Bands 8a–8b');
  });

  it('matches headers to keys or labels, ignoring case and punctuation', () => {
    expect(measureFromHeader('Shortlisted.BME')).toBe('shortlisted.bme');
    expect(measureFromHeader('BME applicants shortlisted')).toBe('shortlisted.bme');
    expect(measureFromHeader('White staff entering formal disciplinary')).toBe('disciplinary.white');
    expect(measureFromHeader('Indicator 2')).toBe('indicator2.value');
    expect(measureFromHeader('survey5 bme')).toBe('survey5.bme');
    expect(measureFromHeader('Comments')).toBeUndefined();
  });

  it('checks each kind of figure against its range', () => {
    expect(measureKind('shortlisted.bme')).toBe('count');
    expect(figureProblem('shortlisted.bme', -1)).toBe('must be 0 or more');
    expect(figureProblem('shortlisted.bme', 0)).toBeUndefined();
    expect(figureProblem('survey5.bme', 100)).toBeUndefined();
    expect(figureProblem('survey5.bme', 100.5)).toBe('must be a percentage between 0 and 100');
    expect(figureProblem('indicator2.value', -0.1)).toMatch(/relative likelihood/);
    expect(figureProblem('indicator9.value', -12)).toBeUndefined();
    expect(figureProblem('indicator9.value', -120)).toMatch(/between −100 and 100/);
    expect(figureProblem('workforce.bme', null)).toBeUndefined();
    expect(figureProblem('workforce.bme', Number.NaN)).toBe('must be a number');
  });

  it('finds figures that contradict each other, naming both', () => {
    const f = new Map<string, number | null>([
      ['shortlisted.bme', 40],
      ['appointed.bme', 50],
      ['board.voting.total', 12],
      ['board.voting.bme', 3],
      ['workforce.white', null],
      ['training.white', 10],
    ]);
    expect(inconsistentFigures(f)).toEqual({
      'appointed.bme': 'BME applicants appointed (50) cannot be more than BME applicants shortlisted (40)',
    });
  });
});
