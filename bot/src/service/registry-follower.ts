import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Tenancy } from './tenancy.js';

/** The repeating timer the follower runs on; injectable so tests need not wait. */
export interface RepeatTimer {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimer: RepeatTimer = {
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Keeps a running instance's organisations in step with the registry: every
 * `everySeconds` it asks the tenancy to `refresh()`, so an organisation added
 * with `wres org` or on another instance's admin page is served without a
 * restart. While the registry cannot be read the instance keeps serving what
 * it last read, says so once, and says when it can read it again.
 * `check` runs one check at once (what each tick runs); `stop` stops following.
 */
export function followRegistry(
  tenancy: Pick<Tenancy, 'refresh'>,
  deps: { everySeconds: number; logger: Logger; timer?: RepeatTimer },
): RegistryFollower {
  const timer = deps.timer ?? realTimer;
  let running = false;
  let failing = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      if (await tenancy.refresh()) deps.logger.info('The organisation registry changed: now serving the organisations it lists');
      if (failing) deps.logger.info('The organisation registry can be read again');
      failing = false;
    } catch (e) {
      if (!failing)
        deps.logger.warn('Could not read the organisation registry: serving the organisations read before', { error: describeError(e) });
      failing = true;
    } finally {
      running = false;
    }
  };
  if (deps.everySeconds <= 0) return { check, stop: () => {} };
  const handle = timer.setInterval(() => void check(), deps.everySeconds * 1000);
  return { check, stop: () => timer.clearInterval(handle) };
}

/** A running follower (`followRegistry`). */
export interface RegistryFollower {
  check(): Promise<void>;
  stop(): void;
}
