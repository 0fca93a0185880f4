import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionView, ReassignedItem, ReassignResponse } from '../../api/types.js';
import { ActionRefLink, dueNowText } from '../../components/ActionRefLink.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { listTableCells } from '../../components/table-styles.js';
import { plural } from '../../lib/format.js';

type Moved = Extract<ReassignedItem, { outcome: 'reassigned' | 'duplicate' }>;
type Left = Extract<ReassignedItem, { outcome: 'conflict' | 'refused' }>;

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalM },
  th: listTableCells.th,
  td: { ...listTableCells.td, overflowWrap: 'break-word' },
  list: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** The actions a reassignment would move, as the lead confirms them: ref and title, due date, RAG. */
export function ActionList({ actions }: { actions: ActionView[] }) {
  const styles = useStyles();
  if (actions.length === 0) return null;
  return (
    <table className={`${styles.table} stack-narrow`} data-testid="reassign-all-list">
      <thead>
        <tr>
          <th scope="col" className={styles.th}>
            Action
          </th>
          <th scope="col" className={styles.th}>
            Due
          </th>
          <th scope="col" className={styles.th}>
            Plan year
          </th>
        </tr>
      </thead>
      <tbody>
        {actions.map((a) => (
          <tr key={a.id}>
            <td className={styles.td} data-label="Action">
              <ActionRefLink action={a} />
            </td>
            <td className={styles.td} data-label="Due">
              {dueNowText(a)} · {a.dueLabel}
            </td>
            <td className={styles.td} data-label="Plan year">
              {a.planYear}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What became of each action after the lead confirmed: reassigned, or left and why; and whether the handover card went. */
export function ReassignOutcomes({ result }: { result: ReassignResponse }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const moved = result.items.filter((i): i is Moved => i.outcome === 'reassigned' || i.outcome === 'duplicate');
  const left = result.items.filter((i): i is Left => i.outcome === 'conflict' || i.outcome === 'refused');
  return (
    <section className={panel.panel} data-testid="reassign-all-result" aria-label="Reassignment result">
      <MessageBar intent={left.length ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {plural(moved.length, 'action')} reassigned to <bdi>{result.to.displayName}</bdi>
          </MessageBarTitle>
          {result.handover && (result.handover.sent ? 'They have been sent a handover card in Teams.' : result.handover.reason)}
        </MessageBarBody>
      </MessageBar>
      {moved.length > 0 && (
        <ul className={styles.list}>
          {moved.map((i) => (
            <li key={i.action.id}>
              <ActionRefLink action={i.action} /> — from <bdi>{i.previousOwner}</bdi>
            </li>
          ))}
        </ul>
      )}
      {left.length > 0 && (
        <>
          <p>{plural(left.length, 'action was', 'actions were')} left as they were:</p>
          <ul className={styles.list} data-testid="reassign-all-left">
            {left.map((i) => (
              <li key={i.actionId}>
                {i.action ? <ActionRefLink action={i.action} /> : i.actionId}: {i.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
