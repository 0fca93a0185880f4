import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { rolesFromConfig, type RoleDirectory } from '../service/roles.js';
import { createStore } from '../store/create-store.js';
import type { PlanStore } from '../store/plan-store.js';

/** Where the command line writes: stdout for results, stderr for problems and notes. */
export interface CliIo {
  stdout(chunk: string | Uint8Array): void;
  stderr(chunk: string): void;
}

/**
 * What every subcommand gets. Configuration and the store are opened on
 * first use (so `--help` needs neither) and closed by `main`. A command
 * reports bad input by throwing an `AppError('bad_input', …)` or by setting
 * `exitCode` to 2 after printing its own explanation.
 */
export interface CliContext {
  readonly clock: Clock;
  config(): Config;
  /** Roles from configuration, built once per run the way the server builds them (rolesFromConfig). */
  roles(): RoleDirectory;
  store(): Promise<PlanStore>;
  /** Prints a line on stdout. */
  out(line: string): void;
  /** Prints a line on stderr. */
  err(line: string): void;
  /** Writes raw output (e.g. a CSV file's text) on stdout. */
  write(chunk: string | Uint8Array): void;
  exitCode: number;
}

/** A subcommand module's entry: adds its command to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Builds the context for one run of `main`; `close` releases the store if it was opened. */
export function createCliContext(
  env: Record<string, string | undefined>,
  clock: Clock,
  io: CliIo,
): CliContext & { close(): Promise<void> } {
  let config: Config | undefined;
  let roles: RoleDirectory | undefined;
  let store: Promise<PlanStore> | undefined;
  const ctx = {
    clock,
    exitCode: 0,
    config: () => (config ??= loadConfig(env)),
    roles: () => (roles ??= rolesFromConfig(ctx.config())),
    store: () =>
      (store ??= (async () => {
        const s = await createStore(ctx.config());
        await s.init();
        return s;
      })()),
    out: (line: string) => io.stdout(`${line}\n`),
    err: (line: string) => io.stderr(`${line}\n`),
    write: (chunk: string | Uint8Array) => io.stdout(chunk),
    async close() {
      if (!store) return;
      const opened = await store.catch(() => undefined);
      await opened?.close();
    },
  };
  return ctx;
}
