import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekday } from '../../bot/src/domain/dates.js';
import type { Action, ReminderSent } from '../../bot/src/domain/model.js';
import { deadlineSchedule, lastActivityDate, remindersDue, type ReminderPolicyConfig } from '../../bot/src/domain/reminder-policy.js';
import { isWorkingDay, workingDayOnOrBefore } from '../../bot/src/domain/working-days.js';
import { anAction } from '../teams/fixtures.js';

// March 2026: Mon 2, 9, 16, 23, 30; Fri 6, 13, 20, 27; April: Fri 3, 10.
const config: ReminderPolicyConfig = { offsetsDays: [14, 7, 1, 0], staleAfterDays: 30, timeZone: 'Europe/London', bankHolidays: new Set() };
const noStale: ReminderPolicyConfig = { ...config, staleAfterDays: 365 };

function action(overrides: Partial<Action> = {}): Action {
  return anAction({ id: 'a1', dueDate: '2026-03-25', latestUpdate: null, updatedAt: '2026-03-01T10:00:00Z', ...overrides });
}

function sent(stage: string, dueDate: string, day: string, actionId = 'a1'): ReminderSent {
  return { actionId, stage, dueDate, recipient: 'aad-priya', state: 'sent', sentAt: `${day}T09:00:00Z`, attempts: 1 };
}

/** Runs the policy once a day from `from` to `to`, recording what it sends as the job would. */
function simulate(a: Action, from: string, to: string, cfg = noStale, opts: { weekdaysOnly?: boolean; ledger?: ReminderSent[] } = {}) {
  const ledger = [...(opts.ledger ?? [])];
  const sends: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (opts.weekdaysOnly && !isWorkingDay(day)) continue;
    for (const r of remindersDue(a, day, cfg, ledger)) {
      sends.push(`${day} ${r.stage}`);
      ledger.push(sent(r.stage, r.dueDate, day));
    }
  }
  return sends;
}

describe('working days', () => {
  it('does calendar arithmetic as luxon does, across leap years and clock changes', () => {
    const utc = (d: string) => DateTime.fromISO(d, { zone: 'utc' });
    for (let day = '2023-12-20'; day <= '2025-03-10'; day = utc(day).plus({ days: 1 }).toISODate()!) {
      expect(addDays(day, 37)).toBe(utc(day).plus({ days: 37 }).toISODate());
      expect(addDays(day, -400)).toBe(utc(day).minus({ days: 400 }).toISODate());
      expect(weekday(day)).toBe(utc(day).weekday);
      expect(daysBetween('2024-02-28', day)).toBe(utc(day).diff(utc('2024-02-28'), 'days').days);
    }
    expect(() => addDays('31/3/2026', 1)).toThrow(RangeError);
  });

  it('moves Saturday and Sunday to the Friday before and leaves weekdays alone', () => {
    expect(workingDayOnOrBefore('2026-03-28')).toBe('2026-03-27');
    expect(workingDayOnOrBefore('2026-03-29')).toBe('2026-03-27');
    expect(workingDayOnOrBefore('2026-03-30')).toBe('2026-03-30');
    expect(workingDayOnOrBefore('2026-03-27')).toBe('2026-03-27');
  });
});

describe('deadline reminders', () => {
  it('sends each offset on its day, then weekly while overdue, and nothing on other days', () => {
    // Due Wednesday 25 March: 14 days → Wed 11, 7 → Wed 18, 1 → Tue 24, 0 → Wed 25; overdue Wed 1 and 8 April.
    expect(simulate(action(), '2026-03-01', '2026-04-14')).toEqual([
      '2026-03-11 due-14',
      '2026-03-18 due-7',
      '2026-03-24 due-1',
      '2026-03-25 due-0',
      '2026-04-01 overdue-7',
      '2026-04-08 overdue-14',
    ]);
  });

  it('follows the configured offsets', () => {
    expect(simulate(action(), '2026-03-01', '2026-03-26', { ...noStale, offsetsDays: [3] })).toEqual(['2026-03-20 due-3']);
  });

  it('sends a weekend stage on the Friday before, and only one reminder when two stages meet on that Friday', () => {
    // Due Sunday 29 March: due-1 (Sat) and due-0 (Sun) both fall to Friday 27; one message, the nearer stage.
    const due = action({ dueDate: '2026-03-29' });
    expect(remindersDue(due, '2026-03-27', noStale, [sent('due-7', '2026-03-29', '2026-03-20')]).map((r) => r.stage)).toEqual(['due-0']);
    expect(simulate(due, '2026-03-01', '2026-04-12', noStale, { weekdaysOnly: true })).toEqual([
      '2026-03-13 due-14',
      '2026-03-20 due-7',
      '2026-03-27 due-0',
      '2026-04-03 overdue-7',
      '2026-04-10 overdue-14',
    ]);
  });

  it('on a Friday also sends a stage whose day is the Saturday or Sunday after', () => {
    // Due Monday 30 March: due-1 is Sunday 29 → Friday 27.
    const due = action({ dueDate: '2026-03-30' });
    expect(simulate(due, '2026-03-01', '2026-03-31', noStale, { weekdaysOnly: true })).toEqual([
      '2026-03-16 due-14',
      '2026-03-23 due-7',
      '2026-03-27 due-1',
      '2026-03-30 due-0',
    ]);
  });

  it('after downtime sends only the most recent missed stage, once', () => {
    const due = action();
    expect(remindersDue(due, '2026-03-20', noStale, []).map((r) => ({ stage: r.stage, sendOn: r.sendOn }))).toEqual([
      { stage: 'due-7', sendOn: '2026-03-18' },
    ]);
    expect(simulate(due, '2026-03-20', '2026-03-23')).toEqual(['2026-03-20 due-7']);
    // Down from 10 March to 8 April: one overdue reminder on return, not five catch-ups.
    expect(simulate(due, '2026-04-09', '2026-04-14')).toEqual(['2026-04-09 overdue-14']);
  });

  it('does not repeat a stage already in the ledger, sent or being sent', () => {
    const pending: ReminderSent = { ...sent('due-7', '2026-03-25', '2026-03-18'), state: 'pending' };
    expect(remindersDue(action(), '2026-03-18', noStale, [pending])).toEqual([]);
    expect(remindersDue(action(), '2026-03-19', noStale, [sent('due-7', '2026-03-25', '2026-03-18')])).toEqual([]);
  });

  it('ignores ledger entries of other actions', () => {
    expect(remindersDue(action(), '2026-03-18', noStale, [sent('due-7', '2026-03-25', '2026-03-18', 'other')]).map((r) => r.stage)).toEqual(
      ['due-7'],
    );
  });

  it('starts a fresh cycle when the due date changes', () => {
    const ledger = [sent('due-14', '2026-03-25', '2026-03-11'), sent('due-7', '2026-03-25', '2026-03-18')];
    const moved = action({ dueDate: '2026-04-01' });
    const due = remindersDue(moved, '2026-03-25', noStale, ledger);
    expect(due).toEqual([expect.objectContaining({ stage: 'due-7', dueDate: '2026-04-01' })]);
  });

  it('sends nothing before the first offset', () => {
    expect(remindersDue(action(), '2026-03-10', noStale, [])).toEqual([]);
  });
});

