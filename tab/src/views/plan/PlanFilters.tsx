import { Button, Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { GroupBy } from '../../api/types.js';
import { RAGS, RAG_LABELS, STATUSES, STATUS_LABELS, type Rag, type Status } from '../../lib/domain.js';
import { INITIAL_PLAN_VIEW, isFiltered, type PlanViewState } from './plan-view-state.js';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    marginBottom: tokens.spacingVerticalM,
  },
  narrow: { minWidth: '130px' },
  owner: { minWidth: '200px', maxWidth: '280px' },
  search: { minWidth: '220px', flexGrow: 1, maxWidth: '360px' },
  check: { paddingBottom: '2px' },
  // A native select is as wide as its longest option; keep it inside its field.
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
});

/** Group-by and filter controls for the plan. Search waits for a short pause in typing before filtering. */
export function PlanFilters({
  view,
  owners,
  onChange,
}: {
  view: PlanViewState;
  owners: string[];
  onChange: (next: PlanViewState) => void;
}) {
  const styles = useStyles();
  const [q, setQ] = useState(view.q);
  useEffect(() => setQ(view.q), [view.q]);
  useEffect(() => {
    if (q === view.q) return;
    const timer = window.setTimeout(() => onChange({ ...view, q }), 200);
    return () => window.clearTimeout(timer);
  }, [q, view, onChange]);
  const set = <K extends keyof PlanViewState>(key: K, value: PlanViewState[K]) => onChange({ ...view, [key]: value });

  return (
    <div className={`${styles.bar} no-print`} role="search" aria-label="Filter the plan">
      <Field label="Group by" className={styles.narrow}>
        <Select className={styles.select} value={view.group} onChange={(_e, d) => set('group', d.value as GroupBy)}>
          <option value="indicator">WRES indicator</option>
          <option value="theme">Theme</option>
        </Select>
      </Field>
      <Field label="Owner" className={styles.owner}>
        <Select className={styles.select} value={view.owner} onChange={(_e, d) => set('owner', d.value)}>
          <option value="">All owners</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="RAG" className={styles.narrow}>
        <Select className={styles.select} value={view.rag} onChange={(_e, d) => set('rag', d.value as Rag | '')}>
          <option value="">All ratings</option>
          {RAGS.map((r) => (
            <option key={r} value={r}>
              {RAG_LABELS[r]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Status" className={styles.narrow}>
        <Select className={styles.select} value={view.status} onChange={(_e, d) => set('status', d.value as Status | '')}>
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        className={styles.check}
        label="Overdue only"
        checked={view.overdue}
        onChange={(_e, d) => set('overdue', d.checked === true)}
      />
      <Field label="Search" className={styles.search}>
        <Input type="search" value={q} onChange={(_e, d) => setQ(d.value)} placeholder="Ref, action, owner or update" />
      </Field>
      {isFiltered(view) && (
        <Button appearance="subtle" onClick={() => onChange({ ...INITIAL_PLAN_VIEW, group: view.group })}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
