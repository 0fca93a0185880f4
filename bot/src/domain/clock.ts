/** The source of "now". Jobs and services take one so tests set the time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads `iso` (or is moved by `set`): for tests and `--now`. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`"${iso}" is not an ISO date-time`);
  return {
    now: () => new Date(at.getTime()),
    set(next: string) {
      at = new Date(next);
    },
  };
}

/** Time for waiting: pacing and retry back-off take one so tests move time instead of sleeping. */
export interface Timer {
  /** Milliseconds since the epoch (monotonic enough for pacing; Date.now() is fine). */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time. */
export const systemTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timeout);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timeout = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
