/** Machine-readable error codes, each with the HTTP status the API answers with. */
const ERROR_STATUS = {
  bad_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  unavailable: 503,
  config: 500,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type that crosses boundaries. Its message is safe to show a
 * user; `details` (e.g. per-row import errors) is structured for clients.
 * Caught in one place each: the express error handler, the bot's turn error
 * handler and the CLI's main.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options?: { details?: unknown; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * A short, secret-free description of an unexpected error for logs and run
 * reports: an AppError's message (written for people), else the error's name,
 * HTTP status when it carries one, and message; at most 200 characters of text.
 */
export function describeError(e: unknown): string {
  if (e instanceof AppError) return e.message.slice(0, 200);
  if (e instanceof Error) {
    const status = (e as { statusCode?: number }).statusCode;
    return `${e.name}${status ? ` ${status}` : ''}: ${e.message.slice(0, 200)}`;
  }
  return String(e).slice(0, 200);
}
