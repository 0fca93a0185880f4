import { Command, CommanderError } from 'commander';
import dotenv from 'dotenv';
import { systemClock, type Clock } from '../domain/clock.js';
import { isAppError } from '../errors.js';
import { createCliContext, type CliIo, type RegisterCommand } from './context.js';
import { register as registerExport } from './commands/export-command.js';
import { register as registerImport } from './commands/import-command.js';
import { register as registerStatus } from './commands/status-command.js';
import { register as registerRemind } from './commands/remind.js';
import { register as registerDigest } from './commands/digest.js';
import { register as registerProvision } from './commands/provision.js';
import { register as registerFigures } from './commands/figures.js';
import { register as registerHolidays } from './commands/holidays.js';
import { register as registerCarryOver } from './commands/carry-over-command.js';
import { register as registerOrg } from './commands/org-command.js';
import { register as registerGroup } from './commands/group-command.js';
import { register as registerRollup } from './commands/rollup-command.js';

/** Subcommands, each in its own file exporting `register(program, ctx)`. Add new ones here. */
const COMMANDS: RegisterCommand[] = [
  registerImport,
  registerExport,
  registerStatus,
  registerRemind,
  registerDigest,
  registerProvision,
  registerFigures,
  registerHolidays,
  registerCarryOver,
  registerOrg,
  registerGroup,
  registerRollup,
];

/** Test seams: where output goes and what time it is. */
export interface MainOptions {
  io?: CliIo;
  clock?: Clock;
}

const processIo: CliIo = {
  stdout: (chunk) => void process.stdout.write(chunk),
  stderr: (chunk) => void process.stderr.write(chunk),
};

/**
 * The `wres` command line. Returns the exit code: 0 done, 1 failed, 2 bad
 * usage or bad input. Reads configuration only through `loadConfig(env)`;
 * with the real environment a `.env` file is loaded first.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  options: MainOptions = {},
): Promise<number> {
  if (env === process.env) dotenv.config({ quiet: true });
  const io = options.io ?? processIo;
  const ctx = createCliContext(env, options.clock ?? systemClock, io);
  const program = new Command('wres')
    .description('WRES Action Tracker: import, export and check the WRES action plan.')
    .showHelpAfterError('(run "wres --help" to see what each command does)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .option('--org <code>', 'the organisation (ODS code) whose plan a command works on, when several are registered')
    .exitOverride();
  // Once, for every command: the organisation is chosen before it runs (config, roles and store are then that organisation's).
  program.hook('preAction', () => ctx.choose(program.opts<{ org?: string }>().org));
  for (const register of COMMANDS) register(program, ctx);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return reportFailure(e, ctx.err);
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

function reportFailure(e: unknown, err: (line: string) => void): number {
  if (e instanceof CommanderError) {
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (isAppError(e)) {
    err(e.message);
    return e.code === 'bad_input' || e.code === 'config' ? 2 : 1;
  }
  err(`Something went wrong: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}
