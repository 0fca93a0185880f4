/**
 * The roll-up of one member organisation: counts by the plan summary's own
 * rules, each indicator's latest value and direction, and the indicators
 * that worsened with nothing open addressing them.
 */
import { makeMetric } from '../store/fixtures.js';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../bot/src/domain/action-view.js';
import type { IndicatorMetric } from '../../bot/src/domain/model.js';
import { rollupTable, summariseMember } from '../../bot/src/domain/rollup.js';
import { anAction } from '../teams/fixtures.js';

const view: ViewContext = { today: '2026-03-10', timeZone: 'Europe/London', staleAfterDays: 30 };
const org = { id: 'RXX', name: 'North Trust' };
const metric = (year: string, measure: string, value: number): IndicatorMetric => makeMetric({ year, measure, value });
/** Indicator 3 (disciplinary) worsens 2.00 → 3.00; indicator 5 improves (gap +6 → +2 points). */
const figures = [
  metric('2018/19', 'workforce.bme', 500),
  metric('2018/19', 'disciplinary.bme', 10),
  metric('2018/19', 'workforce.white', 2000),
  metric('2018/19', 'disciplinary.white', 20),
  metric('2019/20', 'workforce.bme', 500),
  metric('2019/20', 'disciplinary.bme', 15),
  metric('2019/20', 'workforce.white', 2000),
  metric('2019/20', 'disciplinary.white', 20),
  metric('2018/19', 'survey5.white', 20),
  metric('2018/19', 'survey5.bme', 26),
  metric('2019/20', 'survey5.white', 20),
  metric('2019/20', 'survey5.bme', 22),
];
const recent = { latestUpdate: { text: 'note', authorName: 'P', submittedAt: '2026-03-01T10:00:00Z' }, updatedAt: '2026-03-01T10:00:00Z' };

describe('a member organisation’s roll-up', () => {
  it('counts actions, % complete, overdue and no update in the organisation’s stale days', () => {
    const actions = [
      anAction({ id: 'a', status: 'Complete', rag: 'Blue', dueDate: '2026-01-01', ...recent }),
      anAction({ id: 'b', dueDate: '2026-03-01', ...recent }), // overdue, recent news
      anAction({ id: 'c', dueDate: '2026-12-01', updatedAt: '2026-01-20T10:00:00Z', latestUpdate: undefined }), // 49 days quiet
      anAction({ id: 'd', dueDate: '2026-12-01', ...recent }),
    ];
    const member = summariseMember(org, actions, [], view);
    expect(member).toMatchObject({ actions: 4, complete: 1, percentComplete: 25, overdue: 1, stale: 1, staleAfterDays: 30 });
    // The organisation's own setting decides "no update": with 60 days nothing is stale yet.
    expect(summariseMember(org, actions, [], { ...view, staleAfterDays: 60 }).stale).toBe(0);
    expect(summariseMember(org, [], [], view)).toMatchObject({ actions: 0, percentComplete: 0 });
  });

  it('gives each indicator’s latest value and its direction as the indicator defines better', () => {
    const member = summariseMember(org, [], figures, view);
    expect(member.indicators).toHaveLength(9);
    expect(member.indicators[2]).toMatchObject({ indicator: 3, year: '2019/20', text: '3.00', direction: 'worse' });
    // Indicator 5: the BME–white gap narrowing from +6 to +2 points is better for BME staff.
    expect(member.indicators[4]).toMatchObject({ indicator: 5, text: '+2.0 points', direction: 'better' });
    expect(member.indicators[0]).toMatchObject({ indicator: 1, value: null, text: 'no figures', direction: 'unknown' });
  });

  it('lists an indicator that worsened only while no open action cites it', () => {
    expect(summariseMember(org, [anAction({ indicators: [2] })], figures, view).worsenedWithoutAction).toEqual([3]);
    expect(summariseMember(org, [anAction({ indicators: [2, 3] })], figures, view).worsenedWithoutAction).toEqual([]);
    // A completed action no longer addresses it.
    const done = anAction({ indicators: [3], status: 'Complete', rag: 'Blue' });
    expect(summariseMember(org, [done], figures, view).worsenedWithoutAction).toEqual([3]);
    // Indicator 5 got better: never listed, whatever the plan says.
    expect(summariseMember(org, [], figures, view).worsenedWithoutAction).toEqual([3]);
  });

  it('carries no title, owner or note of any action, and tables members not served as such', () => {
    const member = summariseMember(org, [anAction()], figures, view);
    const text = JSON.stringify(member);
    for (const secret of ['Audit shortlisting', 'Priya', 'Panels for 3 of 5', 'Head of Resourcing', 'priya.shah']) {
      expect(text).not.toContain(secret);
    }
    const table = rollupTable({
      group: { id: 'QWE', name: 'ICB', kind: 'icb' },
      members: [member, { id: 'RZZ', served: false, why: 'not-served' }],
    });
    expect(table[0]).toContain('No update in 30 days');
    expect(table[1]!.slice(0, 7)).toEqual(['North Trust', 'RXX', '1', '0%', '1', '1', 'Indicator 3']);
    expect(table[1]![9]).toBe('3.00 (worse, 2019/20)');
    expect(table[2]!.slice(0, 2)).toEqual(['Not on this service', 'RZZ']);
  });
});
