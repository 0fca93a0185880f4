import type { Command } from 'commander';
import { runDigest } from '../../reminders/digest-job.js';
import type { CliContext } from '../context.js';
import { cliNotifier, registerRunCommand } from '../reminder-cli.js';

/**
 * `wres digest [--now ISO] [--json]`: sends this week's digest to every E&D
 * lead (ED_LEADS) who has not had it yet, and says who got it and who could
 * not be reached. Exit 0 when nothing failed, 1 when a send failed, 2 for bad input.
 */
export function register(program: Command, ctx: CliContext): void {
  registerRunCommand(program, ctx, {
    name: 'digest',
    cycle: 'digest',
    description:
      "Send this week's digest of overdue and quiet actions to the E&D leads in Teams (once per lead per week), and say who got it.",
    run: (run) => {
      const { config, store, clock, logger } = run;
      const roles = ctx.roles();
      if (roles.demoLeads) ctx.err('ED_LEADS is empty: sending to the demo E&D leads (development only).');
      else if (config.ED_LEADS.length === 0) ctx.err('No E&D leads are configured: set ED_LEADS to their emails to send the digest.');
      return runDigest({ store, notifier: cliNotifier(run), clock, config, roles, logger });
    },
  });
}
