import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

const SAFE_TO_REPEAT = new Set(['GET', 'HEAD', 'DELETE']);

/**
 * The last middleware: sends the request with a time limit. A GET or DELETE
 * that times out or cannot connect becomes a synthetic 504 so GraphApi's
 * retry policy tries it again; a write that times out is rethrown, because
 * it may have been applied and only the caller knows how to check.
 */
export class TimeoutFetchHandler implements Middleware {
  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    const method = (context.options?.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method)).toUpperCase();
    try {
      context.response = await fetch(context.request, { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      if (!SAFE_TO_REPEAT.has(method)) throw namedError(e, this.timeoutMs);
      const body = JSON.stringify({ error: { code: 'gatewayTimeout', message: namedError(e, this.timeoutMs).message } });
      context.response = new Response(body, { status: 504, headers: { 'Content-Type': 'application/json' } });
    }
  }
}

function namedError(e: unknown, timeoutMs: number): Error {
  const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
  const err = new Error(timedOut ? `no answer within ${timeoutMs} ms` : `connection failed: ${e instanceof Error ? e.message : String(e)}`);
  err.name = timedOut ? 'TimeoutError' : 'NetworkError';
  return err;
}
