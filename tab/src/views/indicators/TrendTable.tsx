import { makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorEvidence } from '../../api/types.js';
import { adverseText, cellValue, changeText, direction } from './evidence-text.js';
import { figureTableCells } from '../../components/table-styles.js';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300, minWidth: '50%' },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: `0 0 ${tokens.spacingVerticalXS}` },
  th: figureTableCells.th,
  td: figureTableCells.td,
  num: { fontVariantNumeric: 'tabular-nums' },
  adverse: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The chart's values as a real table: year, value, adverse or not, and the change from the year before, all in words. */
export function TrendTable({ evidence }: { evidence: IndicatorEvidence }) {
  const styles = useStyles();
  if (evidence.values.length === 0) return null;
  return (
    <table className={`${styles.table} stack-narrow`} data-testid="trend-table">
      <caption className={styles.caption}>Indicator {evidence.indicator} by year</caption>
      <thead>
        <tr>
          <th scope="col" className={styles.th}>
            Year
          </th>
          <th scope="col" className={styles.th}>
            {evidence.unit === 'ratio' ? 'Relative likelihood' : 'Gap (points)'}
          </th>
          <th scope="col" className={styles.th}>
            Adverse?
          </th>
          <th scope="col" className={styles.th}>
            Change
          </th>
        </tr>
      </thead>
      <tbody>
        {evidence.values.map((v, i) => (
          <tr key={v.year} data-year={v.year}>
            <th scope="row" className={styles.td} style={{ fontWeight: 'normal', textAlign: 'left' }}>
              {v.year}
            </th>
            <td className={`${styles.td} ${styles.num}`} data-label={evidence.unit === 'ratio' ? 'Relative likelihood' : 'Gap (points)'}>
              {cellValue(v)}
            </td>
            <td className={`${styles.td} ${v.adverse ? styles.adverse : ''}`} data-label="Adverse?">
              {adverseText(v)}
            </td>
            <td className={styles.td} data-label="Change">
              {changeText(evidence.values, i, direction)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
