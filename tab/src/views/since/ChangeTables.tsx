import { makeStyles, tokens } from '@fluentui/react-components';
import type { ChangesResponse } from '../../api/types.js';
import { EvidenceLinks } from '../../components/EvidenceLinks.js';
import { RagBadge } from '../../components/RagBadge.js';
import { formatDate, formatInstant, formatInstantDay } from '../../lib/format.js';
import { listTableCells } from '../../components/table-styles.js';
import { ActionCells, Section, WhenByCells } from './ChangeSection.js';
import { OwnerChangeTables } from './OwnerChangeTables.js';

const useStyles = makeStyles({
  td: { ...listTableCells.td, overflowWrap: 'break-word' },
  note: { whiteSpace: 'pre-wrap' },
  move: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

/** The parts of the changes report, each a titled table. */
export function ChangeTables({ data }: { data: ChangesResponse }) {
  const styles = useStyles();
  return (
    <>
      <Section id="rag-moves" title="RAG moves" count={data.ragMoves.length} headers={['Ref', 'Action', 'Owner', 'Change', 'When', 'By']}>
        {data.ragMoves.map((m, i) => (
          <tr key={`${m.action.id}-${i}`}>
            <ActionCells action={m.action} />
            <td className={styles.td} data-label="Owner">
              <bdi>{m.action.ownerLabel}</bdi>
            </td>
            <td className={styles.td} data-label="Change">
              <span className={styles.move}>
                <RagBadge rag={m.from} /> → <RagBadge rag={m.to} />
              </span>
            </td>
            <WhenByCells at={m.at} by={m.by} />
          </tr>
        ))}
      </Section>
      <Section id="completions" title="Completed" count={data.completions.length} headers={['Ref', 'Action', 'Owner', 'Completed', 'By']}>
        {data.completions.map((c, i) => (
          <tr key={`${c.action.id}-${i}`}>
            <ActionCells action={c.action} />
            <td className={styles.td} data-label="Owner">
              <bdi>{c.action.ownerLabel}</bdi>
            </td>
            <td className={styles.td} data-label="Completed">
              {formatInstantDay(c.at)}
            </td>
            <td className={styles.td} data-label="By">
              <bdi>{c.by}</bdi>
            </td>
          </tr>
        ))}
      </Section>
      <Section id="newly-overdue" title="Newly overdue" count={data.newlyOverdue.length} headers={['Ref', 'Action', 'Owner', 'Due', 'RAG']}>
        {data.newlyOverdue.map((a) => (
          <tr key={a.id}>
            <ActionCells action={a} />
            <td className={styles.td} data-label="Owner">
              <bdi>{a.ownerLabel}</bdi>
            </td>
            <td className={styles.td} data-label="Due">
              {a.dueDate ? formatDate(a.dueDate) : a.dueText} · {a.dueLabel}
            </td>
            <td className={styles.td} data-label="RAG">
              <RagBadge rag={a.rag} />
            </td>
          </tr>
        ))}
      </Section>
      <OwnerChangeTables data={data} />
      <Section id="all-updates" title="Every update" count={data.updates.length} headers={['When', 'Ref', 'Action', 'By', 'Update', 'RAG']}>
        {data.updates.map((u) => (
          <tr key={u.id}>
            <td className={styles.td} data-label="When">
              {formatInstant(u.submittedAt)}
            </td>
            <ActionCells action={{ id: u.actionId, ref: u.ref, title: u.title }} />
            <td className={styles.td} data-label="By">
              <bdi>{u.author.name}</bdi>
            </td>
            <td className={`${styles.td} ${styles.note}`} data-label="Update">
              <bdi>{u.text}</bdi>
              <EvidenceLinks links={u.links} />
            </td>
            <td className={styles.td} data-label="RAG">
              <RagBadge rag={u.ragTo} />
            </td>
          </tr>
        ))}
      </Section>
    </>
  );
}
