/**
 * What to do after a failed send to the Bot Connector, from Teams' guidance:
 * retry 429 (honouring Retry-After), 412, 500, 502, 503, 504 and network
 * errors with jittered backoff; never retry 400, 401, 403, 404 or 413; a 403
 * (app uninstalled, BotNotInConversationRoster, ConversationBlockedByUser,
 * BotDisabledByAdmin) or a 404 (conversation gone) means the user cannot be
 * reached through this conversation. Pure: no SDK, no clock of its own.
 */

/** The facts of one failed attempt, read from the SDK's error. */
export interface SendFailure {
  /** HTTP status, or undefined for a network error or timeout. */
  status?: number;
  /** The service's error code, e.g. `BotNotInConversationRoster`. */
  code?: string;
  message: string;
  /** The raw Retry-After header: delta seconds or an HTTP date. */
  retryAfter?: string;
}

export type RetryDecision =
  | { kind: 'retry'; delayMs: number; throttled: boolean }
  /** The user cannot be reached through this conversation: mark unreachable, do not retry. */
  | { kind: 'unreachable'; reason: string }
  /** Give up for this run; the next run may try again. */
  | { kind: 'give-up'; reason: string };

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff step for errors without Retry-After; doubles each attempt. */
  baseDelayMs: number;
  /** Longest wait this run accepts; a longer Retry-After gives up until the next run. */
  maxDelayMs: number;
}

/** Defaults: four attempts, 0.5 s doubling backoff, at most a minute's wait. */
export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000 };

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

const UNREACHABLE_WORDS: Record<string, string> = {
  BotNotInConversationRoster: 'the app is not installed for this person (removed or never added)',
  ConversationBlockedByUser: 'this person has blocked the app in Teams',
  BotDisabledByAdmin: 'a Teams administrator has disabled the app',
};

/**
 * Decides after attempt number `attempt` (1 for the first) failed. `random`
 * returns [0, 1) and spreads retries so many senders do not retry in step.
 */
export function decideRetry(
  failure: SendFailure,
  attempt: number,
  nowMs: number,
  options: RetryOptions,
  random: () => number,
): RetryDecision {
  const { status } = failure;
  if (status === 403 || status === 404) return { kind: 'unreachable', reason: unreachableReason(failure) };
  const retryable = status === undefined || RETRYABLE.has(status);
  if (!retryable) return { kind: 'give-up', reason: describe(failure) };
  if (attempt >= options.maxAttempts) return { kind: 'give-up', reason: `${describe(failure)} (tried ${attempt} times)` };

  const asked = failure.retryAfter === undefined ? undefined : parseRetryAfter(failure.retryAfter, nowMs);
  let delayMs: number;
  if (asked !== undefined) {
    // Wait at least as long as asked, plus up to 20 % so throttled senders spread out.
    delayMs = asked + Math.round(random() * Math.max(asked * 0.2, 50));
  } else {
    const step = options.baseDelayMs * 2 ** (attempt - 1);
    delayMs = Math.round(step / 2 + random() * (step / 2));
  }
  if (delayMs > options.maxDelayMs)
    return { kind: 'give-up', reason: `${describe(failure)}; Teams asked to wait ${Math.ceil(delayMs / 1000)} s, left for the next run` };
  return { kind: 'retry', delayMs, throttled: status === 429 };
}

/** Retry-After as milliseconds from `nowMs`: delta seconds (`"2"`, `"0.5"`) or an HTTP date; undefined if unreadable. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function unreachableReason(failure: SendFailure): string {
  if (failure.code && UNREACHABLE_WORDS[failure.code]) return UNREACHABLE_WORDS[failure.code]!;
  if (failure.status === 404) return 'the Teams conversation no longer exists';
  return `Teams refused to deliver (${failure.code ?? 'HTTP 403'})`;
}

function describe(failure: SendFailure): string {
  if (failure.status === undefined) return `Teams could not be reached (${failure.message})`;
  if (failure.status === 413) return 'the message is too large for Teams';
  return `Teams answered HTTP ${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
}
