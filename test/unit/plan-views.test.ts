import { describe, expect, it } from 'vitest';
import { compareByDue, compareByRef, isStale, toActionView, type ViewContext } from '../../bot/src/domain/action-view.js';
import { filterActions, groupActions } from '../../bot/src/domain/plan-filter.js';
import { summarisePlan } from '../../bot/src/domain/plan-summary.js';
import type { Action } from '../../bot/src/domain/model.js';
import { anAction } from '../teams/fixtures.js';

const ctx: ViewContext = { today: '2021-03-10', timeZone: 'Europe/London', staleAfterDays: 30 };
const view = (overrides: Partial<Action>) => toActionView(anAction(overrides), ctx, false);

describe('toActionView', () => {
  it('says how far off the due date is, and how overdue', () => {
    expect(view({ dueDate: '2021-03-17' })).toMatchObject({ dueLabel: 'in 7 days', overdue: false });
    expect(view({ dueDate: '2021-03-07' })).toMatchObject({ dueLabel: '3 days overdue', overdue: true, daysOverdue: 3 });
    expect(view({ dueDate: '2021-03-07' })).toHaveProperty('daysOverdue', 3);
    expect(view({ dueDate: '2021-03-17' })).not.toHaveProperty('daysOverdue');
    expect(view({ dueDate: null, status: 'Ongoing' }).dueLabel).toBe('Ongoing');
    expect(view({ dueDate: null, status: 'NotStarted' }).dueLabel).toBe('No date');
    expect(view({ dueDate: '2021-01-01', status: 'Complete', rag: 'Blue' })).toMatchObject({ dueLabel: 'Complete', overdue: false });
  });

  it('labels the owner by name, else by the lead role from the plan', () => {
    expect(view({}).ownerLabel).toBe('Priya Shah');
    expect(view({ owner: null, leadRole: 'Head of Resourcing' }).ownerLabel).toBe('Head of Resourcing');
  });
});

describe('isStale', () => {
  it('counts whole days in the organisation time zone since the latest update', () => {
    const at = (submittedAt: string) => anAction({ latestUpdate: { text: 'x', authorName: 'P', submittedAt } });
    expect(isStale(at('2021-02-08T12:00:00Z'), ctx)).toBe(true);
    expect(isStale(at('2021-02-09T12:00:00Z'), ctx)).toBe(false);
    expect(isStale(anAction({ latestUpdate: null, updatedAt: '2021-01-01T00:00:00Z' }), ctx)).toBe(true);
    expect(isStale(anAction({ status: 'Complete', rag: 'Blue', latestUpdate: null, updatedAt: '2020-01-01T00:00:00Z' }), ctx)).toBe(false);
  });

  it('uses the UK date of a late-evening update in summer time', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London.
    const june = { ...ctx, today: '2021-07-01' };
    expect(isStale(anAction({ latestUpdate: { text: 'x', authorName: 'P', submittedAt: '2021-05-31T23:30:00Z' } }), june)).toBe(true);
    expect(
      isStale(anAction({ latestUpdate: { text: 'x', authorName: 'P', submittedAt: '2021-05-31T23:30:00Z' } }), {
        ...june,
        staleAfterDays: 31,
      }),
    ).toBe(false);
  });
});

describe('ordering', () => {
  it('orders references naturally and undated actions last', () => {
    const refs = ['1.10', '1.2', '2.1', '1.9'].map((ref) => anAction({ ref }));
    expect(refs.sort(compareByRef).map((a) => a.ref)).toEqual(['1.2', '1.9', '1.10', '2.1']);
    const due = [
      anAction({ ref: 'a', dueDate: null }),
      anAction({ ref: 'b', dueDate: '2021-05-01' }),
      anAction({ ref: 'c', dueDate: '2021-04-01' }),
    ];
    expect(due.sort(compareByDue).map((a) => a.ref)).toEqual(['c', 'b', 'a']);
  });
});

