import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { CarryOverPreviewItem, CarryOverResponse } from '../../api/types.js';
import { ActionRefLink, dueNowText } from '../../components/ActionRefLink.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { listTableCells } from '../../components/table-styles.js';
import { formatDate, plural } from '../../lib/format.js';
import { RouteLink } from '../../router.js';

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalM },
  th: listTableCells.th,
  td: { ...listTableCells.td, overflowWrap: 'break-word' },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * The dry run's rows: each unfinished action, its due date now, and what
 * happens to it (a new due date the lead may change, its copy already made,
 * or why it cannot be carried).
 */
export function CarryOverList({
  items,
  dueOf,
  dateInput,
}: {
  items: CarryOverPreviewItem[];
  dueOf: (id: string, proposed: string | null) => string | null;
  dateInput: (id: string, value: string | null, label: string) => ReactNode;
}) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <table className={`${styles.table} stack-narrow`} data-testid="carry-over-list">
      <thead>
        <tr>
          {['Action', 'Owner', 'Due now', 'New due date'].map((h) => (
            <th key={h} scope="col" className={styles.th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.action.id} data-kind={i.kind}>
            <td className={styles.td} data-label="Action">
              <ActionRefLink action={i.action} />
            </td>
            <td className={styles.td} data-label="Owner">
              <bdi>{i.action.ownerLabel}</bdi>
            </td>
            <td className={styles.td} data-label="Due now">
              {dueNowText(i.action)}
            </td>
            <td className={styles.td} data-label="New due date">
              {i.kind === 'blocked' ? (
                <span className={styles.muted}>Not carried: {i.reason}</span>
              ) : i.kind === 'finish' ? (
                <span className={styles.muted}>
                  Already copied{i.dueDate ? ` (due ${formatDate(i.dueDate)})` : ''}: only marked carried over
                </span>
              ) : i.dueDate === null ? (
                <span className={styles.muted}>Stays without a date ({i.action.dueText || 'ongoing'})</span>
              ) : (
                dateInput(i.action.id, dueOf(i.action.id, i.dueDate), `New due date for ${i.action.ref}`)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** After the lead confirmed: each copy with a link to it, and what was left and why. */
export function CarryOverResult({ result }: { result: CarryOverResponse }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  return (
    <section className={panel.panel} data-testid="carry-over-result" aria-label="Carry-over result">
      <MessageBar intent={result.notCarried.length ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {plural(result.carried.length, 'action')} carried over from {result.from} into {result.to}
          </MessageBarTitle>
          The originals are marked “Carried over” and keep their history.
        </MessageBarBody>
      </MessageBar>
      {result.carried.length > 0 && (
        <ul className={styles.list}>
          {result.carried.map((c) => (
            <li key={c.action.id}>
              <RouteLink to={`/actions/${encodeURIComponent(c.copy.id)}`}>
                {c.copy.planYear} · {c.copy.ref}
              </RouteLink>{' '}
              <bdi>{c.action.title}</bdi> — {c.dueDate ? `due ${formatDate(c.dueDate)}` : 'no date'}
            </li>
          ))}
        </ul>
      )}
      {result.notCarried.length > 0 && (
        <>
          <p>Not carried over:</p>
          <ul className={styles.list} data-testid="carry-over-left">
            {result.notCarried.map((n) => (
              <li key={n.action.id}>
                <ActionRefLink action={n.action} />: {n.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
