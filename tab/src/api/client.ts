import type { ApiErrorBody, OrgHeader } from './types.js';

/** A failed API call: the HTTP status and the server's message, safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The whole JSON body, e.g. the current action on a 409. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** How the client authenticates: a Teams SSO token, or (development only) a demo person's email. */
export interface ApiAuth {
  getToken(): Promise<string | null>;
  devUser?: string;
  /** The organisation chosen (ODS code), sent as `X-Wres-Org` on every call; absent for a single-organisation deployment. */
  org?: string;
}

const ORG_HEADER: OrgHeader = 'X-Wres-Org';

/** A JSON response with its status, for calls whose success has several shapes (201 vs 200). */
export interface ApiResponse<T> {
  status: number;
  body: T;
}

function errorFrom(status: number, body: unknown): ApiError {
  const err = (body as Partial<ApiErrorBody> | null)?.error;
  const message =
    err?.message ??
    (status === 401
      ? 'Your sign-in has expired. Please reload the tab.'
      : status === 403
        ? 'You do not have permission to do that.'
        : 'The plan could not be reached. Please try again.');
  return new ApiError(status, err?.code ?? 'http_' + status, message, err?.details, body);
}

/**
 * The tab's one door to the service's JSON API. Adds `Authorization: Bearer`
 * (a fresh or briefly cached Teams token) or, in development, `X-Dev-User`,
 * and `X-Wres-Org` once an organisation is chosen.
 * Every non-2xx answer becomes an `ApiError` carrying the server's message.
 */
export class ApiClient {
  constructor(
    private readonly auth: ApiAuth,
    private readonly base = '/api',
  ) {}

  private async headers(extra: Record<string, string> = {}): Promise<Headers> {
    const headers = new Headers(extra);
    let token: string | null;
    try {
      token = await this.auth.getToken();
    } catch {
      throw new ApiError(
        401,
        'sso_failed',
        'Teams could not sign you in. Please reload the tab; if this keeps happening, ask IT to check the app’s single sign-on set-up.',
      );
    }
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (this.auth.devUser) headers.set('X-Dev-User', this.auth.devUser);
    if (this.auth.org) headers.set(ORG_HEADER, this.auth.org);
    return headers;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(this.base + path, init);
    } catch (e) {
      // An abandoned request stays an AbortError, so callers can tell it from a failure.
      if (init.signal?.aborted) throw e;
      throw new ApiError(0, 'network', 'The plan could not be reached. Check your connection and try again.');
    }
  }

  /** GET a JSON resource; `signal` abandons it (the promise then rejects with the AbortError). */
  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return (await this.exchange<T>('GET', path, undefined, signal)).body;
  }

  /** POST JSON; resolves with status and body for any 2xx, throws `ApiError` otherwise. */
  post<T>(path: string, payload: unknown): Promise<ApiResponse<T>> {
    return this.exchange<T>('POST', path, payload);
  }

  /** PUT JSON; resolves with status and body for any 2xx, throws `ApiError` otherwise. */
  put<T>(path: string, payload: unknown): Promise<ApiResponse<T>> {
    return this.exchange<T>('PUT', path, payload);
  }

  /** DELETE; resolves with status and body for any 2xx, throws `ApiError` otherwise. */
  delete<T>(path: string): Promise<ApiResponse<T>> {
    return this.exchange<T>('DELETE', path);
  }

  private async exchange<T>(method: string, path: string, payload?: unknown, signal?: AbortSignal): Promise<ApiResponse<T>> {
    const json = payload !== undefined;
    const res = await this.send(path, {
      method,
      headers: await this.headers(
        json ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      ),
      ...(json ? { body: JSON.stringify(payload) } : {}),
      ...(signal ? { signal } : {}),
    });
    const body: unknown = await res.json().catch(() => null);
    signal?.throwIfAborted();
    if (!res.ok) throw errorFrom(res.status, body);
    return { status: res.status, body: body as T };
  }

  /** Downloads a file (CSV, Excel) with the same authentication, keeping the server's file name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await this.send(path, { headers: await this.headers() });
    if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null));
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name ? decodeURIComponent(name) : fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
