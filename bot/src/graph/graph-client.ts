import type { TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { systemTimer, type Timer } from '../domain/clock.js';
import { AppError } from '../errors.js';
import { RetryPolicy, type RetryBudget } from '../retry.js';
import { SIGN_IN_REFUSED } from './graph-errors.js';
import { GraphApi } from './graph-api.js';
import { TimeoutFetchHandler } from './timeout-handler.js';

/** Everything the one Graph client factory needs. */
export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com, a national cloud, or a local test server. */
  baseUrl: string;
  credential: TokenCredential;
  timeoutMs: number;
  /** Retries of a request, or of a `$batch` step, answered 429/503/504 (or a timed-out read). */
  maxRetries: number;
  /** Waits between retries: injected so tests move time instead of sleeping. */
  timer?: Timer;
  random?: () => number;
}

/**
 * What one Graph request (or one `$batch` step) may spend waiting to retry,
 * besides `maxRetries`: back-off from 1 s when Graph gives no Retry-After, at
 * most 30 s at once and 30 s in all. Asked to wait longer, the request fails
 * as `unavailable` at once; a progress update then waits in the outbox.
 */
const GRAPH_RETRY_WAITS: Omit<RetryBudget, 'maxAttempts'> = { baseDelayMs: 1000, maxDelayMs: 30_000, maxTotalWaitMs: 30_000 };

/**
 * The budget of `GraphApi.bulk()` (import writes, provisioning, start-up
 * checks): up to 20 attempts per request or step and 5 minutes of waiting,
 * so a long import rides out throttling instead of stopping part-way.
 */
const GRAPH_BULK_RETRIES: RetryBudget = { maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 60_000, maxTotalWaitMs: 5 * 60_000 };

class CredentialAuthProvider implements AuthenticationProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async getAccessToken(): Promise<string> {
    let token;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (e) {
      throw signInError(e);
    }
    if (!token) throw named('GraphTokenUnavailable', 'the identity service returned no token');
    return token.token;
  }
}

/** OAuth error codes that mean Entra refused the app's credentials (no point retrying). */
const OAUTH_REFUSALS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_request', 'invalid_scope']);

/** The SDK wraps whatever the auth provider throws; the error's name survives as the Graph error code. */
function signInError(e: unknown): Error {
  const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  const status = (e as { statusCode?: number }).statusCode;
  const oauth = (e as { errorResponse?: { error?: string } }).errorResponse?.error ?? /^(\w+):/.exec(msg)?.[1] ?? '';
  const refused =
    (e instanceof Error && e.name === 'CredentialUnavailableError') || status === 400 || status === 401 || OAUTH_REFUSALS.has(oauth);
  return named(refused ? SIGN_IN_REFUSED : 'GraphTokenUnavailable', msg);
}

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

/**
 * The one place a Graph client is built. Sends the app-only token for scope
 * `${baseUrl}/.default` to the base URL's host (also when it is not a
 * Microsoft Graph host, e.g. a test server), abandons a request after
 * `timeoutMs`, and returns a `GraphApi` that retries 429/503/504 — whole
 * requests and each `$batch` step alike — in one loop (Retry-After first;
 * `maxRetries` and `GRAPH_RETRY_WAITS`, or `GRAPH_BULK_RETRIES` for bulk
 * work) and whose calls reject with `AppError`.
 */
export function createGraphClient(o: GraphClientOptions): GraphApi {
  const base = new URL(o.baseUrl);
  if (base.protocol !== 'https:') throw new AppError('config', 'GRAPH_BASE_URL must be an https:// URL.');
  const origin = base.origin;
  const client = Client.initWithMiddleware({
    baseUrl: origin,
    defaultVersion: 'v1.0',
    customHosts: new Set([base.hostname]),
    middleware: [
      new AuthenticationHandler(new CredentialAuthProvider(o.credential, `${origin}/.default`)),
      new TimeoutFetchHandler(o.timeoutMs),
    ],
  });
  const timer = o.timer ?? systemTimer;
  const retries = new RetryPolicy({ maxAttempts: o.maxRetries + 1, ...GRAPH_RETRY_WAITS }, timer, o.random);
  const bulk = new RetryPolicy(
    { ...GRAPH_BULK_RETRIES, maxAttempts: Math.max(GRAPH_BULK_RETRIES.maxAttempts, o.maxRetries + 1) },
    timer,
    o.random,
  );
  return new GraphApi(client, origin, retries, bulk);
}
