import { Cron } from 'croner';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { localDate } from '../domain/dates.js';
import { bankHolidayDates } from '../holidays/bank-holiday-calendar.js';
import type { Logger } from '../logger.js';
import { rolesFromConfig, type RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';
import { implicitOnly, runDigestCycle, runReminderCycle, type CycleDeps, type CycleOrganisation } from './cycle.js';
import type { Notifier } from './notifier.js';
import type { ProactiveInstaller } from './proactive-install.js';
import { describeReport, emptyReport, type RunReport } from './run-report.js';
import { describeError } from '../errors.js';
import { singleInstance, type CycleHold, type CycleLease } from './cycle-lease.js';

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

  /** Runs `job` after any running one; resolves with its report, or null when skipped, failed or it ran nothing (null). */
  async run(name: string, job: () => Promise<RunReport | null>): Promise<RunReport | null> {
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

  private async runLogged(name: string, job: () => Promise<RunReport | null>): Promise<RunReport | null> {
    try {
      const report = await job();
      if (!report) return null;
      for (const line of describeReport(report).filter((l) => !l.startsWith('Sent '))) this.logger.info(line, { job: name });
      return report;
    } catch (e) {
      this.logger.error(`The ${name} run failed`, { error: describeError(e) });
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

/** One-shot timers, injectable so tests need not wait. */
export interface FollowUpTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimer: FollowUpTimer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** True when a run left something owed that a run after the lease could deliver: a passing failure, an organisation that could not run, another run's claim, an unfinished install. */
function needsFollowUp(report: RunReport): boolean {
  return (
    (report.notRun?.length ?? 0) > 0 ||
    report.failed.some((f) => !f.permanent) ||
    report.skipped.some((s) => s.reason === 'claimed-elsewhere' || s.reason === 'install-pending')
  );
}

/** True on a working day (Monday to Friday) in `timeZone` at or after REMINDER_TIME: that day's run is due or done. */
function runTimeHasPassed(now: Date, config: Pick<Config, 'REMINDER_TIME' | 'TIMEZONE'>): boolean {
  const local = DateTime.fromJSDate(now, { zone: config.TIMEZONE });
  return local.weekday <= 5 && local.toFormat('HH:mm') >= config.REMINDER_TIME;
}

/**
 * Schedules the reminder run at REMINDER_TIME in TIMEZONE on working days,
 * and the digest a minute later on the same days: the digest ledger lets each
 * lead have one a week, so it goes on Monday and a later day only catches up
 * after downtime. Started after that time on a working day (a restart, a
 * crash mid-run), it runs both at once to catch up. A run that left
 * reminders owed (a passing failure, or a claim another run holds) is
 * followed by one more run after REMINDER_LEASE_MINUTES, when a dead run's
 * claims have lapsed. Runs never overlap, in this process; the ledger keeps
 * other instances from sending twice. On a bank holiday (`bankHolidays`)
 * nothing runs: the next working day catches up, and the digest then goes
 * that day.
 */
export function startScheduler(deps: {
  config: Pick<Config, 'REMINDER_TIME' | 'TIMEZONE' | 'REMINDER_LEASE_MINUTES'>;
  logger: Logger;
  clock: Clock;
  runReminders: (hold: CycleHold) => Promise<RunReport>;
  runDigest: (hold: CycleHold) => Promise<RunReport>;
  /** Keeps each run to one instance at a time (several instances); default: this process alone. */
  lease?: CycleLease;
  /** The bank holidays in force (read at each run, so an import takes effect at once); none when absent. */
  bankHolidays?: () => Promise<ReadonlySet<string>>;
  timer?: FollowUpTimer;
}): Scheduler {
  const { config, logger } = deps;
  const timer = deps.timer ?? realTimer;
  const runner = new JobRunner(logger);
  const followUps = new Set<unknown>();
  const [hh, mm] = config.REMINDER_TIME.split(':').map(Number) as [number, number];
  const digestTime = `${String(mm === 59 ? (hh + 1) % 24 : hh).padStart(2, '0')}:${String((mm + 1) % 60).padStart(2, '0')}`;
  const options = { timezone: config.TIMEZONE, protect: true, catch: true };

  const lease = deps.lease ?? singleInstance;
  const later = (name: 'reminders' | 'digest', delayMs: number, followUp: boolean) => {
    const handle = timer.setTimeout(() => {
      followUps.delete(handle);
      void run(name, followUp);
    }, delayMs);
    followUps.add(handle);
  };

  /** The job under the cycle lease; null when another instance holds the cycle (this one asks again once a lapsed lease could be taken over). */
  const leased = async (name: 'reminders' | 'digest', followUp: boolean): Promise<RunReport | null> => {
    const job = name === 'reminders' ? deps.runReminders : deps.runDigest;
    const r = await lease.run(name, job);
    if (r.ran) return r.value;
    logger.info(
      `Another instance is running the ${name} cycle: asking again in ${Math.round(lease.retryAfterMs / 1000)} s, to take over if it stops`,
      {
        job: name,
      },
    );
    later(name, lease.retryAfterMs, followUp);
    return null;
  };

  const run = async (name: 'reminders' | 'digest', followUp: boolean): Promise<void> => {
    // Checked inside the runner's turn, so the catch-up runs keep their order.
    const report = await runner.run(name, async () => (await isBankHoliday(name)) ?? leased(name, followUp));
    if (followUp || !report || !needsFollowUp(report)) return;
    const delayMs = (config.REMINDER_LEASE_MINUTES + 1) * 60_000;
    logger.info(`Some ${name} are still owed: trying again in ${config.REMINDER_LEASE_MINUTES + 1} minutes`, { job: name });
    later(name, delayMs, true);
  };

  /** An empty report when today is a bank holiday (nothing is sent; the next working day catches up), else null. */
  const isBankHoliday = async (name: 'reminders' | 'digest'): Promise<RunReport | null> => {
    const today = localDate(deps.clock.now(), config.TIMEZONE);
    try {
      if (!(await deps.bankHolidays?.())?.has(today)) return null;
    } catch (e) {
      logger.warn('Could not read the bank holidays; running as on any working day', { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
    logger.info(`${today} is a bank holiday: the ${name} run waits for the next working day`, { job: name });
    return emptyReport(name, today);
  };

  const reminders = new Cron(weekdayPattern(config.REMINDER_TIME), { ...options, name: 'wres-reminders' }, () => run('reminders', false));
  const digest = new Cron(weekdayPattern(digestTime), { ...options, name: 'wres-digest' }, () => run('digest', false));
  logger.info('Reminder scheduler started', {
    reminders: reminders.nextRun()?.toISOString(),
    digest: digest.nextRun()?.toISOString(),
    timeZone: config.TIMEZONE,
  });
  if (runTimeHasPassed(deps.clock.now(), config)) {
    logger.info("Catching up today's reminder and digest runs (started after REMINDER_TIME)");
    void run('reminders', false);
    void run('digest', false);
  }
  return {
    nextRuns: () => ({ reminders: reminders.nextRun(), digest: digest.nextRun() }),
    async stop() {
      reminders.stop();
      digest.stop();
      for (const handle of followUps) timer.clearTimeout(handle);
      followUps.clear();
      await runner.idle();
    },
  };
}

/**
 * The server's schedule: reminder and digest runs through `notifier` on
 * working days (not BANK_HOLIDAYS) at REMINDER_TIME, E&D leads from the roles the composition
 * root built (rolesFromConfig when not given).
 */
export function scheduleJobs(deps: {
  store: PlanStore;
  notifier: Notifier;
  clock: Clock;
  config: Config;
  logger: Logger;
  roles?: RoleDirectory;
  timer?: FollowUpTimer;
  /** PROACTIVE_INSTALL: installs the app for owners not yet reachable, before their reminder. */
  install?: ProactiveInstaller;
  /** The cycle lease shared by several instances (cycleLeaseFromConfig); default: this process alone. */
  lease?: CycleLease;
}): Scheduler {
  // The one organisation of a single-organisation deployment, run by the same cycle scheduler as many.
  const only: CycleOrganisation = {
    label: null,
    store: deps.store,
    config: deps.config,
    roles: deps.roles ?? rolesFromConfig(deps.config),
    notifier: deps.notifier,
    ...(deps.install ? { install: deps.install } : {}),
  };
  return scheduleCycles({
    config: deps.config,
    clock: deps.clock,
    logger: deps.logger,
    organisations: () => [only],
    ...(deps.timer ? { timer: deps.timer } : {}),
    ...(deps.lease ? { lease: deps.lease } : {}),
  });
}

/**
 * The server's schedule across the tenancy's organisations: the reminder and
 * digest cycles (`runReminderCycle`, `runDigestCycle`) at REMINDER_TIME in
 * the deployment's TIMEZONE on working days, every organisation in the one
 * paced stream. With only the implicit organisation this is `scheduleJobs`
 * exactly (the deployment's bank holidays skip the whole run); with
 * registered organisations each one skips its own bank holidays.
 */
export function scheduleCycles(
  deps: Omit<CycleDeps, 'organisations'> & {
    /** The organisations, asked afresh for every run (the admin page may have added one since start-up). */
    organisations: () => readonly CycleOrganisation[];
    config: Config;
    timer?: FollowUpTimer;
    lease?: CycleLease;
  },
): Scheduler {
  const { config } = deps;
  const cycle = (): CycleDeps => ({
    organisations: deps.organisations(),
    clock: deps.clock,
    logger: deps.logger,
    sendConcurrency: config.SEND_CONCURRENCY,
  });
  return startScheduler({
    config,
    logger: deps.logger,
    clock: deps.clock,
    ...(deps.timer ? { timer: deps.timer } : {}),
    ...(deps.lease ? { lease: deps.lease } : {}),
    runReminders: (hold) => runReminderCycle({ ...cycle(), hold }),
    runDigest: () => runDigestCycle(cycle()),
    // Only the implicit organisation: its bank holidays skip the whole run, as they always did.
    bankHolidays: async () => {
      const only = implicitOnly({ organisations: deps.organisations() });
      return only ? bankHolidayDates(only.store, config.BANK_HOLIDAYS) : new Set<string>();
    },
  });
}
