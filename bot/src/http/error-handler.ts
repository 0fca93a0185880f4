import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A KB figure for people ("64 KB"), from the byte limit a body parser reported. */
function kilobytes(limit: unknown): string | undefined {
  return typeof limit === 'number' && limit > 0 ? `${Math.round(limit / 1024).toLocaleString('en-GB')} KB` : undefined;
}

/**
 * Our AppError for a client error raised by HTTP plumbing (body parsers, the
 * router's parameter decoding and static files mark theirs with a 4xx
 * `status`), or undefined for anything else. Only the status, the parser's
 * `type` and its byte limit are read, never the text.
 */
function fromHttpError(err: unknown): AppError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { status, type, limit } = err as { status?: unknown; type?: unknown; limit?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) {
    const max = kilobytes(limit);
    return new AppError('too_large', `The request is too large${max ? ` (the limit is ${max})` : ''}. Shorten it and try again.`);
  }
  if (status === 415)
    return new AppError('unsupported_media', 'The request body is in an encoding or character set this service does not accept.');
  if (type === 'entity.parse.failed') return new AppError('bad_input', 'The request body is not valid JSON.');
  if (status === 404) return new AppError('not_found', 'There is nothing at this address.');
  return new AppError('bad_input', 'The request could not be read: check the address and the body.');
}

/**
 * The one catch-all for HTTP. AppErrors become their status and message;
 * client errors from HTTP plumbing (too large, bad encoding, malformed
 * percent-encoding) become their 4xx with our own sentence; anything else is
 * logged and hidden behind a 500. No dependency's exception text reaches a response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      logger.error('Failed after the response started', { path: req.path, error: err instanceof Error ? err.name : String(err) });
      res.end();
      return;
    }
    const known = isAppError(err) ? err : fromHttpError(err);
    if (known) {
      if (known.status >= 500) logger.error(known.message, { code: known.code, path: req.path });
      else if (!isAppError(err)) logger.info('Refused a request', { status: known.status, method: req.method });
      res.status(known.status).json({ error: { code: known.code, message: known.message, details: known.details } });
      return;
    }
    logger.error('Unhandled error', { path: req.path, error: err instanceof Error ? err.stack : String(err) });
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  };
}

/** The answer for any address nothing else served. */
export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('not_found', 'There is nothing at this address.'));
