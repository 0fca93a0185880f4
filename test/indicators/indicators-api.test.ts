import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadFiguresBody, IndicatorsResponse, ModelEmployerResponse, SaveFiguresResponse } from '../../bot/src/api/contract.js';
import { ASHA, BEN, BOARD, LEAD, startApi, type TestApi } from '../api/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ VIEWERS: BOARD.email });
});
afterAll(async () => {
  await api?.close();
});

const put = (devUser: string, body: unknown) => api.call('/api/indicators/figures', { method: 'PUT', devUser, body });
const getIndicators = async (devUser = BOARD.email) =>
  (await (await api.call('/api/indicators', { devUser })).json()) as IndicatorsResponse;

describe('PUT /api/indicators/figures', () => {
  it('lets an E&D lead save a year of figures, and GET computes the indicators from them', async () => {
    // Indicator 3 by hand: BME 10/500 = 0.02 vs white 20/2000 = 0.01 → 2.00, then BME 14/500 → 2.80.
    const first = await put(LEAD.email, {
      year: '2023-24',
      figures: { 'workforce.white': 2000, 'workforce.bme': 500, 'disciplinary.white': 20, 'disciplinary.bme': 10 },
    });
    expect(first.status).toBe(200);
    expect((await first.json()) as SaveFiguresResponse).toEqual({
      year: '2023/24',
      saved: 4,
      cleared: 0,
      figures: { 'workforce.white': 2000, 'workforce.bme': 500, 'disciplinary.white': 20, 'disciplinary.bme': 10 },
    });
    const second = await put(LEAD.email, {
      year: '2024/25',
      figures: { 'workforce.white': 2000, 'workforce.bme': 500, 'disciplinary.white': 20, 'disciplinary.bme': 14 },
    });
    expect(second.status).toBe(200);

    const body = await getIndicators();
    expect(body.years).toEqual(['2023/24', '2024/25']);
    const three = body.indicators.find((i) => i.indicator === 3)!;
    expect(three.values.map((v) => [v.year, Number(v.value!.toFixed(4)), v.adverse])).toEqual([
      ['2023/24', 2, true],
      ['2024/25', 2.8, true],
    ]);
    expect(three.direction).toBe('worse');
    expect(three.latest?.year).toBe('2024/25');
    expect(three.actions.map((a) => a.ref)).toEqual(['1.2']);
    expect(three.openActions).toBe(1);
    expect(body.worsened.map((w) => [w.indicator, w.summary, w.openActions])).toEqual([
      [3, 'Indicator 3 (formal disciplinary): 2.00 → 2.80, worse', 1],
    ]);
    expect(body.figures['2024/25']).toMatchObject({ 'disciplinary.bme': 14 });
    expect(body.canEditFigures).toBe(false);
    expect((await getIndicators(LEAD.email)).canEditFigures).toBe(true);
  });

  it('lists the actions citing each indicator, and says why a value cannot be computed', async () => {
    const nine = (await getIndicators()).indicators.find((i) => i.indicator === 9)!;
    expect(nine.actions.map((a) => [a.ref, a.status])).toEqual([['2.2', 'Complete']]);
    expect(nine.openActions).toBe(0);
    // The workforce figures count towards indicator 9, but without board figures it has no value.
    expect(nine.values.map((v) => [v.year, v.value, v.reason])).toEqual([
      ['2023/24', null, 'figures missing'],
      ['2024/25', null, 'figures missing'],
    ]);
    expect(nine.latest).toBeNull();
    expect(nine.direction).toBe('unknown');
  });

  it('refuses action owners and board members with 403 and stores nothing', async () => {
    for (const who of [ASHA.email, BEN.email, BOARD.email]) {
      const res = await put(who, { year: '2024/25', figures: { 'disciplinary.bme': 99 } });
      expect(res.status, who).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Only E&D leads can enter WRES figures/);
    }
    expect((await getIndicators()).figures['2024/25']!['disciplinary.bme']).toBe(14);
  });

  it('answers 400 naming each bad field, and stores nothing from that request', async () => {
    const res = await put(LEAD.email, {
      year: '2024',
      figures: { 'workforce.bme': -3, 'survey5.bme': 101, 'favourite.colour': 1, 'shortlisted.white': 'lots' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as BadFiguresBody;
    expect(body.error.code).toBe('bad_input');
    expect(Object.keys(body.error.details).sort()).toEqual(['shortlisted.white']);
    expect(body.error.details['shortlisted.white']).toBe('must be a number');

    const ranges = (await (
      await put(LEAD.email, { year: '2024', figures: { 'workforce.bme': -3, 'survey5.bme': 101, 'favourite.colour': 1 } })
    ).json()) as BadFiguresBody;
    expect(ranges.error.details).toEqual({
      year: 'should look like 2019/20',
      'workforce.bme': 'must be 0 or more',
      'survey5.bme': 'must be a percentage between 0 and 100',
      'favourite.colour': 'is not a WRES measure',
    });
    expect(ranges.error.message).toContain('BME staff in the workforce must be 0 or more');
    expect((await getIndicators()).figures['2024/25']!['workforce.bme']).toBe(500);
  });

  it('checks new figures against the stored ones of the same year', async () => {
    const res = await put(LEAD.email, { year: '2024/25', figures: { 'disciplinary.bme': 600 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as BadFiguresBody).error.details).toEqual({
      'disciplinary.bme': 'BME staff entering formal disciplinary (600) cannot be more than BME staff in the workforce (500)',
    });
  });

  it('rejects a body that is not { year, figures } and an empty set of figures', async () => {
    expect((await put(LEAD.email, [1, 2])).status).toBe(400);
    const empty = (await (await put(LEAD.email, { year: '2024/25', figures: {} })).json()) as BadFiguresBody;
    expect(empty.error.details).toEqual({ form: 'No figures were sent.' });
  });

  it('clears a figure sent as null', async () => {
    await put(LEAD.email, { year: '2022/23', figures: { 'survey5.white': 25, 'survey5.bme': 30 } });
    const res = (await (await put(LEAD.email, { year: '2022/23', figures: { 'survey5.bme': null } })).json()) as SaveFiguresResponse;
    expect(res).toMatchObject({ saved: 0, cleared: 1, figures: { 'survey5.white': 25 } });
    const five = (await getIndicators()).indicators.find((i) => i.indicator === 5)!;
    expect(five.values.map((v) => [v.year, v.value, v.reason])).toEqual([['2022/23', null, 'survey figures missing']]);
  });
});

describe('GET /api/indicators/model-employer', () => {
  it('compares band clusters with the workforce share (by default the newest year with band figures)', async () => {
    await put(LEAD.email, {
      year: '2025/26',
      figures: {
        'workforce.white': 800,
        'workforce.bme': 200,
        'band.bands-5-7.white': 60,
        'band.bands-5-7.bme': 40,
        'band.bands-8a-8b.white': 90,
        'band.bands-8a-8b.bme': 10,
      },
    });
    const body = (await (await api.call('/api/indicators/model-employer', { devUser: BOARD.email })).json()) as ModelEmployerResponse;
    expect(body).toMatchObject({ year: '2025/26', years: ['2025/26'], goalPercent: 20, goalSource: 'workforce', workforceBmePercent: 20 });
    expect(body.rows!.map((r) => [r.cluster, r.bmePercent, r.gap])).toEqual([
      ['bands-1-4', null, null],
      ['bands-5-7', 40, 20],
      ['bands-8a-8b', 10, -10],
      ['bands-8c-9-vsm', null, null],
    ]);
  });

  it('answers 400 for a malformed year and an empty view for a year without figures', async () => {
    expect((await api.call('/api/indicators/model-employer?year=last', { devUser: BOARD.email })).status).toBe(400);
    const none = (await (
      await api.call('/api/indicators/model-employer?year=2019-20', { devUser: BOARD.email })
    ).json()) as ModelEmployerResponse;
    expect(none).toMatchObject({ year: '2019/20', rows: null, goalPercent: null });
  });
});

describe('a configured Model Employer goal', () => {
  it('uses MODEL_EMPLOYER_GOAL_PERCENT instead of the workforce share', async () => {
    const other = await startApi({ MODEL_EMPLOYER_GOAL_PERCENT: '19' });
    try {
      await other.call('/api/indicators/figures', {
        method: 'PUT',
        devUser: LEAD.email,
        body: { year: '2025/26', figures: { 'band.bands-1-4.white': 75, 'band.bands-1-4.bme': 25 } },
      });
      const body = (await (await other.call('/api/indicators/model-employer', { devUser: LEAD.email })).json()) as ModelEmployerResponse;
      expect(body).toMatchObject({ goalPercent: 19, goalSource: 'configured', workforceBmePercent: null });
      expect(body.rows![0]).toMatchObject({ bmePercent: 25, goalPercent: 19, gap: 6 });
    } finally {
      await other.close();
    }
  });
});
