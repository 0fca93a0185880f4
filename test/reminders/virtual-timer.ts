import type { Timer } from '../../bot/src/teams/rate-limiter.js';

/**
 * A Timer whose time only moves when told: `sleep` parks the caller until
 * `run` advances the clock to its wake-up time. Lets pacing and backoff be
 * tested without waiting.
 */
export class VirtualTimer implements Timer {
  private t: number;
  private readonly sleepers: { wake: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.sleepers.push({ wake: this.t + Math.max(0, ms), resolve }));
  }

  /** Drives `work` to completion: whenever everyone is asleep, jumps to the earliest wake-up. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const tracked = work.finally(() => (settled = true));
    for (let i = 0; i < 100_000 && !settled; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled || this.sleepers.length === 0) continue;
      this.sleepers.sort((a, b) => a.wake - b.wake);
      this.t = Math.max(this.t, this.sleepers[0]!.wake);
      for (const s of this.sleepers.filter((x) => x.wake <= this.t)) {
        this.sleepers.splice(this.sleepers.indexOf(s), 1);
        s.resolve();
      }
    }
    return tracked;
  }
}

/** A Timer whose sleeps return at once and move time forward: for sequential code doing real I/O. */
export class SkippingTimer implements Timer {
  readonly sleeps: number[] = [];
  constructor(private t = Date.parse('2026-03-18T09:00:00Z')) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}
