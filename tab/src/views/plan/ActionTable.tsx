import { makeStyles, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import { memo } from 'react';
import type { ActionView } from '../../api/types.js';
import { RagBadge } from '../../components/RagBadge.js';
import { STATUS_LABELS } from '../../lib/domain.js';
import { formatDate, formatInstantDay } from '../../lib/format.js';
import { RouteLink } from '../../router.js';
import { listTableCells } from '../../components/table-styles.js';

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  th: listTableCells.th,
  td: { ...listTableCells.td, overflowWrap: 'anywhere' },
  ref: { width: '4.5em', fontVariantNumeric: 'tabular-nums' },
  owner: { width: '14%' },
  due: { width: '12%' },
  rag: { width: '9.5em' },
  update: { width: '32%', '@media screen and (max-width: 720px)': { display: 'none' } },
  title: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  meta: { display: 'block', color: tokens.colorNeutralForeground2, marginTop: '2px' },
  overdue: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '2px',
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  clamp: { display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden' },
  stale: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** "17 Mar 2026" + "in 7 days" / "3 days overdue" (with a warning sign and the word, never colour alone). */
export function DueCell({ action, inline = false }: { action: ActionView; inline?: boolean }) {
  const styles = useStyles();
  if (inline) {
    return (
      <span className={action.overdue ? styles.overdue : undefined}>
        {action.overdue && <WarningFilled aria-hidden="true" />}
        {action.dueDate ? `${formatDate(action.dueDate)} · ${action.dueLabel}` : action.dueLabel}
      </span>
    );
  }
  return (
    <>
      {action.dueDate ? formatDate(action.dueDate) : action.dueLabel}
      {action.overdue ? (
        <span className={`${styles.meta} ${styles.overdue}`}>
          <WarningFilled aria-hidden="true" />
          {action.dueLabel}
        </span>
      ) : (
        action.dueDate && action.dueLabel !== 'Complete' && <span className={styles.meta}>{action.dueLabel}</span>
      )}
    </>
  );
}

const ActionRow = memo(function ActionRow({ action }: { action: ActionView }) {
  const styles = useStyles();
  const latest = action.latestUpdate;
  return (
    <tr data-action-id={action.id} data-ref={action.ref}>
      <td className={styles.td}>{action.ref}</td>
      <td className={styles.td}>
        <RouteLink to={`/actions/${encodeURIComponent(action.id)}`} className={styles.title}>
          {action.title}
        </RouteLink>
        <span className={styles.meta}>{STATUS_LABELS[action.status]}</span>
      </td>
      <td className={styles.td}>{action.ownerLabel}</td>
      <td className={styles.td}>
        <DueCell action={action} />
      </td>
      <td className={styles.td}>
        <RagBadge rag={action.rag} />
      </td>
      <td className={`${styles.td} ${styles.update}`}>
        {latest ? (
          <>
            <span className={`${styles.clamp} latest-text`}>{latest.text}</span>
            <span className={styles.meta}>
              {latest.authorName}, {formatInstantDay(latest.submittedAt)}
            </span>
          </>
        ) : (
          <span className={styles.meta}>No update yet</span>
        )}
        {action.stale && <span className={`${styles.meta} ${styles.stale}`}>No update in 30 days</span>}
      </td>
    </tr>
  );
});

/** The actions of one group as a dense table: ref, action, owner, due, RAG, latest update. */
export function ActionTable({ actions, labelledBy }: { actions: ActionView[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <table className={`${styles.table} plan-table`} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col" className={`${styles.th} ${styles.ref} col-ref`}>
            Ref
          </th>
          <th scope="col" className={styles.th}>
            Action
          </th>
          <th scope="col" className={`${styles.th} ${styles.owner} col-owner`}>
            Owner
          </th>
          <th scope="col" className={`${styles.th} ${styles.due} col-due`}>
            Due
          </th>
          <th scope="col" className={`${styles.th} ${styles.rag} col-rag`}>
            RAG
          </th>
          <th scope="col" className={`${styles.th} ${styles.update} col-update`}>
            Latest update
          </th>
        </tr>
      </thead>
      <tbody>
        {actions.map((a) => (
          <ActionRow key={a.id} action={a} />
        ))}
      </tbody>
    </table>
  );
}