describe('filterActions and groupActions', () => {
  const plan = [
    view({ id: '1', ref: '1.1', indicators: [2, 3], rag: 'Red', theme: 'Recruitment', dueDate: '2021-03-01' }),
    view({ id: '2', ref: '1.2', indicators: [], rag: 'Green', theme: '', owner: null, leadRole: 'Head of OD', title: 'Reverse mentoring' }),
    view({
      id: '3',
      ref: '2.1',
      indicators: [3],
      rag: 'Amber',
      theme: 'recruitment ',
      owner: { displayName: 'Sam Lee', email: 'sam.lee@example.com' },
    }),
  ];

  it('keeps only what every given filter allows', () => {
    expect(filterActions(plan, {}).map((v) => v.id)).toEqual(['1', '2', '3']);
    expect(filterActions(plan, { rag: 'Red' }).map((v) => v.id)).toEqual(['1']);
    expect(filterActions(plan, { overdue: true }).map((v) => v.id)).toEqual(['1']);
    expect(filterActions(plan, { indicator: 3 }).map((v) => v.id)).toEqual(['1', '3']);
    expect(filterActions(plan, { owner: 'head of od' }).map((v) => v.id)).toEqual(['2']);
    expect(filterActions(plan, { owner: 'SAM.LEE@example.com' }).map((v) => v.id)).toEqual(['3']);
    expect(filterActions(plan, { q: 'mentoring reverse' }).map((v) => v.id)).toEqual(['2']);
    expect(filterActions(plan, { q: 'mentoring disciplinary' })).toEqual([]);
    expect(filterActions(plan, { indicator: 3, rag: 'Amber' }).map((v) => v.id)).toEqual(['3']);
  });

  it('groups by indicator (an action under each it cites, unlinked last) and by theme', () => {
    const byIndicator = groupActions(plan, 'indicator');
    expect(byIndicator.map((g) => [g.key, g.actions.map((v) => v.id)])).toEqual([
      ['indicator-2', ['1']],
      ['indicator-3', ['1', '3']],
      ['indicator-none', ['2']],
    ]);
    expect(byIndicator[0]!.label).toBe('Indicator 2 — Appointment from shortlisting');
    const byTheme = groupActions(plan, 'theme');
    expect(byTheme.map((g) => [g.label, g.actions.map((v) => v.id)])).toEqual([
      ['Recruitment', ['1', '3']],
      ['No theme', ['2']],
    ]);
  });
});

describe('summarisePlan', () => {
  it('counts RAG, status, overdue, stale and per-indicator figures', () => {
    const actions = [
      anAction({ id: '1', indicators: [2, 3], rag: 'Red', dueDate: '2021-03-01' }),
      anAction({ id: '2', indicators: [3, 3], rag: 'Blue', status: 'Complete' }),
      anAction({ id: '3', indicators: [], rag: 'None', status: 'NotStarted', latestUpdate: null, updatedAt: '2020-12-01T00:00:00Z' }),
    ];
    const s = summarisePlan(actions, ctx);
    expect(s).toMatchObject({ today: '2021-03-10', total: 3, complete: 1, percentComplete: 33, overdue: 1, stale: 1 });
    expect(s.byRag).toEqual({ Red: 1, Amber: 0, Green: 0, Blue: 1, None: 1 });
    expect(s.byStatus).toEqual({ NotStarted: 1, InProgress: 1, Ongoing: 0, Complete: 1, CarriedOver: 0 });
    expect(s.perIndicator.map((i) => i.actions)).toEqual([0, 1, 2, 0, 0, 0, 0, 0, 0]);
    expect(s.perIndicator[2]).toMatchObject({ indicator: 3, shortName: 'Formal disciplinary', overdue: 1, byRag: { Red: 1, Blue: 1 } });
  });

  it('never rounds up to 100% while an action is open, and copes with an empty plan', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      anAction({ id: String(i), status: i === 0 ? 'InProgress' : 'Complete', rag: i === 0 ? 'Green' : 'Blue' }),
    );
    expect(summarisePlan(many, ctx).percentComplete).toBe(99);
    expect(summarisePlan([], ctx)).toMatchObject({ total: 0, percentComplete: 0 });
  });
});
