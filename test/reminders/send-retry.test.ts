import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, decideRetry, parseRetryAfter } from '../../bot/src/teams/send-retry.js';

const NOW = Date.parse('2026-03-18T09:00:00Z');
const half = () => 0.5;

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter('Wed, 18 Mar 2026 09:00:03 GMT', NOW)).toBe(3000);
    expect(parseRetryAfter('Wed, 18 Mar 2026 08:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  it('waits at least as long as a 429 asks, with some jitter', () => {
    const d = decideRetry({ status: 429, message: 'Throttled', retryAfter: '2' }, 1, NOW, DEFAULT_RETRY, half);
    expect(d).toEqual({ kind: 'retry', delayMs: 2200, throttled: true });
    const none = decideRetry({ status: 429, message: 'Throttled', retryAfter: '2' }, 1, NOW, DEFAULT_RETRY, () => 0);
    expect(none).toEqual({ kind: 'retry', delayMs: 2000, throttled: true });
  });

  it.each([412, 500, 502, 503, 504, undefined])('backs off exponentially with jitter on %s', (status) => {
    const failure = { ...(status ? { status } : {}), message: 'x' };
    const delays = [1, 2, 3].map((attempt) => decideRetry(failure, attempt, NOW, DEFAULT_RETRY, half));
    expect(delays).toEqual([
      { kind: 'retry', delayMs: 375, throttled: false },
      { kind: 'retry', delayMs: 750, throttled: false },
      { kind: 'retry', delayMs: 1500, throttled: false },
    ]);
    expect(decideRetry(failure, 4, NOW, DEFAULT_RETRY, half).kind).toBe('give-up');
  });

  it.each([400, 401, 413])('never retries %s', (status) => {
    expect(decideRetry({ status, message: 'x' }, 1, NOW, DEFAULT_RETRY, half).kind).toBe('give-up');
  });

  it.each([
    ['BotNotInConversationRoster', 'the app is not installed for this person (removed or never added)'],
    ['ConversationBlockedByUser', 'this person has blocked the app in Teams'],
    ['BotDisabledByAdmin', 'a Teams administrator has disabled the app'],
  ])('treats 403 %s as unreachable', (code, reason) => {
    expect(decideRetry({ status: 403, code, message: 'x' }, 1, NOW, DEFAULT_RETRY, half)).toEqual({ kind: 'unreachable', reason });
  });

  it('treats 404 as unreachable and never retries it', () => {
    expect(decideRetry({ status: 404, message: 'x' }, 1, NOW, DEFAULT_RETRY, half).kind).toBe('unreachable');
  });

  it('leaves a very long Retry-After for the next run', () => {
    const d = decideRetry({ status: 429, message: 'x', retryAfter: '600' }, 1, NOW, DEFAULT_RETRY, half);
    expect(d.kind).toBe('give-up');
  });
});
