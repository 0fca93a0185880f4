import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../bot/src/logger.js';
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
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: { error: 'database is locked' } }));
    expect(await runner.run('reminders', async () => emptyReport('reminders', '2026-03-30'))).not.toBeNull();
  });
});

describe('startScheduler', () => {
  it('schedules both jobs on the next working day and stops cleanly', async () => {
    const scheduler = startScheduler({
      config: { REMINDER_TIME: '09:00', TIMEZONE: 'Europe/London' },
      logger: memoryLogger(),
      runReminders: async () => emptyReport('reminders', 'x'),
      runDigest: async () => emptyReport('digest', 'x'),
    });
    const next = scheduler.nextRuns();
    expect([1, 2, 3, 4, 5]).toContain(next.reminders!.getUTCDay() === 0 ? 7 : next.reminders!.getUTCDay());
    expect(next.digest!.getTime() - next.reminders!.getTime()).toBe(60_000);
    await scheduler.stop();
  });
});
