import { describe, expect, it } from 'vitest';
import { RetryPolicy, backoffDelayMs, parseRetryAfter, type Attempt } from '../../bot/src/retry.js';
import { SkippingTimer } from '../reminders/virtual-timer.js';

const NOW = Date.parse('2026-03-18T09:00:00Z');
const budget = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, maxTotalWaitMs: 40_000 };

/** An operation that answers `answers` in turn (then succeeds), counting its calls. */
function scripted(answers: Attempt<string>[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    run: async (): Promise<Attempt<string>> => answers[calls++] ?? { done: 'ok' },
  };
}

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter('Wed, 18 Mar 2026 09:00:03 GMT', NOW)).toBe(3000);
    expect(parseRetryAfter('Wed, 18 Mar 2026 08:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base with equal jitter and stops growing at the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, 5000, () => 0))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect(backoffDelayMs(80, 1000, 5000, () => 1)).toBe(5000);
  });
});

describe('RetryPolicy', () => {
  it('waits what Retry-After asks (on the injected timer, never in real time) and then succeeds', async () => {
    const timer = new SkippingTimer(NOW);
    const op = scripted([
      { retry: '429', retryAfter: '3' },
      { retry: '503', retryAfter: 'Wed, 18 Mar 2026 09:00:05 GMT' },
    ]);
    const result = await new RetryPolicy(budget, timer, () => 0).run(op.run);
    expect(result).toEqual({ ok: true, value: 'ok', attempts: 3 });
    expect(timer.sleeps).toEqual([3000, 2000]);
  });

  it('stops after the attempt budget and returns the last answer with the reason', async () => {
    const timer = new SkippingTimer(NOW);
    const op = scripted(Array.from({ length: 10 }, (_, i) => ({ retry: `busy ${i + 1}` })));
    const result = await new RetryPolicy(budget, timer, () => 0).run(op.run);
    expect(result).toEqual({ ok: false, value: 'busy 4', attempts: 4, exhausted: { reason: 'attempts' } });
    expect(op.calls).toBe(4);
    expect(timer.sleeps).toEqual([500, 1000, 2000]);
  });

  it('does not wait at all when one wait would pass the longest single wait', async () => {
    const timer = new SkippingTimer(NOW);
    const op = scripted([{ retry: 'throttled', retryAfter: '120' }]);
    const result = await new RetryPolicy(budget, timer, () => 0).run(op.run);
    expect(result).toEqual({ ok: false, value: 'throttled', attempts: 1, exhausted: { reason: 'wait', waitMs: 120_000 } });
    expect(timer.sleeps).toEqual([]);
  });

  it('stops before the waits together would pass the total wait budget', async () => {
    const timer = new SkippingTimer(NOW);
    const op = scripted([
      { retry: 'a', retryAfter: '25' },
      { retry: 'b', retryAfter: '25' },
    ]);
    const result = await new RetryPolicy(budget, timer, () => 0).run(op.run);
    expect(result).toMatchObject({ ok: false, value: 'b', attempts: 2, exhausted: { reason: 'wait' } });
    expect(timer.sleeps).toEqual([25_000]);
  });

  it('spreads clients told the same Retry-After by up to a fifth more', async () => {
    const at = (r: number) => new RetryPolicy(budget, new SkippingTimer(NOW), () => r).delayMs(1, '10');
    expect([at(0), at(0.5), at(0.999)]).toEqual([10_000, 11_000, 11_998]);
  });

  it('tells the caller before each wait', async () => {
    const seen: string[] = [];
    const op = scripted([{ retry: 'x', retryAfter: '1' }]);
    await new RetryPolicy(budget, new SkippingTimer(NOW), () => 0).run(op.run, (e) => seen.push(`${e.value}@${e.attempt}:${e.delayMs}`));
    expect(seen).toEqual(['x@1:1000']);
  });
});
