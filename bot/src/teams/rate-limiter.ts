import { systemTimer, type Timer } from '../domain/clock.js';

/** The limiter's time source (defined with the clock, shared with retries). */
export { type Timer };

/** A limit of `limit` operations in any sliding window of `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams' documented limits per bot per conversation: 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / hour. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** The per-app-per-tenant limit as a window: `perSecond` operations in any second. */
export function perSecond(perSecond: number): RateWindow[] {
  return [{ limit: perSecond, windowMs: 1_000 }];
}

export interface RateLimiterOptions {
  /** Windows every key (conversation) must stay under. */
  perKey: readonly RateWindow[];
  /** Windows all keys together must stay under (the app's tenant-wide budget). */
  global: readonly RateWindow[];
  timer?: Timer;
  /** Added to every window, for clock and network jitter between here and the server. */
  marginMs?: number;
  /**
   * Spread starts evenly under the global windows (one every windowMs / limit)
   * instead of bursting a whole window at once; bursts queue up at the server
   * and finish late. A start that came late may be made up within
   * `catchUpSlots` slots, so small delays do not add up. Default true.
   */
  smooth?: boolean;
  catchUpSlots?: number;
}

/** One operation: its start until it finishes, then its finish time. */
interface Entry {
  at: number;
  done: boolean;
}

/** How long to wait when a window is full of operations still in flight. */
const IN_FLIGHT_POLL_MS = 5;

/**
 * Paces operations under sliding-window limits, per key and overall. Call
 * `acquire(key)` before each operation and the returned `release()` when it
 * has finished. An operation counts from its start and, once finished, until
 * one window after its finish: the server saw it somewhere in between, so
 * the count here is never lower than the server's. `pause` holds a key (or
 * everything) after the server said "slow down" (429 Retry-After).
 * Single-process: instances do not share their budget.
 */
export class RateLimiter {
  private readonly timer: Timer;
  private readonly margin: number;
  private readonly globalLog: Entry[] = [];
  private readonly keyLogs = new Map<string, Entry[]>();
  private readonly pausedUntil = new Map<string, number>();
  private globalPausedUntil = 0;
  /** The smoothing schedule: the next slot's time (a GCRA "theoretical arrival time"). */
  private nextSlot = -Infinity;
  private readonly spacing: number;
  private readonly tolerance: number;
  private readonly horizon: number;

  constructor(private readonly options: RateLimiterOptions) {
    this.timer = options.timer ?? systemTimer;
    this.margin = options.marginMs ?? 10;
    this.horizon = Math.max(0, ...[...options.perKey, ...options.global].map((w) => w.windowMs)) + this.margin;
    this.spacing = options.smooth === false ? 0 : Math.max(0, ...options.global.map((w) => w.windowMs / w.limit));
    this.tolerance = this.spacing * (options.catchUpSlots ?? 3);
  }

  /** Waits until an operation on `key` fits every window, records it, and returns its `release`. */
  async acquire(key: string): Promise<() => void> {
    for (;;) {
      const now = this.timer.now();
      const log = this.keyLog(key, now);
      prune(this.globalLog, now - this.horizon);
      const wait = Math.max(
        this.waitFor(this.globalLog, this.options.global, now),
        this.waitFor(log, this.options.perKey, now),
        (this.pausedUntil.get(key) ?? 0) - now,
        this.globalPausedUntil - now,
        this.nextSlot - this.tolerance - now,
      );
      if (wait <= 0) {
        const entry: Entry = { at: now, done: false };
        this.nextSlot = Math.max(this.nextSlot, now) + this.spacing;
        this.globalLog.push(entry);
        log.push(entry);
        return () => {
          if (entry.done) return;
          entry.done = true;
          entry.at = this.timer.now();
        };
      }
      await this.timer.sleep(wait);
    }
  }

  /** Holds `key` (or, with null, every key) until `untilMs`; an earlier pause never shortens a later one. */
  pause(key: string | null, untilMs: number): void {
    if (key === null) this.globalPausedUntil = Math.max(this.globalPausedUntil, untilMs);
    else this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, untilMs));
  }

  /** Milliseconds until enough operations have left every full window; 0 when there is room. */
  private waitFor(log: readonly Entry[], windows: readonly RateWindow[], now: number): number {
    let wait = 0;
    for (const w of windows) {
      const span = w.windowMs + this.margin;
      const inWindow = log.filter((e) => !e.done || e.at > now - span);
      const mustLeave = inWindow.length - w.limit + 1;
      if (mustLeave <= 0) continue;
      const exits = inWindow
        .filter((e) => e.done)
        .map((e) => e.at + span)
        .sort((a, b) => a - b);
      wait = Math.max(wait, exits.length >= mustLeave ? exits[mustLeave - 1]! - now : IN_FLIGHT_POLL_MS);
    }
    return wait;
  }

  private keyLog(key: string, now: number): Entry[] {
    let log = this.keyLogs.get(key);
    if (!log) this.keyLogs.set(key, (log = []));
    prune(log, now - this.horizon);
    const paused = this.pausedUntil.get(key);
    if (paused !== undefined && paused <= now) this.pausedUntil.delete(key);
    return log;
  }
}

function prune(log: Entry[], before: number): void {
  let kept = 0;
  for (const e of log) if (!e.done || e.at > before) log[kept++] = e;
  log.length = kept;
}
