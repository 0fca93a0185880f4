import { makeStyles } from '@fluentui/react-components';
import type { ChangesResponse } from '../../api/types.js';
import { listTableCells } from '../../components/table-styles.js';
import { RouteLink } from '../../router.js';
import { ActionCells, Section, WhenByCells } from './ChangeSection.js';

const useStyles = makeStyles({
  td: { ...listTableCells.td, overflowWrap: 'break-word' },
});

/** Reassignments and actions carried into the next plan year, each their own table (they are not progress notes). */
export function OwnerChangeTables({ data }: { data: ChangesResponse }) {
  const styles = useStyles();
  return (
    <>
      <Section
        id="reassignments"
        title="Reassigned"
        count={data.reassignments.length}
        headers={['Ref', 'Action', 'From', 'To', 'When', 'By']}
      >
        {data.reassignments.map((r, i) => (
          <tr key={`${r.action.id}-${i}`}>
            <ActionCells action={r.action} />
            <td className={styles.td} data-label="From">
              <bdi>{r.from}</bdi>
            </td>
            <td className={styles.td} data-label="To">
              <bdi>{r.to}</bdi>
            </td>
            <WhenByCells at={r.at} by={r.by} />
          </tr>
        ))}
      </Section>
      <Section id="carried-over" title="Carried over" count={data.carriedOver.length} headers={['Ref', 'Action', 'Into', 'When', 'By']}>
        {data.carriedOver.map((c, i) => (
          <tr key={`${c.action.id}-${i}`}>
            <ActionCells action={c.action} />
            <td className={styles.td} data-label="Into">
              <RouteLink to={`/actions/${encodeURIComponent(c.to.id)}`}>
                {c.to.planYear} · {c.to.ref}
              </RouteLink>
            </td>
            <WhenByCells at={c.at} by={c.by} />
          </tr>
        ))}
      </Section>
    </>
  );
}
