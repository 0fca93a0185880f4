import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Network failures while fetching the Bot Framework's signing keys (node-fetch and Node's own codes). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when the signing keys could not be had: botbuilder's AuthenticationError with a 5xx, or the fetch itself failed. */
function keysUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { statusCode, name, code, errno } = e as { statusCode?: unknown; name?: unknown; code?: unknown; errno?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 500) return true;
  if (name === 'FetchError' || name === 'AbortError') return true;
  return [code, errno].some((c) => typeof c === 'string' && UNREACHABLE.has(c));
}

/**
 * Translates a failure while checking a bot request's token into our own
 * error: 503 when Microsoft's signing keys cannot be fetched (unreachable or
 * answering 5xx), else 401 — a bad signature, a disallowed algorithm
 * (`none`, HS256), a wrong audience or issuer, an expired token. The
 * library's text is logged by name only and never reaches the response.
 */
export function authenticationFailure(e: unknown, logger: Logger): AppError {
  if (e instanceof AppError) return e;
  const name = e instanceof Error ? e.name : typeof e;
  if (keysUnavailable(e)) {
    logger.warn('Could not fetch the Bot Framework signing keys', { error: name });
    return new AppError('unavailable', 'Teams messages cannot be checked just now. Please try again in a minute.');
  }
  logger.info('Refused a bot request whose token did not verify', { error: name });
  return new AppError('unauthenticated', 'This request did not carry a valid Microsoft Teams token.');
}
