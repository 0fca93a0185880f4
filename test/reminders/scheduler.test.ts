import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../bot/src/logger.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { emptyReport, type RunReport } from '../../bot/src/reminders/run-report.js';
import { JobRunner, startScheduler, weekdayPattern } from '../../bot/src/reminders/scheduler.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('weekdayPattern', () => {
  it('runs at REMINDER_TIME on working days in the organisation’s time zone, across the clock change', () => {
    expect(weekdayPattern('09:00')).toBe('0 9 * * 1-5');
    // Friday 27 March 2026 noon; British Summer Time starts on Sunday 29 March.
    const runs = new Cron(weekdayPattern('09:00'), { timezone: 'Europe/London', paused: true }).nextRuns(
      3,
      new Date('2026-03-27T12:00:00Z'),
    );
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-30T08:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-01T08:00:00.000Z']);
  });
});

describe('JobRunner', () => {
  it('never overlaps runs: the same job asked again is skipped, another job waits its turn', async () => {
    const logger = memoryLogger();
    const runner = new JobRunner(logger);
    const gate = deferred();
    const order: string[] = [];
    const slow = async (): Promise<RunReport> => {
      order.push('reminders start');
      await gate.promise;
      order.push('reminders end');
      return emptyReport('reminders', '2026-03-30');
    };
    const first = runner.run('reminders', slow);
    const again = runner.run('reminders', slow);
    const digest = runner.run('digest', async () => {
      order.push('digest');
      return emptyReport('digest', '2026-03-30');
    });
    expect(await again).toBeNull();
    gate.resolve();
    expect(await first).toEqual(emptyReport('reminders', '2026-03-30'));
    expect(await digest).toEqual(emptyReport('digest', '2026-03-30'));
    expect(order).toEqual(['reminders start', 'reminders end', 'digest']);
    expect(logger.lines.some((l) => l.message.includes('Skipped the reminders run'))).toBe(true);
  });

  it('logs a failed run and carries on with the next', async () => {
    const logger = memoryLogger();
    const runner = new JobRunner(logger);
    expect(await runner.run('reminders', () => Promise.reject(new Error('database is locked')))).toBeNull();
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: { error: 'Error: database is locked' } }));
    expect(await runner.run('reminders', async () => emptyReport('reminders', '2026-03-30'))).not.toBeNull();
  });
});

/** A one-shot timer that only fires when the test says so. */
function manualTimer() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    pending,
    setTimeout(fn: () => void, ms: number) {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(handle: unknown) {
      pending.delete(handle as number);
    },
    /** Fires every pending timer once. */
    fireAll() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, t] of due) t.fn();
    },
  };
}

const CONFIG = { REMINDER_TIME: '09:00', TIMEZONE: 'Europe/London', REMINDER_LEASE_MINUTES: 15 };

function report(job: RunReport['job'], extra: Partial<RunReport> = {}): RunReport {
  return { ...emptyReport(job, '2026-03-18'), ...extra };
}

const passingFailure = { subject: 'action 2.3', stage: 'due-7', who: 'Asha Patel', permanent: false, detail: 'Teams answered HTTP 503' };

describe('startScheduler', () => {
  it('schedules both jobs on the next working day and stops cleanly', async () => {
    const runs: string[] = [];
    const scheduler = startScheduler({
      config: CONFIG,
      logger: memoryLogger(),
      // A Sunday: nothing to catch up.
      clock: fixedClock('2026-03-22T12:00:00Z'),
      runReminders: async () => (runs.push('reminders'), emptyReport('reminders', 'x')),
      runDigest: async () => (runs.push('digest'), emptyReport('digest', 'x')),
    });
    const next = scheduler.nextRuns();
    expect([1, 2, 3, 4, 5]).toContain(next.reminders!.getUTCDay() === 0 ? 7 : next.reminders!.getUTCDay());
    expect(next.digest!.getTime() - next.reminders!.getTime()).toBe(60_000);
    await scheduler.stop();
    expect(runs).toEqual([]);
  });

  it.each([
    ['a working day after REMINDER_TIME (a restart after a crash)', '2026-03-18T09:20:00Z', ['reminders', 'digest']],
    ['a working day before REMINDER_TIME', '2026-03-18T07:30:00Z', []],
    ['a Saturday', '2026-03-21T10:00:00Z', []],
  ])('on start on %s, catches up today’s runs only when they are due', async (_, now, expected) => {
    const runs: string[] = [];
    const scheduler = startScheduler({
      config: CONFIG,
      logger: memoryLogger(),
      clock: fixedClock(now),
      timer: manualTimer(),
      runReminders: async () => (runs.push('reminders'), report('reminders')),
      runDigest: async () => (runs.push('digest'), report('digest')),
    });
    await scheduler.stop();
    expect(runs).toEqual(expected);
  });

  it('runs once more after the lease when a run left reminders owed, and not again after that', async () => {
    const timer = manualTimer();
    const logger = memoryLogger();
    let reminderRuns = 0;
    const scheduler = startScheduler({
      config: CONFIG,
      logger,
      clock: fixedClock('2026-03-18T09:20:00Z'),
      timer,
      runReminders: async () => (reminderRuns++, report('reminders', { failed: [passingFailure] })),
      runDigest: async () => report('digest', { failed: [{ ...passingFailure, permanent: true }] }),
    });
    await new Promise((resolve) => setImmediate(resolve));
    // Only the reminders left something a later run can deliver; a permanent refusal waits for a reinstall.
    expect([...timer.pending.values()].map((t) => t.ms)).toEqual([16 * 60_000]);
    expect(logger.lines.map((l) => l.message)).toContain('Some reminders are still owed: trying again in 16 minutes');

    timer.fireAll();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reminderRuns).toBe(2);
    expect(timer.pending.size).toBe(0);
    await scheduler.stop();
  });

  it('cancels a waiting follow-up run when stopped', async () => {
    const timer = manualTimer();
    const scheduler = startScheduler({
      config: CONFIG,
      logger: memoryLogger(),
      clock: fixedClock('2026-03-18T09:20:00Z'),
      timer,
      runReminders: async () =>
        report('reminders', { skipped: [{ ...passingFailure, reason: 'claimed-elsewhere', detail: 'another run holds it' }] }),
      runDigest: async () => report('digest'),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(timer.pending.size).toBe(1);
    await scheduler.stop();
    expect(timer.pending.size).toBe(0);
  });
});
