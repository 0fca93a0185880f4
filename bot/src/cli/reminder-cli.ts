import { IMPLICIT_ORG_ID, type Organisation } from '../domain/organisation.js';
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { cycleLeaseFromConfig } from '../azure/azure-storage.js';
import { fixedClock, systemTimer, type Clock } from '../domain/clock.js';
import type { CycleHold, CycleLease } from '../reminders/cycle-lease.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeReport, type RunReport } from '../reminders/run-report.js';
import { PlanService } from '../service/plan-service.js';
import type { PlanStore } from '../store/plan-store.js';
import { createTeamsBot } from '../teams/bot-app.js';
import { createTeamsNotifier, type TeamsNotifier } from '../teams/proactive-sender.js';
import type { CliContext } from './context.js';

/** `--now` for `wres remind` and `wres digest`. */
const NOW_OPTION = [
  '--now <iso>',
  'run as if the clock read this ISO date-time (e.g. 2026-03-18T09:00); without an offset it is read in TIMEZONE',
] as const;

/**
 * The clock for one run: `--now` read as ISO 8601 (a local time without an
 * offset is in `timeZone`), else the CLI's clock. Bad text is bad input (exit 2).
 */
function clockFor(now: string | undefined, timeZone: string, fallback: Clock): Clock {
  if (now === undefined) return fallback;
  const at = DateTime.fromISO(now.trim(), { zone: timeZone, setZone: true });
  if (!at.isValid) throw new AppError('bad_input', `--now "${now}" is not an ISO date-time; try 2026-03-18T09:00 or 2026-03-18T09:00:00Z.`);
  return fixedClock(at.toUTC().toISO());
}

/** Warnings and errors go to stderr as plain sentences; routine progress stays quiet. */
function cliLogger(ctx: CliContext): Logger {
  return {
    info: () => undefined,
    warn: (message) => ctx.err(message),
    error: (message) => ctx.err(message),
  };
}

/**
 * The Teams notifier built the way the server builds it (same bot
 * registration and pacing). A registered organisation's cards carry its id
 * and name, as the server's do, so answers to them act in that organisation.
 */
export function cliNotifier(run: RunContext): TeamsNotifier {
  const { config, store, clock, logger, organisation } = run;
  const bot = createTeamsBot(config, { store, service: new PlanService(store, clock), clock, logger });
  const notifier = createTeamsNotifier(config, bot, logger);
  return organisation.id === IMPLICIT_ORG_ID ? notifier : notifier.forOrganisation(organisation, config.TIMEZONE);
}

/** Prints the report (sentences, or JSON) and sets the exit code: 1 when anything failed. */
function printReport(ctx: CliContext, report: RunReport, json: boolean | undefined): void {
  if (json) ctx.out(JSON.stringify(report, null, 2));
  else for (const line of describeReport(report)) ctx.out(line);
  if (report.failed.length || report.notRun?.length) ctx.exitCode = 1;
}

/** What a run command works with: the CLI's config and store, the run's clock (from `--now`) and the stderr logger. */
export interface RunContext {
  /** The organisation the command runs for (`--org`; the implicit one when none is registered). */
  organisation: Organisation;
  config: Config;
  store: PlanStore;
  clock: Clock;
  logger: Logger;
  /** The cycle lease this run holds (several instances share a storage account); stop sending once it is lost. */
  hold: CycleHold;
}

/**
 * Runs `job` holding the cycle lease, as the scheduler does: while another
 * instance holds the cycle, says so and waits (asking again once a lease
 * that was not renewed would have lapsed), then runs.
 */
async function underCycleLease(
  ctx: CliContext,
  lease: CycleLease,
  cycle: string,
  job: (hold: CycleHold) => Promise<RunReport>,
): Promise<RunReport> {
  for (;;) {
    const r = await lease.run(cycle, job);
    if (r.ran) return r.value;
    ctx.err(`Another instance is running the ${cycle} cycle: waiting for it to finish, or to stop renewing its lease.`);
    await systemTimer.sleep(lease.retryAfterMs);
  }
}

/**
 * Registers a run command such as `wres remind`: `--now` and `--json` options;
 * its action builds the RunContext, awaits `run` and prints the report
 * (exit 1 when a send failed, 2 for bad input).
 */
export function registerRunCommand(
  program: Command,
  ctx: CliContext,
  command: { name: string; cycle: 'reminders' | 'digest'; description: string; run: (run: RunContext) => Promise<RunReport> },
): void {
  program
    .command(command.name)
    .description(command.description)
    .option(...NOW_OPTION)
    .option('--json', 'print the run report as JSON')
    .action(async (flags: { now?: string; json?: boolean }) => {
      const config = ctx.config();
      const clock = clockFor(flags.now, config.TIMEZONE, ctx.clock);
      const store = await ctx.store();
      const logger = cliLogger(ctx);
      const report = await underCycleLease(ctx, cycleLeaseFromConfig(config, logger), command.cycle, (hold) =>
        command.run({ organisation: ctx.organisation(), config, store, clock, logger, hold }),
      );
      printReport(ctx, report, flags.json);
    });
}
