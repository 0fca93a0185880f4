/**
 * Which failed sends to the Bot Connector are worth repeating, from Teams'
 * guidance: retry 429 (honouring Retry-After), 412, 500, 502, 503, 504 and
 * network errors; never retry 400, 401, 403, 404 or 413; a 403 (app
 * uninstalled, BotNotInConversationRoster, ConversationBlockedByUser,
 * BotDisabledByAdmin) or a 404 (conversation gone) means the user cannot be
 * reached through this conversation. How long to wait and when to stop is
 * the shared retry policy's job (bot/src/retry.ts). Pure: no SDK.
 */
import type { Exhausted, RetryBudget } from '../retry.js';

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

/** What a failure means for the send. */
export type SendVerdict =
  | { kind: 'retry' }
  /** The user cannot be reached through this conversation: mark unreachable, do not retry. */
  | { kind: 'unreachable'; reason: string }
  /** Give up for this run; the next run may try again. */
  | { kind: 'give-up'; reason: string };

/** Defaults for proactive sends: four attempts, 0.5 s doubling back-off, at most a minute's wait at once, two in all. */
export const DEFAULT_SEND_BUDGET: RetryBudget = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 60_000, maxTotalWaitMs: 120_000 };

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

const UNREACHABLE_WORDS: Record<string, string> = {
  BotNotInConversationRoster: 'the app is not installed for this person (removed or never added)',
  ConversationBlockedByUser: 'this person has blocked the app in Teams',
  BotDisabledByAdmin: 'a Teams administrator has disabled the app',
};

/** Sorts one failed send into retry, unreachable (permanent) or give-up (until the next run). */
export function classifySendFailure(failure: SendFailure): SendVerdict {
  const { status } = failure;
  if (status === 403 || status === 404) return { kind: 'unreachable', reason: unreachableReason(failure) };
  if (status === undefined || RETRYABLE.has(status)) return { kind: 'retry' };
  return { kind: 'give-up', reason: describeFailure(failure) };
}

/** Why a retryable failure was given up on once the budget ran out, for the run report. */
export function exhaustedReason(failure: SendFailure, attempts: number, exhausted: Exhausted): string {
  if (exhausted.reason === 'attempts') return `${describeFailure(failure)} (tried ${attempts} times)`;
  return `${describeFailure(failure)}; Teams asked to wait ${Math.ceil(exhausted.waitMs / 1000)} s, left for the next run`;
}

function unreachableReason(failure: SendFailure): string {
  if (failure.code && UNREACHABLE_WORDS[failure.code]) return UNREACHABLE_WORDS[failure.code]!;
  if (failure.status === 404) return 'the Teams conversation no longer exists';
  return `Teams refused to deliver (${failure.code ?? 'HTTP 403'})`;
}

function describeFailure(failure: SendFailure): string {
  if (failure.status === undefined) return `Teams could not be reached (${failure.message})`;
  if (failure.status === 413) return 'the message is too large for Teams';
  return `Teams answered HTTP ${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
}
