import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { useApp } from '../app-context.js';

/** One GET from the tab API: its answer once it arrives, its failure, and a way to ask again. */
export interface ApiGet<T> {
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  error: unknown;
  reload: () => void;
}

/**
 * Gets `path` when the page mounts and whenever `path` changes. `reload`
 * clears the error and asks again, keeping the last answer until the new one
 * comes. Each new request (or leaving the page) abandons the one before, so
 * a late answer for an older path never replaces a newer one.
 */
export function useApiGet<T>(path: string): ApiGet<T> {
  const { api } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef<AbortController | null>(null);
  const reload = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setError(null);
    api.get<T>(path, controller.signal).then(
      (d) => {
        if (!controller.signal.aborted) setData(d);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
  }, [api, path]);
  useEffect(() => {
    reload();
    return () => inFlight.current?.abort();
  }, [reload]);
  return { data, setData, error, reload };
}
