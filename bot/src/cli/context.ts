import type { Command } from 'commander';
import { configFor, loadConfig, type Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { parseOdsCode, type Organisation } from '../domain/organisation.js';
import { AppError } from '../errors.js';
import type { RoleDirectory } from '../service/roles.js';
import { implicitOrganisation, organisationRoles } from '../service/tenancy.js';
import { createRegistry, storeForOrganisation } from '../store/create-store.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import type { PlanStore } from '../store/plan-store.js';
import { listing } from './text.js';

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
 *
 * `config()`, `roles()` and `store()` are the chosen ORGANISATION's (the
 * global `--org CODE`, or the only one registered; the implicit organisation
 * when none is): a command that uses them works on one organisation's plan
 * and nothing else. When several are registered and `--org` is missing they
 * refuse, naming the codes.
 */
export interface CliContext {
  readonly clock: Clock;
  /** The chosen organisation's configuration: its settings over the deployment's (configFor). */
  config(): Config;
  /** The chosen organisation's roles, built the way the server builds them (organisationRoles). */
  roles(): RoleDirectory;
  /** The chosen organisation's store. */
  store(): Promise<PlanStore>;
  /** The chosen organisation (the implicit one when none is registered). */
  organisation(): Organisation;
  /** The deployment's configuration, as the environment gives it (for commands on the deployment itself). */
  deployment(): Config;
  /** The deployment's organisation registry. */
  registry(): OrganisationRegistry;
  /** Any organisation's store, opened (and closed by `main`); the implicit organisation's holds deployment-wide data (bank holidays). */
  storeOf(org: Organisation): Promise<PlanStore>;
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

/** The organisation a run works on, or why none could be chosen (raised only when a command needs one). */
type Choice = { org: Organisation } | { refusal: AppError };

/**
 * Chooses the organisation from the registry and `--org`: none registered,
 * the implicit one (`--org` then names nothing and is refused); one
 * registered, that one unless `--org` names another; several, `--org` must
 * name one of them.
 */
function chooseOrganisation(registered: readonly Organisation[], config: Config, code: string | undefined): Choice {
  const codes = listing(registered.map((o) => `${o.id} (${o.name})`));
  if (code === undefined) {
    if (registered.length === 0) return { org: implicitOrganisation(config) };
    if (registered.length === 1) return { org: registered[0]! };
    return {
      refusal: new AppError('bad_input', `Several organisations are registered: say which one with --org CODE. They are ${codes}.`),
    };
  }
  const id = parseOdsCode(code);
  const found = id === null ? undefined : registered.find((o) => o.id === id);
  if (found) return { org: found };
  if (registered.length === 0)
    throw new AppError(
      'bad_input',
      `--org ${code}: no organisation is registered, so leave out --org (or register it first with wres org add).`,
    );
  throw new AppError('bad_input', `--org ${code}: there is no such organisation. The registered ones are ${codes}.`);
}

/** Builds the context for one run of `main`; `close` releases every store it opened. */
export function createCliContext(
  env: Record<string, string | undefined>,
  clock: Clock,
  io: CliIo,
): CliContext & { choose(code: string | undefined): Promise<void>; close(): Promise<void> } {
  let deployment: Config | undefined;
  let registry: OrganisationRegistry | undefined;
  let choice: Choice | undefined;
  let roles: RoleDirectory | undefined;
  const stores = new Map<string, Promise<PlanStore>>();
  const chosen = (): Organisation => {
    if (!choice) return implicitOrganisation(ctx.deployment());
    if ('refusal' in choice) throw choice.refusal;
    return choice.org;
  };
  const ctx = {
    clock,
    exitCode: 0,
    deployment: () => (deployment ??= loadConfig(env)),
    registry: () => (registry ??= createRegistry(ctx.deployment())),
    organisation: chosen,
    config: () => configFor(ctx.deployment(), chosen()),
    roles: () => (roles ??= organisationRoles(ctx.config(), chosen())),
    storeOf: (org: Organisation) => {
      let store = stores.get(org.id);
      if (!store) {
        store = (async () => {
          const s = storeForOrganisation(ctx.deployment())(org);
          await s.init();
          return s;
        })();
        stores.set(org.id, store);
      }
      return store;
    },
    store: () => ctx.storeOf(chosen()),
    /** Reads the registry once, before the command runs (main's preAction hook). */
    async choose(code: string | undefined) {
      const registered = await ctx.registry().listOrganisations();
      choice = chooseOrganisation(registered, ctx.deployment(), code);
    },
    out: (line: string) => io.stdout(`${line}\n`),
    err: (line: string) => io.stderr(`${line}\n`),
    write: (chunk: string | Uint8Array) => io.stdout(chunk),
    async close() {
      for (const store of stores.values()) {
        const opened = await store.catch(() => undefined);
        await opened?.close();
      }
      const closable = registry as { close?: () => Promise<void> } | undefined;
      await closable?.close?.();
    },
  };
  return ctx;
}
