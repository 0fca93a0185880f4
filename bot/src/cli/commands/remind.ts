import type { Command } from 'commander';
import { proactiveInstallerFromConfig } from '../../install-from-config.js';
import { runReminders } from '../../reminders/reminder-job.js';
import type { CliContext } from '../context.js';
import { cliNotifier, registerRunCommand } from '../reminder-cli.js';

/**
 * `wres remind [--now ISO] [--json]`: one reminder run, as the scheduler does
 * each working morning, printing in words what was sent (and sent again after
 * an interrupted run), not sent and why, and what failed. Exit 0 when nothing
 * failed, 1 when a send failed, 2 for bad input.
 */
export function register(program: Command, ctx: CliContext): void {
  registerRunCommand(program, ctx, {
    name: 'remind',
    cycle: 'reminders',
    description:
      'Send the reminders due today to action owners in Teams (each goes once, however often this runs; one a killed run was sending goes again after REMINDER_LEASE_MINUTES), and say what was sent, what was not and why.',
    run: (run) => {
      const { config, store, clock, logger, hold } = run;
      const install = proactiveInstallerFromConfig(config, { store, clock, logger });
      return runReminders({
        store,
        notifier: cliNotifier(run),
        clock,
        config,
        logger,
        hold,
        ...(install ? { install } : {}),
      });
    },
  });
}
