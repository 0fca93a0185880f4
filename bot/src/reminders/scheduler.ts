import { Cron } from 'croner';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import { rolesFromConfig, type RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';
import { runDigest } from './digest-job.js';
import type { Notifier } from './notifier.js';
import { runReminders } from './reminder-job.js';
import { describeReport, type RunReport } from './run-report.js';

/** The cron pattern for REMINDER_TIME (`HH:MM`) on working days, Monday to Friday. */
export function weekdayPattern(reminderTime: string): string {
  const [hours, minutes] = reminderTime.split(':').map(Number);
  return `${minutes} ${hours} * * 1-5`;
}

/**
 * Runs jobs one at a time, in the order asked. A job asked for while the
 * same job is already running or waiting is skipped (the next run, and the
 * ledger, catch up), so runs never overlap or pile up.
 */
export class JobRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Runs `job` after any running one; resolves with its report, or null when skipped or failed. */
  async run(name: string, job: () => Promise<RunReport>): Promise<RunReport | null> {
    if (this.pending.has(name)) {
      this.logger.warn(`Skipped the ${name} run: the previous one has not finished`);
      return null;
    }
    this.pending.add(name);
    const result = this.tail.then(() => this.runLogged(name, job));
    this.tail = result;
    try {
      return await result;
    } finally {
      this.pending.delete(name);
    }
  }

  /** Resolves once every started job has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private async runLogged(name: string, job: () => Promise<RunReport>): Promise<RunReport | null> {
    try {
      const report = await job();
      for (const line of describeReport(report).filter((l) => !l.startsWith('Sent '))) this.logger.info(line, { job: name });
      return report;
    } catch (e) {
      this.logger.error(`The ${name} run failed`, { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }
}

export interface Scheduler {
  /** When each job runs next. */
  nextRuns(): { reminders: Date | null; digest: Date | null };
  /** Stops the timers and waits for a running job to finish. */
  stop(): Promise<void>;
}

/**
 * Schedules the reminder run at REMINDER_TIME in TIMEZONE on working days,
 * and the digest a minute later on the same days: the digest ledger lets each
 * lead have one a week, so it goes on Monday and a later day only catches up
 * after downtime. Runs never overlap, in this process; the ledger keeps
 * other instances from sending twice.
 */
export function startScheduler(deps: {
  config: Pick<Config, 'REMINDER_TIME' | 'TIMEZONE'>;
  logger: Logger;
  runReminders: () => Promise<RunReport>;
  runDigest: () => Promise<RunReport>;
}): Scheduler {
  const { config, logger } = deps;
  const runner = new JobRunner(logger);
  const [hh, mm] = config.REMINDER_TIME.split(':').map(Number) as [number, number];
  const digestTime = `${String(mm === 59 ? (hh + 1) % 24 : hh).padStart(2, '0')}:${String((mm + 1) % 60).padStart(2, '0')}`;
  const options = { timezone: config.TIMEZONE, protect: true, catch: true };
  const reminders = new Cron(weekdayPattern(config.REMINDER_TIME), { ...options, name: 'wres-reminders' }, async () => {
    await runner.run('reminders', deps.runReminders);
  });
  const digest = new Cron(weekdayPattern(digestTime), { ...options, name: 'wres-digest' }, async () => {
    await runner.run('digest', deps.runDigest);
  });
  logger.info('Reminder scheduler started', {
    reminders: reminders.nextRun()?.toISOString(),
    digest: digest.nextRun()?.toISOString(),
    timeZone: config.TIMEZONE,
  });
  return {
    nextRuns: () => ({ reminders: reminders.nextRun(), digest: digest.nextRun() }),
    async stop() {
      reminders.stop();
      digest.stop();
      await runner.idle();
    },
  };
}

/**
 * The server's schedule: reminder and digest runs through `notifier` on
 * working days at REMINDER_TIME, E&D leads from the roles the composition
 * root built (rolesFromConfig when not given).
 */
export function scheduleJobs(deps: {
  store: PlanStore;
  notifier: Notifier;
  clock: Clock;
  config: Config;
  logger: Logger;
  roles?: RoleDirectory;
}): Scheduler {
  const { config } = deps;
  const roles = deps.roles ?? rolesFromConfig(config);
  return startScheduler({
    config,
    logger: deps.logger,
    runReminders: () => runReminders(deps),
    runDigest: () => runDigest({ ...deps, roles }),
  });
}
