import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { WarningFilled } from '@fluentui/react-icons';
import { memo } from 'react';
import type { PlanItem } from '../../api/plan-list.js';
import { EvidenceLinks } from '../../components/EvidenceLinks.js';
import { RagBadge } from '../../components/RagBadge.js';
import { NARROW, listTableCells, stackedCellLabel } from '../../components/table-styles.js';
import { STATUS_LABELS } from '../../lib/domain.js';
import { formatDate } from '../../lib/format.js';
import { dueCellText } from '../../lib/plan-text.js';
import { RouteLink } from '../../router.js';
import { VirtualRows } from './VirtualRows.js';

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    [NARROW]: { display: 'block', '& > tbody': { display: 'block' } },
  },
  head: { [NARROW]: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)' } },
  th: listTableCells.th,
  td: { ...listTableCells.td, overflowWrap: 'anywhere', [NARROW]: { display: 'block', padding: 0, borderBottom: 'none' } },
  // Below the breakpoint each action is a stacked card: ref and title; owner, due and RAG side by side; the latest update.
  row: {
    [NARROW]: {
      display: 'grid',
      gridTemplateColumns: 'minmax(2.5em, max-content) repeat(3, minmax(0, 1fr))',
      gridTemplateAreas: '"ref title title title" ". owner due rag" ". update update update"',
      columnGap: tokens.spacingHorizontalM,
      rowGap: tokens.spacingVerticalS,
      padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    },
  },
  ref: {
    width: '4.5em',
    fontVariantNumeric: 'tabular-nums',
    [NARROW]: { gridArea: 'ref', width: 'auto', fontWeight: tokens.fontWeightSemibold },
  },
  action: { [NARROW]: { gridArea: 'title' } },
  ownerCell: { [NARROW]: { gridArea: 'owner' } },
  dueCell: { [NARROW]: { gridArea: 'due' } },
  ragCell: { [NARROW]: { gridArea: 'rag' } },
  updateCell: { [NARROW]: { gridArea: 'update' } },
  owner: { width: '14%' },
  due: { width: '12%' },
  rag: { width: '9.5em' },
  update: { width: '32%' },
  label: stackedCellLabel,
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

type DueFacts = Pick<PlanItem, 'dueDate' | 'dueLabel' | 'overdue'>;

/** "17 Mar 2026" + "in 7 days" / "3 days overdue" (with a warning sign and the word, never colour alone). */
export function DueCell({ action, inline = false }: { action: DueFacts; inline?: boolean }) {
  const styles = useStyles();
  if (inline) {
    return (
      <span className={action.overdue ? styles.overdue : undefined}>
        {action.overdue && <WarningFilled aria-hidden="true" />}
        {action.dueDate ? `${formatDate(action.dueDate)} · ${action.dueLabel}` : action.dueLabel}
      </span>
    );
  }
  const { date, note } = dueCellText(action);
  return (
    <>
      {date}
      {note &&
        (action.overdue ? (
          <span className={`${styles.meta} ${styles.overdue}`}>
            <WarningFilled aria-hidden="true" />
            {note}
          </span>
        ) : (
          <span className={styles.meta}>{note}</span>
        ))}
    </>
  );
}

/** A cell's column name, shown only when the row is stacked (screen readers get it from the column header). */
function CellLabel({ children }: { children: string }) {
  const styles = useStyles();
  return (
    <span className={styles.label} aria-hidden="true">
      {children}
    </span>
  );
}

const ActionRow = memo(function ActionRow({
  action,
  index,
  measure,
}: {
  action: PlanItem;
  index?: number;
  measure?: (el: Element | null) => void;
}) {
  const styles = useStyles();
  const latest = action.latest;
  return (
    <tr role="row" className={styles.row} data-action-id={action.id} data-ref={action.ref} data-index={index} ref={measure}>
      <td role="cell" className={mergeClasses(styles.td, styles.ref)}>
        {action.ref}
      </td>
      <td role="cell" className={mergeClasses(styles.td, styles.action)}>
        <RouteLink to={`/actions/${encodeURIComponent(action.id)}`} className={styles.title}>
          <bdi>{action.title}</bdi>
        </RouteLink>
        <span className={styles.meta}>{STATUS_LABELS[action.status]}</span>
      </td>
      <td role="cell" className={mergeClasses(styles.td, styles.ownerCell)}>
        <CellLabel>Owner</CellLabel>
        <bdi>{action.ownerLabel}</bdi>
      </td>
      <td role="cell" className={mergeClasses(styles.td, styles.dueCell)}>
        <CellLabel>Due</CellLabel>
        <DueCell action={action} />
      </td>
      <td role="cell" className={mergeClasses(styles.td, styles.ragCell)}>
        <CellLabel>RAG</CellLabel>
        <RagBadge rag={action.rag} status={action.status} />
      </td>
      <td role="cell" className={mergeClasses(styles.td, styles.updateCell)}>
        <CellLabel>Latest update</CellLabel>
        {latest ? (
          <>
            <bdi className={`${styles.clamp} latest-text`}>{latest.text}</bdi>
            <span className={styles.meta}>
              <bdi>{latest.authorName}</bdi>, {formatDate(latest.day)}
            </span>
            <EvidenceLinks links={latest.links} maxLabel={48} />
          </>
        ) : (
          <span className={styles.meta}>No update yet</span>
        )}
        {action.stale && <span className={`${styles.meta} ${styles.stale}`}>No update in 30 days</span>}
      </td>
    </tr>
  );
});

/**
 * The actions of one group as a dense table (ref, action, owner, due, RAG,
 * latest update) that becomes a list of stacked cards on narrow screens.
 * Long groups render only the rows near the screen unless `everyRow` (print).
 */
export function ActionTable({ actions, labelledBy, everyRow }: { actions: PlanItem[]; labelledBy: string; everyRow: boolean }) {
  const styles = useStyles();
  return (
    <table role="table" className={`${styles.table} plan-table`} aria-labelledby={labelledBy}>
      <thead role="rowgroup" className={styles.head}>
        <tr role="row">
          <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.ref, 'col-ref')}>
            Ref
          </th>
          <th role="columnheader" scope="col" className={styles.th}>
            Action
          </th>
          <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.owner, 'col-owner')}>
            Owner
          </th>
          <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.due, 'col-due')}>
            Due
          </th>
          <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.rag, 'col-rag')}>
            RAG
          </th>
          <th role="columnheader" scope="col" className={mergeClasses(styles.th, styles.update, 'col-update')}>
            Latest update
          </th>
        </tr>
      </thead>
      {everyRow || actions.length <= VIRTUAL_ABOVE ? (
        <tbody role="rowgroup">
          {actions.map((a) => (
            <ActionRow key={a.id} action={a} />
          ))}
        </tbody>
      ) : (
        <VirtualRows
          count={actions.length}
          estimateSize={72}
          render={(i, measure) => <ActionRow key={actions[i]!.id} action={actions[i]!} index={i} measure={measure} />}
        />
      )}
    </table>
  );
}

/** Groups up to this many rows render whole; longer ones render the rows near the screen. */
const VIRTUAL_ABOVE = 40;
