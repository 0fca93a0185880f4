// GET /api/plan/start: the plan page's first screen, small whatever the plan's size, and answered to
// exactly the callers GET /api/plan answers, with the same plan they would get from it.
import { describe, expect, it } from 'vitest';
import type { PlanResponse, PlanStartResponse, SummaryResponse } from '../../bot/src/api/contract.js';
import type { IndicatorNumber } from '../../bot/src/domain/model.js';
import { buildSamplePlan } from '../../bot/src/sample/sample-plan.js';
import type { ImportedAction } from '../../bot/src/store/plan-store.js';
import { decodePlanList, type PlanItem } from '../../tab/src/api/plan-list.js';
import { ASHA, BOARD, LEAD, NOW, OTHER_TENANT, STRANGER, personClaims, startApi, useEntraApi, type TestApi } from './harness.js';

/** The sample plan repeated to `count` actions (refs 1.1.1, 2.1.1, …), as the benchmarks grow it. */
function repeatedPlan(count: number): ImportedAction[] {
  const sample = buildSamplePlan(new Date(NOW));
  return Array.from({ length: count }, (_, i) => {
    const base = sample[i % sample.length]!;
    return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
  });
}

/** The rows the page lists first by indicator, worked out by hand from the whole list: indicators 1–9 in turn, then the unlinked. */
function firstByIndicator(items: PlanItem[], rows: number): string[] {
  const order: (IndicatorNumber | 0)[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
  const listed = order.flatMap((n) => items.filter((a) => (n === 0 ? a.indicators.length === 0 : a.indicators.includes(n))));
  return listed.slice(0, rows).map((a) => a.id);
}

/** The first screen's rows, group by group, as the ids of the actions shown. */
const startRows = (start: PlanStartResponse) => start.groups.flatMap((g) => g.rows.map((i) => start.actions[i]![0]));

async function json<T>(res: Response): Promise<T> {
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('the first screen’s answer (GET /api/plan/start)', () => {
  it(
    'stays the same size from 500 to 10,000 actions, and shows the whole plan’s counts and its first rows',
    { timeout: 60_000 },
    async () => {
      const sizes: number[] = [];
      for (const count of [500, 10_000]) {
        const api: TestApi = await startApi({}, { plan: repeatedPlan(count) });
        try {
          const res = await api.call('/api/plan/start');
          const text = await res.text();
          expect(res.status).toBe(200);
          sizes.push(Buffer.byteLength(text));
          const start = JSON.parse(text) as PlanStartResponse;
          const plan = decodePlanList(await json<PlanResponse>(await api.call('/api/plan')));
          expect(start.total).toBe(count);
          expect(start.summary).toEqual(await json<SummaryResponse>(await api.call('/api/summary')));
          expect(startRows(start)).toEqual(firstByIndicator(plan.items, 40));
          // A group's heading counts all its actions, not just the rows shown.
          const first = start.groups[0]!;
          expect(first.actions).toBe(plan.items.filter((a) => a.indicators.includes(1)).length);
          expect(first.overdue).toBe(plan.items.filter((a) => a.indicators.includes(1) && a.overdue).length);
          // The rows decode as the list's do (the page draws them with the same code).
          const decoded = decodePlanList(start).items;
          expect(decoded.map((a) => a.id)).toEqual([...new Set(startRows(start))]);
          for (const item of decoded) expect(item).toEqual(plan.items.find((a) => a.id === item.id));
        } finally {
          await api.close();
        }
      }
      expect(sizes[0]).toBeLessThan(20_000);
      expect(sizes[1]! / sizes[0]!).toBeLessThan(1.05);
    },
  );

  it('groups by theme when asked, and refuses any other grouping with 400', async () => {
    const api = await startApi();
    try {
      const start = await json<PlanStartResponse>(await api.call('/api/plan/start?group=theme'));
      const plan = decodePlanList(await json<PlanResponse>(await api.call('/api/plan')));
      const themes = [...new Set(plan.items.map((a) => a.theme || 'No theme'))];
      expect(start.groups.map((g) => g.label)).toEqual(
        themes.filter((t) => t !== 'No theme').concat(themes.includes('No theme') ? ['No theme'] : []),
      );
      expect(startRows(start).sort()).toEqual(plan.items.map((a) => a.id).sort());
      expect((await api.call('/api/plan/start?group=owner')).status).toBe(400);
    } finally {
      await api.close();
    }
  });
});

describe('who may read the first screen', () => {
  const ctx = useEntraApi({ env: { VIEWERS: BOARD.email } });

  it('answers exactly whom GET /api/plan answers, with the plan they would read there', async () => {
    const token = (claims: ReturnType<typeof personClaims>) => ctx.issuer.token(claims);
    const callers = [
      { who: 'no token', token: undefined },
      { who: 'a viewer', token: await token(personClaims(BOARD)) },
      { who: 'an action owner', token: await token(personClaims(ASHA)) },
      { who: 'an E&D lead', token: await token(personClaims(LEAD)) },
      { who: 'someone with no role', token: await token(personClaims(STRANGER)) },
      { who: 'another organisation', token: await token(personClaims(LEAD, { tid: OTHER_TENANT })) },
    ];
    const statuses: number[] = [];
    for (const { who, token } of callers) {
      const [plan, start] = await Promise.all(['/api/plan', '/api/plan/start'].map((p) => ctx.api.call(p, token ? { token } : {})));
      expect(start!.status, who).toBe(plan!.status);
      statuses.push(plan!.status);
      if (plan!.status !== 200) continue;
      const items = decodePlanList((await plan!.json()) as PlanResponse).items;
      expect(startRows((await start!.json()) as PlanStartResponse), who).toEqual(firstByIndicator(items, 40));
    }
    // Both kinds of caller were tried: those the plan is read by, and those it is refused to.
    expect(statuses).toEqual([401, 200, 200, 200, 403, expect.any(Number)]);
    expect(statuses[5]).toBeGreaterThanOrEqual(401);
  });
});
