import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { memo, useState } from 'react';
import type { ActionGroup } from '../../api/types.js';
import { plural } from '../../lib/format.js';
import { RAG_LABELS, type Rag } from '../../lib/domain.js';
import { ActionTable } from './ActionTable.js';
import { GROUP_PAGE } from './group-page.js';

const useStyles = makeStyles({
  group: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    marginBottom: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
  },
  // For large plans, off-screen groups skip layout and paint until scrolled to (print.css turns this off for printing).
  lazyPaint: { contentVisibility: 'auto', containIntrinsicSize: 'auto 600px' },
  h3: { margin: 0, fontSize: tokens.fontSizeBase300 },
  toggle: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: `0 ${tokens.spacingHorizontalS}`,
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    background: 'none',
    border: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  counts: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  more: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS} 0`,
    fontSize: tokens.fontSizeBase200,
  },
});

function groupCounts(group: ActionGroup): string {
  const byRag = new Map<Rag, number>();
  let overdue = 0;
  for (const a of group.actions) {
    byRag.set(a.rag, (byRag.get(a.rag) ?? 0) + 1);
    if (a.overdue) overdue += 1;
  }
  const rags = (['Red', 'Amber', 'Green', 'Blue', 'None'] as const)
    .filter((r) => byRag.has(r))
    .map((r) => `${r === 'Blue' ? 'Blue' : RAG_LABELS[r]} ${byRag.get(r)}`);
  return [plural(group.actions.length, 'action'), ...(overdue ? [`${overdue} overdue`] : []), rags.join(', ')].join(' · ');
}

const GroupSection = memo(function GroupSection({
  group,
  showAll,
  lazyPaint,
}: {
  group: ActionGroup;
  showAll: boolean;
  lazyPaint: boolean;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(true);
  const [limit, setLimit] = useState(GROUP_PAGE);
  const headingId = `group-${group.key}`;
  const bodyId = `${headingId}-body`;
  const visible = showAll ? group.actions : group.actions.slice(0, limit);
  const hidden = group.actions.length - visible.length;
  const expanded = open || showAll;
  return (
    <section
      className={mergeClasses(styles.group, lazyPaint && styles.lazyPaint, 'plan-group')}
      aria-labelledby={headingId}
      data-group={group.key}
    >
      <h3 className={styles.h3} id={headingId}>
        <button type="button" className={styles.toggle} aria-expanded={expanded} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {expanded ? <ChevronDownRegular aria-hidden="true" className="no-print" /> : <ChevronRightRegular aria-hidden="true" />}
          <span>{group.label}</span>
          <span className={styles.counts}>{groupCounts(group)}</span>
        </button>
      </h3>
      {expanded && (
        <div id={bodyId}>
          <ActionTable actions={visible} labelledBy={headingId} />
          {hidden > 0 && (
            <div className={`${styles.more} no-print`}>
              <span>
                Showing {visible.length} of {group.actions.length}.
              </span>
              <Button size="small" onClick={() => setLimit(limit + 100)}>
                Show {Math.min(hidden, 100)} more
              </Button>
              <Button size="small" appearance="subtle" onClick={() => setLimit(group.actions.length)}>
                Show all {group.actions.length}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
});

/** Above this many rows, off-screen groups are laid out only when scrolled to. */
const LAZY_PAINT_ROWS = 300;

/** The plan's groups, each collapsible and rendered a page of rows at a time (all rows when printing). */
export function PlanGroups({ groups, showAll }: { groups: ActionGroup[]; showAll: boolean }) {
  const rows = groups.reduce((n, g) => n + g.actions.length, 0);
  return (
    <>
      {groups.map((g) => (
        <GroupSection key={g.key} group={g} showAll={showAll} lazyPaint={rows > LAZY_PAINT_ROWS} />
      ))}
    </>
  );
}
