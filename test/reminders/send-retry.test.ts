import { describe, expect, it } from 'vitest';
import { RetryPolicy } from '../../bot/src/retry.js';
import { DEFAULT_SEND_BUDGET, classifySendFailure, exhaustedReason } from '../../bot/src/teams/send-retry.js';
import { SkippingTimer } from './virtual-timer.js';

const half = () => 0.5;

describe('classifySendFailure', () => {
  it.each([412, 429, 500, 502, 503, 504, undefined])('retries %s', (status) => {
    expect(classifySendFailure({ ...(status ? { status } : {}), message: 'x' })).toEqual({ kind: 'retry' });
  });

  it.each([400, 401, 413])('never retries %s', (status) => {
    expect(classifySendFailure({ status, message: 'x' }).kind).toBe('give-up');
  });

  it.each([
    ['BotNotInConversationRoster', 'the app is not installed for this person (removed or never added)'],
    ['ConversationBlockedByUser', 'this person has blocked the app in Teams'],
    ['BotDisabledByAdmin', 'a Teams administrator has disabled the app'],
  ])('treats 403 %s as unreachable', (code, reason) => {
    expect(classifySendFailure({ status: 403, code, message: 'x' })).toEqual({ kind: 'unreachable', reason });
  });

  it('treats 404 as unreachable and never retries it', () => {
    expect(classifySendFailure({ status: 404, message: 'x' }).kind).toBe('unreachable');
  });
});

describe('the send budget under the shared retry policy', () => {
  it('waits at least as long as a 429 asks, with some jitter', () => {
    const policy = new RetryPolicy(DEFAULT_SEND_BUDGET, new SkippingTimer(), half);
    expect(policy.delayMs(1, '2')).toBe(2200);
    expect(new RetryPolicy(DEFAULT_SEND_BUDGET, new SkippingTimer(), () => 0).delayMs(1, '2')).toBe(2000);
  });

  it('backs off exponentially with jitter when no Retry-After is given', () => {
    const policy = new RetryPolicy(DEFAULT_SEND_BUDGET, new SkippingTimer(), half);
    expect([1, 2, 3].map((attempt) => policy.delayMs(attempt))).toEqual([375, 750, 1500]);
  });

  it('words a give-up for the run report', () => {
    const failure = { status: 503, code: 'ServiceUnavailable', message: 'busy' };
    expect(exhaustedReason(failure, 4, { reason: 'attempts' })).toBe('Teams answered HTTP 503 ServiceUnavailable (tried 4 times)');
    expect(exhaustedReason({ status: 429, message: 'x' }, 1, { reason: 'wait', waitMs: 660_000 })).toBe(
      'Teams answered HTTP 429; Teams asked to wait 660 s, left for the next run',
    );
  });
});
