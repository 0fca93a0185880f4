import { describe, expect, it } from 'vitest';
import { stageInWords } from '../../bot/src/domain/reminder-stages.js';

describe('stageInWords', () => {
  it.each([
    ['due-14', '14-day reminder'],
    ['due-7', '7-day reminder'],
    ['due-1', '1-day reminder'],
    ['due-0', 'reminder on the due date'],
    ['overdue-7', 'overdue reminder, weekly (7 days overdue)'],
    ['overdue-21', 'overdue reminder, weekly (21 days overdue)'],
    ['stale-2026-10-30', 'no update for 31 days (since 30 Oct 2026)'],
    ['digest-2026-11-23', 'weekly digest (week of 23 Nov 2026)'],
  ])('names %s as "%s"', (stage, words) => {
    expect(stageInWords(stage, '2026-11-30')).toBe(words);
  });

  it('leaves a stage it does not know as it is rather than guessing', () => {
    expect(stageInWords('custom-stage', '2026-11-30')).toBe('custom-stage');
  });
});
