import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ActionRef } from '../../api/types.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { listTableCells } from '../../components/table-styles.js';
import { formatInstantDay } from '../../lib/format.js';
import { RouteLink } from '../../router.js';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: listTableCells.th,
  td: { ...listTableCells.td, overflowWrap: 'break-word' },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
});

/** A titled table of one kind of change; "None in this period." when empty. */
export function Section({
  id,
  title,
  count,
  headers,
  children,
}: {
  id: string;
  title: string;
  count: number;
  headers: string[];
  children: ReactNode;
}) {
  const styles = useStyles();
  const panel = usePanelStyles();
  return (
    <section className={`${panel.panel} change-section`} aria-labelledby={id} data-testid={id}>
      <h2 id={id} className={styles.h2}>
        {title} ({count})
      </h2>
      {count === 0 ? (
        <p className={styles.empty}>None in this period.</p>
      ) : (
        <table className={`${styles.table} stack-narrow`} aria-labelledby={id}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col" className={styles.th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </section>
  );
}

/** The ref and linked title cells of a change's action. */
export function ActionCells({ action }: { action: Pick<ActionRef, 'id' | 'ref' | 'title'> }) {
  const styles = useStyles();
  return (
    <>
      <td className={styles.td} data-label="Ref">
        {action.ref}
      </td>
      <td className={styles.td} data-label="Action">
        <RouteLink to={`/actions/${encodeURIComponent(action.id)}`}>
          <bdi>{action.title}</bdi>
        </RouteLink>
      </td>
    </>
  );
}

/** The day of a change and who made it: the last two cells of the RAG-move, reassignment and carry-over rows. */
export function WhenByCells({ at, by }: { at: string; by: string }) {
  const styles = useStyles();
  return (
    <>
      <td className={styles.td} data-label="When">
        {formatInstantDay(at)}
      </td>
      <td className={styles.td} data-label="By">
        <bdi>{by}</bdi>
      </td>
    </>
  );
}
