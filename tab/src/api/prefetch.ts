import type { ApiClient } from './client.js';

interface Pending {
  request: Promise<unknown>;
  /** Set once the request has answered successfully. */
  answered?: { value: unknown };
}

const pending = new Map<string, Pending>();

/** Starts GETs the first page will need while the rest of the app starts up. */
export function prefetch(api: ApiClient, paths: string[]): void {
  for (const path of paths) {
    const entry: Pending = { request: api.get(path) };
    entry.request.then(
      (value) => (entry.answered = { value }),
      () => undefined,
    );
    pending.set(path, entry);
  }
}

/** Resolves when every prefetched GET among `paths` has answered, with their answers; null when any failed or was never asked. */
export async function prefetched(paths: string[]): Promise<unknown[] | null> {
  try {
    return await Promise.all(paths.map((p) => pending.get(p)?.request ?? Promise.reject(new Error(`${p} was not prefetched`))));
  } catch {
    return null;
  }
}

/** The prefetched answer for `path` if it has already come (used once), so a page can show it in its first render. */
export function takeAnswered<T>(path: string): T | undefined {
  const entry = pending.get(path);
  if (!entry?.answered) return undefined;
  pending.delete(path);
  return entry.answered.value as T;
}

/** The prefetched answer for `path` (used once), else a fresh GET. */
export function getOnce<T>(api: ApiClient, path: string): Promise<T> {
  const entry = pending.get(path);
  if (entry) {
    pending.delete(path);
    return entry.request as Promise<T>;
  }
  return api.get<T>(path);
}
