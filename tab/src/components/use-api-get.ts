import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
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
 * clears the error and asks again, keeping the last answer until the new one comes.
 */
export function useApiGet<T>(path: string): ApiGet<T> {
  const { api } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    setError(null);
    api.get<T>(path).then(setData, setError);
  }, [api, path]);
  useEffect(reload, [reload]);
  return { data, setData, error, reload };
}
