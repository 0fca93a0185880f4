import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, isAppError } from '../errors.js';

/** Name of the error the auth provider throws when Entra refuses the app's credentials. */
export const SIGN_IN_REFUSED = 'GraphSignInRefused';

/** What a converted Graph failure carries in `AppError.details`, for callers that branch on it. */
export interface GraphFailure {
  /** HTTP status; -1 when no response arrived (timeout, connection refused). */
  status: number;
  /** Graph's error code, e.g. `nameAlreadyExists`, `resourceModified`, `TimeoutError`. */
  graphCode: string | null;
}

/** The Graph failure behind an `AppError`, when there was one. */
export function graphFailure(e: unknown): GraphFailure | null {
  if (!isAppError(e) || typeof e.details !== 'object' || e.details === null) return null;
  const d = e.details as Partial<GraphFailure>;
  return typeof d.status === 'number' ? { status: d.status, graphCode: d.graphCode ?? null } : null;
}

/**
 * Statuses with which Graph says a request (or one step of a `$batch`) was
 * not carried out and may be sent again: throttled (429), unavailable (503),
 * gateway timeout (504, also what a timed-out read becomes).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** True when a failure means Graph could not be reached or was too busy: worth trying again later. */
export function isTransient(e: unknown): boolean {
  if (isAppError(e) && e.code === 'unavailable') return true;
  const f = graphFailure(e);
  return f !== null && (f.status === -1 || f.status === 429 || f.status >= 500);
}

/** Converts anything a Graph call threw into an `AppError` whose message a user can act on. */
export function toAppError(e: unknown, doing: string): AppError {
  if (isAppError(e)) return e;
  if (!(e instanceof GraphError)) {
    return new AppError('unavailable', `SharePoint could not be reached while ${doing}.`, {
      cause: e,
      details: { status: -1, graphCode: null },
    });
  }
  const details: GraphFailure = { status: e.statusCode, graphCode: e.code };
  const opts = { cause: e, details };
  const s = e.statusCode;
  if (e.code === SIGN_IN_REFUSED) {
    return new AppError(
      'config',
      `The app could not sign in to Microsoft Graph (check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the secret, certificate or managed identity): ${e.message}`,
      opts,
    );
  }
  if (e.code === 'GraphTokenUnavailable')
    return new AppError('unavailable', `Could not get a Microsoft Graph token while ${doing}: ${e.message}`, opts);
  if (s === 404) return new AppError('not_found', `SharePoint has no such item (${doing}).`, opts);
  if (s === 409 || s === 412) return new AppError('conflict', `SharePoint refused a conflicting change while ${doing}.`, opts);
  if (s === 401 || s === 403) {
    return new AppError(
      'config',
      `The app is not allowed into the SharePoint site (${s}) while ${doing}. Grant it Sites.Selected with write access to the site (see bot/src/store/README.md).`,
      opts,
    );
  }
  if (s === 400) return new AppError('internal', `SharePoint rejected a request while ${doing}: ${e.message}`, opts);
  return new AppError(
    'unavailable',
    `SharePoint is unavailable or busy (${s === -1 ? (e.code ?? 'no answer') : s}) while ${doing}. Please try again shortly.`,
    opts,
  );
}
