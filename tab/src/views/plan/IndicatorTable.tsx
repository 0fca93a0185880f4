import { makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorSummary } from '../../api/types.js';
import { CARRIED_OVER_FILL, RAG_FILL } from '../../components/rag-colours.js';
import { RAG_ORDER, ragMixText } from '../../lib/plan-text.js';

const useStyles = makeStyles({
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0` },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: `2px ${tokens.spacingHorizontalS} 2px 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  td: {
    padding: `3px ${tokens.spacingHorizontalS} 3px 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: 'middle',
  },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', width: '4em' },
  mix: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  bar: {
    display: 'flex',
    gap: '2px',
    width: '96px',
    height: '10px',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
    forcedColorAdjust: 'none',
  },
  mixText: { color: tokens.colorNeutralForeground2 },
  none: { color: tokens.colorNeutralForeground3 },
});

/** One row per WRES indicator 1–9: its name, how many actions cite it, and their RAG mix in words and a bar. */
export function IndicatorTable({ rows }: { rows: IndicatorSummary[] }) {
  const styles = useStyles();
  return (
    <div>
      <h3 className={styles.h3} id="indicator-heading">
        Actions by WRES indicator
      </h3>
      <table className={`${styles.table} stack-narrow`} aria-labelledby="indicator-heading" data-testid="indicator-table">
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              Indicator
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              Actions
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              Overdue
            </th>
            <th scope="col" className={styles.th}>
              RAG mix
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.indicator} data-indicator={row.indicator}>
              <th scope="row" className={styles.td} style={{ fontWeight: 'normal', textAlign: 'left' }}>
                {row.indicator} {row.shortName}
              </th>
              <td className={`${styles.td} ${styles.num}`} data-label="Actions">
                {row.actions}
              </td>
              <td className={`${styles.td} ${styles.num}`} data-label="Overdue">
                {row.overdue}
              </td>
              <td className={styles.td} data-label="RAG mix">
                <span className={styles.mix}>
                  {row.actions > 0 && (
                    <span className={styles.bar} aria-hidden="true">
                      {RAG_ORDER.filter((r) => row.byRag[r] > 0).map((r) => (
                        <span key={r} style={{ width: `${(row.byRag[r] / row.actions) * 100}%`, backgroundColor: RAG_FILL[r] }} />
                      ))}
                      {row.carriedOver > 0 && (
                        <span style={{ width: `${(row.carriedOver / row.actions) * 100}%`, backgroundColor: CARRIED_OVER_FILL }} />
                      )}
                    </span>
                  )}
                  <span className={row.actions ? styles.mixText : styles.none}>{ragMixText(row.byRag, row.carriedOver)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
