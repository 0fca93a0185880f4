import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { memo, useState } from 'react';
import type { PlanItem } from '../../api/plan-list.js';
import type { ActionGroup } from '../../api/types.js';
import { countGroup } from '../../lib/domain.js';
import { groupCountsText } from '../../lib/plan-text.js';
import { ActionTable } from './ActionTable.js';

const useStyles = makeStyles({
  group: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    marginBottom: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
  },
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
});

const GroupSection = memo(function GroupSection({ group, everyRow }: { group: ActionGroup<PlanItem>; everyRow: boolean }) {
  const styles = useStyles();
  const [open, setOpen] = useState(true);
  const headingId = `group-${group.key}`;
  const bodyId = `${headingId}-body`;
  const expanded = open || everyRow;
  return (
    <section className={mergeClasses(styles.group, 'plan-group')} aria-labelledby={headingId} data-group={group.key}>
      <h3 className={styles.h3} id={headingId}>
        <button type="button" className={styles.toggle} aria-expanded={expanded} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {expanded ? <ChevronDownRegular aria-hidden="true" className="no-print" /> : <ChevronRightRegular aria-hidden="true" />}
          <bdi>{group.label}</bdi>
          <span className={styles.counts}>{groupCountsText(countGroup(group.actions))}</span>
        </button>
      </h3>
      {expanded && (
        <div id={bodyId}>
          <ActionTable actions={group.actions} labelledBy={headingId} everyRow={everyRow} />
        </div>
      )}
    </section>
  );
});

/** The plan's groups, each collapsible; long groups render the rows near the screen, and every row when printing. */
export function PlanGroups({ groups, everyRow }: { groups: ActionGroup<PlanItem>[]; everyRow: boolean }) {
  return (
    <>
      {groups.map((g) => (
        <GroupSection key={g.key} group={g} everyRow={everyRow} />
      ))}
    </>
  );
}
