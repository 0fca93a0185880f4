import type { Timer } from './domain/clock.js';

/**
 * The one retry loop of the app, shared by Graph requests (whole requests and
 * each step of a `$batch`) and Teams proactive sends. Pure apart from the
 * injected Timer: which answers are worth repeating is decided by the caller
 * (Graph and Teams classify their own statuses); how long to wait and when to
 * stop is decided here.
 */

/** How far one operation may go in retrying. */
export interface RetryBudget {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First back-off step when the server gave no Retry-After; it doubles with each attempt. */
  baseDelayMs: number;
  /** The longest single wait; asked to wait longer, the operation stops and is left for later. */
  maxDelayMs: number;
  /** The most waiting in all across the operation's retries. */
  maxTotalWaitMs: number;
}

/** What one attempt came to: finished (a success, or a failure not worth repeating), or worth another go. */
export type Attempt<D, R = D> = { done: D } | { retry: R; retryAfter?: string | undefined };

/** Why the loop stopped while the last attempt still asked for another go. */
export type Exhausted = { reason: 'attempts' } | { reason: 'wait'; waitMs: number };

/** The end of the loop: the finished value, or the last retryable one and why no more were made. */
export type RetryResult<D, R = D> =
  { ok: true; value: D; attempts: number } | { ok: false; value: R; attempts: number; exhausted: Exhausted };

/** Told before each wait: the retryable value, which attempt produced it and how long the loop will wait. */
export interface RetryEvent<R> {
  value: R;
  attempt: number;
  delayMs: number;
}

/** Extra wait on top of a Retry-After: up to 20 % (at least 50 ms), so clients told the same time do not return in step. */
const RETRY_AFTER_SPREAD = 0.2;
const MIN_SPREAD_MS = 50;

/**
 * Runs operations under one `RetryBudget`: Retry-After first (plus a little
 * jitter), else jittered exponential back-off; stops at the attempt budget,
 * or without waiting when a wait would pass the longest single wait or the
 * total wait budget. All waiting goes through the Timer.
 */
export class RetryPolicy {
  constructor(
    readonly budget: RetryBudget,
    private readonly timer: Timer,
    private readonly random: () => number = Math.random,
  ) {}

  /** Calls `attempt(1)`, `attempt(2)`, … until one is done or the budget is spent. Never throws itself. */
  async run<D, R = D>(attempt: (n: number) => Promise<Attempt<D, R>>, onRetry?: (e: RetryEvent<R>) => void): Promise<RetryResult<D, R>> {
    let waited = 0;
    for (let n = 1; ; n++) {
      const outcome = await attempt(n);
      if ('done' in outcome) return { ok: true, value: outcome.done, attempts: n };
      if (n >= this.budget.maxAttempts) return { ok: false, value: outcome.retry, attempts: n, exhausted: { reason: 'attempts' } };
      const delayMs = this.delayMs(n, outcome.retryAfter);
      if (delayMs > this.budget.maxDelayMs || waited + delayMs > this.budget.maxTotalWaitMs) {
        return { ok: false, value: outcome.retry, attempts: n, exhausted: { reason: 'wait', waitMs: delayMs } };
      }
      onRetry?.({ value: outcome.retry, attempt: n, delayMs });
      waited += delayMs;
      await this.timer.sleep(delayMs);
    }
  }

  /** The wait after failed attempt `attempt` (1 for the first): what Retry-After asks, else back-off. */
  delayMs(attempt: number, retryAfter?: string): number {
    const asked = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, this.timer.now());
    if (asked !== undefined) return asked + Math.round(this.random() * Math.max(asked * RETRY_AFTER_SPREAD, MIN_SPREAD_MS));
    return backoffDelayMs(attempt, this.budget.baseDelayMs, Infinity, this.random);
  }
}

/**
 * Exponential back-off with "equal jitter": step `base × 2^(attempt−1)`
 * capped at `maxMs`, then a wait between half the step and the whole step.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retry-After as milliseconds from `nowMs`: delta seconds (`"2"`, `"0.5"`) or an HTTP date; undefined when unreadable. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
