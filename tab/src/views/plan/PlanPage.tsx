import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useDeferredValue, useMemo } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { LoadError, Loading } from '../../components/Status.js';
import { filterActions, groupActions, onlyPlanYear } from '../../lib/domain.js';
import { formatLongDate } from '../../lib/format.js';
import { planCountText, planHeadingText } from '../../lib/plan-text.js';
import { ExportBar } from './ExportBar.js';
import { PlanFilters } from './PlanFilters.js';
import { PlanGroups } from './PlanGroups.js';
import { usePlanList, usePlanSearch, usePrinting } from './plan-data.js';
import { isFiltered, toFilter, viewFromQuery, viewToQuery, type PlanViewState } from './plan-view-state.js';
import { navigate, RouteLink } from '../../router.js';
import { useApp } from '../../app-context.js';
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
  leadTools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: `0 0 ${tokens.spacingVerticalM}` },
});

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
  const { me } = useApp();
  const { data, error, load } = usePlanList();
  const [printing, print] = usePrinting();

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
  const search = usePlanSearch(view.q);
  const shown = useMemo(() => {
    if (!data) return [];
    const matching = filterActions(data.items, toFilter({ ...view, q: '' }));
    return search.ids ? matching.filter((a) => search.ids!.has(a.id)) : matching;
  }, [data, view, search.ids]);
  const groups = useMemo(() => groupActions(shown, view.group), [shown, view.group]);

  if (error) return <LoadError error={error} what="the plan" onRetry={load} />;
  if (!data) return <Loading label="Loading the plan…" />;
  const filtered = isFiltered(view);
  return (
    <>
      <PageHeading>{planHeadingText(onlyPlanYear(data.items))}</PageHeading>
      <p className={styles.intro}>
        <span className="print-only">Board paper · </span>As at {formatLongDate(data.today)}
        {filtered && <span className="print-only"> · Actions shown: {describeFilter(view)}</span>}
      </p>
      {me.isLead && (
        <nav className={`${styles.leadTools} no-print`} aria-label="E&D lead tools">
          <RouteLink to="/reassign">Reassign someone’s actions</RouteLink>
          <RouteLink to="/carry-over">Carry the plan into next year</RouteLink>
        </nav>
      )}
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
          {planCountText(shown.length, data.items.length, filtered, view.group)}
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
