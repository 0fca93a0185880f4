import type { Command } from 'commander';
import { runDigest } from '../reminders/digest-job.js';
import { RoleDirectory } from '../service/roles.js';
import type { CliContext } from './context.js';
import { NOW_OPTION, clockFor, cliLogger, cliNotifier, printReport } from './reminder-cli.js';

/**
 * `wres digest [--now ISO] [--json]`: sends this week's digest to every E&D
 * lead (ED_LEADS) who has not had it yet, and says who got it and who could
 * not be reached. Exit 0 when nothing failed, 1 when a send failed, 2 for bad input.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('digest')
    .description(
      "Send this week's digest of overdue and quiet actions to the E&D leads in Teams (once per lead per week), and say who got it.",
    )
    .option(...NOW_OPTION)
    .option('--json', 'print the run report as JSON')
    .action(async (flags: { now?: string; json?: boolean }) => {
      const config = ctx.config();
      const clock = clockFor(flags.now, config.TIMEZONE, ctx.clock);
      const store = await ctx.store();
      const logger = cliLogger(ctx);
      if (config.ED_LEADS.length === 0) ctx.err('No E&D leads are configured: set ED_LEADS to their emails to send the digest.');
      const roles = new RoleDirectory({ edLeads: config.ED_LEADS, viewers: config.VIEWERS });
      const report = await runDigest({ store, notifier: cliNotifier(config, store, clock, logger), clock, config, roles, logger });
      printReport(ctx, report, flags.json);
    });
}
