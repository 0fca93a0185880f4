import { AppError } from '../errors.js';

/** The HTTP status of an Azure Storage error (RestError), 0 when there is none. */
export function storageStatus(e: unknown): number {
  return (e as { statusCode?: number } | null)?.statusCode ?? 0;
}

/**
 * Runs one Azure Storage call; a failure becomes AppError('unavailable')
 * saying what was being done. The service's own error text stays in the
 * cause (logs), never in what a user is shown.
 */
export async function storageCall<T>(doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new AppError('unavailable', `Azure Storage could not be reached while ${doing}. Please try again in a few minutes.`, {
      cause: e,
    });
  }
}
