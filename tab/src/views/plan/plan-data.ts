import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { loadedPlan, type LoadedPlan } from '../../api/loaded-plan.js';
import { getOnce, takeAnswered } from '../../api/prefetch.js';
import type { PlanResponse, PlanSearchResponse } from '../../api/types.js';
import { useApp } from '../../app-context.js';

/**
 * Loads the lean plan list (the start-up script's request when there was one);
 * `load` asks again. When that request has already answered, the first render
 * shows the plan, with no loading state in between.
 */
export function usePlanList(): { data: LoadedPlan | null; error: unknown; load: () => void } {
  const { api } = useApp();
  const [answered] = useState(() => {
    const body = takeAnswered<PlanResponse>('/plan');
    return body ? loadedPlan(body) : null;
  });
  const [data, setData] = useState<LoadedPlan | null>(answered);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getOnce<PlanResponse>(api, '/plan').then((body) => setData(loadedPlan(body)), setError);
  }, [api]);
  useEffect(() => {
    if (!answered) load();
  }, [answered, load]);
  return { data, error, load };
}

/** The ids the service found for the search text (the list carries too little to search every field itself). */
export function usePlanSearch(q: string): { ids: Set<string> | null; error: unknown } {
  const { api } = useApp();
  const [found, setFound] = useState<{ q: string; ids: Set<string> } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const text = q.trim();
  useEffect(() => {
    setError(null);
    if (!text) return;
    const controller = new AbortController();
    api.get<PlanSearchResponse>(`/plan/search?q=${encodeURIComponent(text)}`, controller.signal).then(
      (r) => setFound({ q: text, ids: new Set(r.ids) }),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [api, text]);
  // Until the answer for this text comes, keep the last matches rather than flash the whole plan.
  return { ids: text ? (found?.ids ?? null) : null, error };
}

/**
 * Whether the page is being printed, and a print action. The browser's own
 * Print (Ctrl+P) counts too, so the paper gets every row, not just those near the screen.
 */
export function usePrinting(): [boolean, () => void] {
  // Already printing when the app replaces the first screen (which prints every row itself): keep every row.
  const [printing, setPrinting] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia('print').matches);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = useCallback(() => {
    flushSync(() => setPrinting(true));
    window.print();
  }, []);
  return [printing, print];
}
