import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { getOnce } from '../../api/prefetch.js';
import { useApp } from '../../app-context.js';
import { decodePlanList, type PlanList } from '../../api/plan-list.js';
import type { PlanResponse, PlanSearchResponse, SummaryResponse } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { LoadError, Loading } from '../../components/Status.js';
import { filterActions, groupActions, summariseViews } from '../../lib/domain.js';
import { formatLongDate, plural } from '../../lib/format.js';
import { ExportBar } from './ExportBar.js';
import { PlanFilters } from './PlanFilters.js';
import { PlanGroups } from './PlanGroups.js';
import { isFiltered, toFilter, viewFromQuery, viewToQuery, type PlanViewState } from './plan-view-state.js';
import { navigate } from '../../router.js';
import { SummaryPanel } from './SummaryPanel.js';
import { WorsenedIndicators } from '../indicators/WorsenedIndicators.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}` },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalS,
  },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  count: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalS}` },
  empty: { padding: tokens.spacingVerticalL, color: tokens.colorNeutralForeground2 },
});

interface Loaded extends PlanList {
  summary: SummaryResponse;
  owners: string[];
}

/** The ids the service found for the search text (the list carries too little to search every field itself). */
function useSearch(q: string): { ids: Set<string> | null; error: unknown } {
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

function describeFilter(view: PlanViewState): string {
  const f = toFilter(view);
  const parts = [
    f.owner && `owner ${f.owner}`,
    f.rag && `RAG ${f.rag}`,
    f.status && `status ${f.status}`,
    f.overdue && 'overdue only',
    f.q && `matching “${f.q}”`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** The plan page: the summary first, then every action grouped and filtered (filters live in the address), with export and print. */
export function PlanPage({ query }: { query: URLSearchParams }) {
  const styles = useStyles();
  const { api } = useApp();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);

  const load = useCallback(() => {
    setError(null);
    getOnce<PlanResponse>(api, '/plan').then((body) => {
      const list = decodePlanList(body);
      const owners = [...new Set(list.items.map((a) => a.ownerLabel))].sort(new Intl.Collator('en-GB').compare);
      setData({ ...list, owners, summary: summariseViews(list.items, list.today) });
    }, setError);
  }, [api]);
  useEffect(load, [load]);

  // The browser's own Print (Ctrl+P) also gets every row, not just those near the screen.
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
  const print = () => {
    flushSync(() => setPrinting(true));
    window.print();
  };

  const planView = useMemo(() => viewFromQuery(query), [query]);
  const setPlanView = useCallback(
    (next: PlanViewState) => {
      const qs = viewToQuery(next);
      // Typing in the search box rewrites the address; every other change is a step Back can undo.
      navigate(qs ? `/?${qs}` : '/', { replace: next.q !== planView.q, keepScroll: true });
    },
    [planView],
  );
  const view = useDeferredValue(planView);
  const search = useSearch(view.q);
  const shown = useMemo(() => {
    if (!data) return [];
    const matching = filterActions(data.items, toFilter({ ...view, q: '' }));
    return search.ids ? matching.filter((a) => search.ids!.has(a.id)) : matching;
  }, [data, view, search.ids]);
  const groups = useMemo(() => groupActions(shown, view.group), [shown, view.group]);

  if (error) return <LoadError error={error} what="the plan" onRetry={load} />;
  if (!data) return <Loading label="Loading the plan…" />;
  const years = [...new Set(data.items.map((a) => a.planYear))].filter(Boolean);
  const filtered = isFiltered(view);
  return (
    <>
      <PageHeading>WRES action plan{years.length === 1 ? ` ${years[0]}` : ''}</PageHeading>
      <p className={styles.intro}>
        <span className="print-only">Board paper · </span>As at {formatLongDate(data.today)}
        {filtered && <span className="print-only"> · Actions shown: {describeFilter(view)}</span>}
      </p>
      <SummaryPanel summary={data.summary} />
      <WorsenedIndicators />
      <section aria-labelledby="actions-heading" className="plan-actions">
        <div className={styles.head}>
          <h2 id="actions-heading" className={styles.h2}>
            Actions
          </h2>
          <ExportBar view={planView} onPrint={print} />
        </div>
        <PlanFilters view={planView} owners={data.owners} onChange={setPlanView} />
        {search.error !== null && <LoadError error={search.error} what="the search" />}
        <p className={`${styles.count} no-print`} role="status" data-testid="plan-count">
          {filtered
            ? `Showing ${plural(shown.length, 'action')} of ${data.items.length.toLocaleString('en-GB')}`
            : `${plural(shown.length, 'action')}`}
          {view.group === 'indicator' && shown.length > 0 ? ' · an action citing several indicators is listed under each' : ''}
        </p>
        {groups.length === 0 ? (
          <p className={styles.empty}>No actions match these filters.</p>
        ) : (
          <PlanGroups groups={groups} everyRow={printing} />
        )}
      </section>
    </>
  );
}