describe('complete and undated actions', () => {
  it('sends nothing for a complete action, however overdue or quiet', () => {
    const done = action({ status: 'Complete', rag: 'Blue', dueDate: '2026-01-10', updatedAt: '2025-06-01T10:00:00Z' });
    expect(remindersDue(done, '2026-03-18', config, [])).toEqual([]);
  });

  it('gives an undated action only stale nudges', () => {
    const undated = action({ dueDate: null, status: 'Ongoing', updatedAt: '2026-01-01T10:00:00Z' });
    expect(simulate(undated, '2026-01-01', '2026-03-31', config)).toEqual(['2026-01-30 stale-2026-01-01']);
  });
});

describe('stale nudges', () => {
  const quiet = action({ dueDate: null, updatedAt: '2026-02-01T10:00:00Z' });

  it('nudges once when there has been no update for STALE_AFTER_DAYS', () => {
    expect(remindersDue(quiet, '2026-03-02', config, [])).toEqual([]);
    expect(remindersDue(quiet, '2026-03-03', config, [])).toEqual([
      expect.objectContaining({ stage: 'stale-2026-02-01', kind: 'stale', dueDate: '' }),
    ]);
    expect(simulate(quiet, '2026-03-01', '2026-04-30', config)).toEqual(['2026-03-03 stale-2026-02-01']);
  });

  it('counts from the latest progress update, and a new update starts a new quiet spell', () => {
    const updated = action({
      dueDate: null,
      updatedAt: '2026-03-10T10:00:00Z',
      latestUpdate: { text: 'Going well', authorName: 'Priya Shah', submittedAt: '2026-03-10T10:00:00Z' },
    });
    const ledger = [sent('stale-2026-02-01', '', '2026-03-03')];
    expect(remindersDue(updated, '2026-04-08', config, ledger)).toEqual([]);
    expect(remindersDue(updated, '2026-04-09', config, ledger).map((r) => r.stage)).toEqual(['stale-2026-03-10']);
  });

  it('moves a weekend nudge to the Friday before', () => {
    // Last update Thursday 5 Feb; 30 days later is Saturday 7 March.
    const a = action({ dueDate: null, updatedAt: '2026-02-05T10:00:00Z' });
    expect(simulate(a, '2026-03-01', '2026-03-31', config, { weekdaysOnly: true })).toEqual(['2026-03-06 stale-2026-02-05']);
  });

  it('waits a day when a deadline reminder goes the same day', () => {
    const dated = action({ dueDate: '2026-03-10', updatedAt: '2026-02-01T10:00:00Z' });
    expect(remindersDue(dated, '2026-03-03', config, []).map((r) => r.stage)).toEqual(['due-7']);
    const afterDue7 = [sent('due-14', '2026-03-10', '2026-02-24'), sent('due-7', '2026-03-10', '2026-03-03')];
    expect(remindersDue(dated, '2026-03-03', config, afterDue7)).toEqual([]);
    expect(remindersDue(dated, '2026-03-04', config, afterDue7).map((r) => r.stage)).toEqual(['stale-2026-02-01']);
  });

  it('reads the last update as a date in the organisation’s time zone', () => {
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time).
    expect(lastActivityDate({ latestUpdate: null, updatedAt: '2026-03-31T23:30:00Z' }, 'Europe/London')).toBe('2026-04-01');
  });
});

describe('deadlineSchedule', () => {
  it('lists every stage with its weekend-adjusted day up to a date', () => {
    const schedule = deadlineSchedule('2026-03-29', [14, 7, 1, 0], '2026-04-06', new Set());
    expect(schedule.map((s) => `${s.stage} ${s.day} ${s.sendOn}`)).toEqual([
      'due-14 2026-03-15 2026-03-13',
      'due-7 2026-03-22 2026-03-20',
      'due-1 2026-03-28 2026-03-27',
      'due-0 2026-03-29 2026-03-27',
      'overdue-7 2026-04-05 2026-04-03',
    ]);
  });
});
