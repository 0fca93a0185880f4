import { describe, expect, it } from 'vitest';
import { parseIndicatorRefs, indicatorLabel } from '../../bot/src/domain/indicators.js';
import { nextState, isOverdue } from '../../bot/src/domain/rules.js';

describe('parseIndicatorRefs', () => {
  it.each([
    ['Indicator 2', [2]],
    ['WRES 1, 2, 7', [1, 2, 7]],
    ['Indicators 5-8', [5, 6, 7, 8]],
    ['Indicators 5 – 8', [5, 6, 7, 8]],
    ['3', [3]],
    ['1, 2 and 9', [1, 2, 9]],
    ['KF 18', [5]],
    ['KF25. Percentage of staff experiencing harassment', [5]],
    ['Q217. In the last 12 months have you personally experienced discrimination', [8]],
    ['WRES1', [1]],
  ])('%s → %j', (text, expected) => {
    expect(parseIndicatorRefs(text)).toEqual(expected);
  });

  it('does not guess from numbers in unrelated prose', () => {
    expect(parseIndicatorRefs('Recruit 10 mentors by 2020')).toEqual([]);
  });

  it('ignores numbers outside 1–9', () => {
    expect(parseIndicatorRefs('Indicators 0, 10, 4')).toEqual([4]);
  });

  it('labels indicators by their short names', () => {
    expect(indicatorLabel(2)).toBe('Indicator 2 — Appointment from shortlisting');
  });
});

describe('RAG and status rules', () => {
  it('complete implies Blue, and Blue implies complete', () => {
    expect(nextState({ rag: 'Amber', status: 'InProgress' }, { rag: 'Amber', markComplete: true })).toEqual({
      rag: 'Blue',
      status: 'Complete',
    });
    expect(nextState({ rag: 'Amber', status: 'InProgress' }, { rag: 'Blue' })).toEqual({ rag: 'Blue', status: 'Complete' });
  });

  it('leaving Blue reopens the action; a first update starts it', () => {
    expect(nextState({ rag: 'Blue', status: 'Complete' }, { rag: 'Amber' })).toEqual({ rag: 'Amber', status: 'InProgress' });
    expect(nextState({ rag: 'None', status: 'NotStarted' }, { rag: 'Green' })).toEqual({ rag: 'Green', status: 'InProgress' });
  });

  it('keeps Ongoing work ongoing', () => {
    expect(nextState({ rag: 'Green', status: 'Ongoing' }, { rag: 'Amber' })).toEqual({ rag: 'Amber', status: 'Ongoing' });
  });

  it('overdue means due before today and not complete', () => {
    expect(isOverdue({ dueDate: '2026-03-09', status: 'InProgress' }, '2026-03-10')).toBe(true);
    expect(isOverdue({ dueDate: '2026-03-10', status: 'InProgress' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-09', status: 'Complete' }, '2026-03-10')).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'Ongoing' }, '2026-03-10')).toBe(false);
  });
});
