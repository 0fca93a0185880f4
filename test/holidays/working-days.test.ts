/**
 * Reminder working days skip the configured nation's bank holidays: the
 * policy takes the calendar as data.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../bot/src/domain/dates.js';
import { holidayDates, overlayByYear, type BankHolidayDivision } from '../../bot/src/domain/bank-holidays.js';
import type { ReminderSent } from '../../bot/src/domain/model.js';
import { remindersDue, type ReminderPolicyConfig } from '../../bot/src/domain/reminder-policy.js';
import { isWorkingDay, workingDayOnOrBefore } from '../../bot/src/domain/working-days.js';
import { shippedBankHolidays } from '../../bot/src/holidays/bank-holiday-calendar.js';
import { anAction } from '../teams/fixtures.js';

const holidaysIn = (division: BankHolidayDivision) => holidayDates(shippedBankHolidays(), division);
const policy = (division: BankHolidayDivision): ReminderPolicyConfig => ({
  offsetsDays: [14, 7, 1, 0],
  staleAfterDays: 365,
  timeZone: 'Europe/London',
  bankHolidays: holidaysIn(division),
});

/** Runs the policy on every working day from `from` to `to`, as the scheduler does, recording each send. */
function simulate(dueDate: string, from: string, to: string, cfg: ReminderPolicyConfig): { day: string; stage: string; sendOn: string }[] {
  const action = anAction({ id: 'a1', dueDate, latestUpdate: null, updatedAt: `${addDays(from, -1)}T10:00:00Z` });
  const ledger: ReminderSent[] = [];
  const sends = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!isWorkingDay(day, cfg.bankHolidays)) continue;
    for (const r of remindersDue(action, day, cfg, ledger)) {
      sends.push({ day, stage: r.stage, sendOn: r.sendOn });
      ledger.push({ actionId: 'a1', stage: r.stage, dueDate, recipient: 'x', state: 'sent', sentAt: `${day}T09:00:00Z`, attempts: 1 });
    }
  }
  return sends;
}

describe('working days with bank holidays', () => {
  it('a reminder due on Easter Monday goes on the Thursday before in England, on the day itself in Scotland', () => {
    const due = anAction({ dueDate: '2026-04-06', latestUpdate: null, updatedAt: '2026-03-01T10:00:00Z' });
    expect(remindersDue(due, '2026-04-02', policy('england-and-wales'), []).map((r) => r.stage)).toEqual(['due-0']);
    expect(remindersDue(due, '2026-04-02', policy('scotland'), []).map((r) => r.stage)).toEqual(['due-1']);
    expect(remindersDue(due, '2026-04-06', policy('scotland'), []).map((r) => r.stage)).toEqual(['due-0']);
    expect(workingDayOnOrBefore('2026-04-06', holidaysIn('england-and-wales'))).toBe('2026-04-02');
    expect(workingDayOnOrBefore('2026-04-06', holidaysIn('northern-ireland'))).toBe('2026-04-02');
    expect(workingDayOnOrBefore('2026-04-06', holidaysIn('scotland'))).toBe('2026-04-06');
  });

  it('moves England’s summer bank holiday (last Monday of August) but not Scotland’s (the first)', () => {
    expect(simulate('2026-08-31', '2026-08-10', '2026-09-01', policy('england-and-wales')).map((s) => `${s.day} ${s.stage}`)).toEqual([
      '2026-08-17 due-14',
      '2026-08-24 due-7',
      '2026-08-28 due-0',
    ]);
    expect(simulate('2026-08-31', '2026-08-10', '2026-09-01', policy('scotland')).map((s) => `${s.day} ${s.stage}`)).toEqual([
      '2026-08-17 due-14',
      '2026-08-24 due-7',
      '2026-08-28 due-1',
      '2026-08-31 due-0',
    ]);
    expect(workingDayOnOrBefore('2026-08-03', holidaysIn('scotland'))).toBe('2026-07-31');
    expect(workingDayOnOrBefore('2026-08-03', holidaysIn('england-and-wales'))).toBe('2026-08-03');
    expect(workingDayOnOrBefore('2026-03-17', holidaysIn('northern-ireland'))).toBe('2026-03-16');
    expect(workingDayOnOrBefore('2026-11-30', holidaysIn('scotland'))).toBe('2026-11-27');
  });

  it('goes back over Christmas with its substitute days: due Tuesday 28 December 2027 goes on Friday 24th', () => {
    expect(workingDayOnOrBefore('2027-12-28', holidaysIn('england-and-wales'))).toBe('2027-12-24');
    expect(workingDayOnOrBefore('2028-01-04', holidaysIn('scotland'))).toBe('2027-12-31');
  });

  it('sends every stage once, on the last working day on or before its day, whenever a stage falls on a bank holiday 2024–2028, in every nation', () => {
    const problems: string[] = [];
    for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
      const cfg = policy(division);
      // Due dates whose overdue-7, due-0, due-1, due-7 or due-14 day is a bank holiday, or the day after one.
      const dues = new Set([...cfg.bankHolidays].flatMap((h) => [-7, 0, 1, 2, 7, 14].map((d) => addDays(h, d))));
      for (const due of dues) {
        const sends = simulate(due, addDays(due, -21), addDays(due, 8), cfg);
        const stages = sends.map((s) => s.stage);
        if (new Set(stages).size !== stages.length) problems.push(`${division} ${due}: ${stages.join(', ')} (a stage twice)`);
        // The first overdue reminder always goes, however the holidays fall.
        if (!stages.includes('overdue-7')) problems.push(`${division} ${due}: no overdue-7 (${stages.join(', ')})`);
        for (const s of sends) {
          if (s.day !== s.sendOn || !isWorkingDay(s.day, cfg.bankHolidays)) problems.push(`${division} ${due}: ${s.stage} sent ${s.day}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('follows an imported calendar for the years it covers: an extra bank holiday moves the reminder', () => {
    const extra = overlayByYear(shippedBankHolidays(), [
      ...shippedBankHolidays().filter((h) => h.division === 'england-and-wales' && h.date.startsWith('2027-')),
      { division: 'england-and-wales', date: '2027-06-07', title: 'Extra bank holiday', notes: '' },
    ]);
    const cfg = { ...policy('england-and-wales'), bankHolidays: holidayDates(extra, 'england-and-wales') };
    expect(workingDayOnOrBefore('2027-06-07', cfg.bankHolidays)).toBe('2027-06-04');
    expect(workingDayOnOrBefore('2027-06-07', holidaysIn('england-and-wales'))).toBe('2027-06-07');
  });
});
