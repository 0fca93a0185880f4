/**
 * Bank holidays in the real reminder run and scheduler, on SQLite and on
 * the SharePoint store through the local Graph stand-in: the nation
 * configured decides, and dates imported into the store are followed by
 * the next run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { BankHoliday } from '../../bot/src/domain/bank-holidays.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { emptyReport } from '../../bot/src/reminders/run-report.js';
import { startScheduler } from '../../bot/src/reminders/scheduler.js';
import { bankHolidayDates, shippedBankHolidays } from '../../bot/src/holidays/bank-holiday-calendar.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { makeImportedAction } from '../store/fixtures.js';
import { startRig, type StoreRig } from '../graph/harness.js';
import { ASHA, RecordingNotifier, TempPlan, conversationFor, testConfig } from '../reminders/harness.js';

interface Opened {
  store: PlanStore;
  close(): Promise<void>;
}

const stores: [string, () => Promise<Opened>][] = [
  [
    'SQLite',
    async () => {
      const plan = new TempPlan();
      return { store: await plan.open(), close: () => plan.cleanup() };
    },
  ],
  [
    'SharePoint (Graph stand-in)',
    async () => {
      const rig: StoreRig = await startRig();
      return { store: await rig.open(), close: () => rig.close() };
    },
  ],
];

describe.each(stores)('bank holidays in the reminder run on %s', (_, open) => {
  let opened: Opened;
  let store: PlanStore;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    await store.saveConversation(conversationFor(ASHA));
  });
  afterEach(() => opened.close());

  async function dueOn(dueDate: string) {
    await store.importActions([makeImportedAction({ ref: '2.3', planYear: '2026/27', owner: ASHA, dueDate })], '2026-03-01T09:00:00Z');
  }
  const run = (iso: string, env: Record<string, string> = {}) =>
    runReminders({ store, notifier, clock: fixedClock(iso), config: testConfig(env), logger: memoryLogger() });
  let notifier: RecordingNotifier;
  beforeEach(() => {
    notifier = new RecordingNotifier();
  });

  it('sends the reminder for an action due on Easter Monday on the Thursday before in England and Wales', async () => {
    await dueOn('2026-04-06');
    const report = await run('2026-04-02T08:00:00Z');
    expect(report.sent.map((s) => s.stage)).toEqual(['due-0']);
    expect(notifier.reminders.map((r) => r.context.stage)).toEqual(['due-0']);
  });

  it('sends it on Easter Monday itself in Scotland, where that is a working day', async () => {
    await dueOn('2026-04-06');
    expect((await run('2026-04-02T08:00:00Z', { BANK_HOLIDAYS: 'scotland' })).sent.map((s) => s.stage)).toEqual(['due-1']);
    expect((await run('2026-04-06T08:00:00Z', { BANK_HOLIDAYS: 'scotland' })).sent.map((s) => s.stage)).toEqual(['due-0']);
  });

  it('warns, in the run’s log, when the bank holidays of the coming fortnight are not known', async () => {
    const logger = memoryLogger();
    await runReminders({ store, notifier, clock: fixedClock('2028-12-20T09:00:00Z'), config: testConfig(), logger });
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'Bank holidays for 2029 are not known (BANK_HOLIDAYS=england-and-wales), so reminders then skip only weekends: import the latest https://www.gov.uk/bank-holidays.json with "wres holidays import FILE"',
    ]);
  });

  it('follows the dates imported into the store from the next run', async () => {
    await dueOn('2027-06-07');
    const extra: BankHoliday = { division: 'england-and-wales', date: '2027-06-07', title: 'Extra bank holiday', notes: '' };
    await store.replaceBankHolidays([
      ...shippedBankHolidays().filter((h) => h.division === 'england-and-wales' && h.date.startsWith('2027-')),
      extra,
    ]);
    expect((await bankHolidayDates(store, 'england-and-wales')).has('2027-06-07')).toBe(true);
    expect((await run('2027-06-04T08:00:00Z')).sent.map((s) => s.stage)).toEqual(['due-0']);
  });
});

describe('the scheduler on a bank holiday', () => {
  const CONFIG = { REMINDER_TIME: '09:00', TIMEZONE: 'Europe/London', REMINDER_LEASE_MINUTES: 15 };
  const start = (now: string, division: 'england-and-wales' | 'scotland', runs: string[]) => {
    const logger = memoryLogger();
    const holidays = new Set(
      shippedBankHolidays()
        .filter((h) => h.division === division)
        .map((h) => h.date),
    );
    const scheduler = startScheduler({
      config: CONFIG,
      logger,
      clock: fixedClock(now),
      timer: { setTimeout: () => 0, clearTimeout: () => undefined },
      runReminders: async () => (runs.push('reminders'), emptyReport('reminders', now.slice(0, 10))),
      runDigest: async () => (runs.push('digest'), emptyReport('digest', now.slice(0, 10))),
      bankHolidays: async () => holidays,
    });
    return { scheduler, logger };
  };

  it('sends nothing on Easter Monday in England and catches up on the Tuesday; runs as usual in Scotland', async () => {
    const runs: string[] = [];
    const easterMonday = start('2026-04-06T08:30:00Z', 'england-and-wales', runs);
    await easterMonday.scheduler.stop();
    expect(runs).toEqual([]);
    expect(easterMonday.logger.lines.map((l) => l.message)).toContain(
      '2026-04-06 is a bank holiday: the reminders run waits for the next working day',
    );

    const tuesday = start('2026-04-07T08:30:00Z', 'england-and-wales', runs);
    await tuesday.scheduler.stop();
    expect(runs).toEqual(['reminders', 'digest']);

    const scotland = start('2026-04-06T08:30:00Z', 'scotland', runs);
    await scotland.scheduler.stop();
    expect(runs).toEqual(['reminders', 'digest', 'reminders', 'digest']);
  });
});
