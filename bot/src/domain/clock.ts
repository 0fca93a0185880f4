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
