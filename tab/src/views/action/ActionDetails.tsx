import { makeStyles, tokens } from '@fluentui/react-components';
import type { ActionView } from '../../api/types.js';
import { indicatorLabel } from '../../lib/domain.js';
import { formatDate, formatInstant } from '../../lib/format.js';

const useStyles = makeStyles({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, max-content) 1fr',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
  },
  dt: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Everything the plan says about an action, as a definition list. */
export function ActionDetails({ action }: { action: ActionView }) {
  const styles = useStyles();
  const owner = action.owner;
  const due = action.dueDate
    ? `${formatDate(action.dueDate)}${action.dueText && action.dueText !== action.dueDate ? ` (plan says “${action.dueText}”)` : ''}`
    : action.dueText || 'No date';
  const rows: [string, React.ReactNode][] = [
    ['Measure of success', action.measure ? <bdi>{action.measure}</bdi> : 'Not stated'],
    [
      'WRES indicators',
      action.indicators.length ? (
        <ul className={styles.list}>
          {action.indicators.map((n) => (
            <li key={n}>{indicatorLabel(n)}</li>
          ))}
        </ul>
      ) : (
        'Not linked to an indicator'
      ),
    ],
    ['Theme', action.theme ? <bdi>{action.theme}</bdi> : 'None'],
    [
      'Owner',
      owner ? (
        <>
          <bdi>{owner.displayName}</bdi>
          {owner.email && (
            <>
              {' '}
              (<bdi>{owner.email}</bdi>)
            </>
          )}
        </>
      ) : (
        <bdi>{action.ownerLabel}</bdi>
      ),
    ],
    ['Lead role in the plan', action.leadRole ? <bdi>{action.leadRole}</bdi> : 'Not stated'],
    ['Due', <bdi>{due}</bdi>],
    ['Plan year', action.planYear],
    ['Last changed', formatInstant(action.updatedAt)],
  ];
  return (
    <dl className={styles.dl}>
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.dt}>{term}</dt>
          <dd className={styles.dd}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
