import type { ApiClient } from './client.js';

const pending = new Map<string, Promise<unknown>>();

/** Starts GETs the first page will need while the rest of the app starts up. */
export function prefetch(api: ApiClient, paths: string[]): void {
  for (const path of paths) {
    const request = api.get(path);
    request.catch(() => undefined);
    pending.set(path, request);
  }
}

/** The prefetched answer for `path` (used once), else a fresh GET. */
export function getOnce<T>(api: ApiClient, path: string): Promise<T> {
  const request = pending.get(path);
  if (request) {
    pending.delete(path);
    return request as Promise<T>;
  }
  return api.get<T>(path);
}
