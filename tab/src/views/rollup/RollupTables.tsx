import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, QuestionCircleRegular, SubtractCircleRegular, WarningRegular } from '@fluentui/react-icons';
import type { IndicatorLatest, RollupResponse, ServedMember } from '../../api/types.js';
import { listTableCells } from '../../components/table-styles.js';
import { missingMemberText } from '../../lib/domain.js';

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300, marginBottom: tokens.spacingVerticalL },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} 0` },
  th: listTableCells.th,
  td: listTableCells.td,
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  attention: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  direction: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, whiteSpace: 'nowrap' },
  value: { display: 'block', fontVariantNumeric: 'tabular-nums' },
  worse: { color: tokens.colorPaletteRedForeground1 },
  better: { color: tokens.colorPaletteGreenForeground1 },
});

/** Words first, the icon beside them: a direction never rests on colour or an icon alone. */
const DIRECTIONS: Record<IndicatorLatest['direction'], { words: string; Icon: typeof WarningRegular }> = {
  better: { words: 'better', Icon: CheckmarkCircleRegular },
  worse: { words: 'worse', Icon: WarningRegular },
  unchanged: { words: 'no change', Icon: SubtractCircleRegular },
  unknown: { words: 'no trend yet', Icon: QuestionCircleRegular },
};

const served = (m: RollupResponse['members'][number]): m is ServedMember => m.served;

/** The plan progress of each member: actions, % complete, overdue, no recent update, worsened indicators with no open action. */
export function ProgressTable({ rollup }: { rollup: RollupResponse }) {
  const styles = useStyles();
  const staleDays = [...new Set(rollup.members.filter(served).map((m) => m.staleAfterDays))];
  const staleHeading = staleDays.length === 1 ? `No update in ${staleDays[0]} days` : 'No recent update';
  const heads = ['Member', 'Actions', '% complete', 'Overdue', staleHeading, 'Worsened, no open action'];
  return (
    <table className={mergeClasses(styles.table, 'stack-narrow', 'rollup-table')} data-testid={`rollup-progress-${rollup.group.id}`}>
      <caption className={styles.caption}>Plan progress</caption>
      <thead>
        <tr>
          {heads.map((h, i) => (
            <th key={h} scope="col" className={mergeClasses(styles.th, i > 0 && i < 5 && styles.num)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rollup.members.map((m) =>
          served(m) ? (
            <tr key={m.id} data-member={m.id}>
              <th scope="row" className={styles.td}>
                <bdi>{m.name}</bdi> <span className={styles.muted}>({m.id})</span>
              </th>
              <td className={mergeClasses(styles.td, styles.num)} data-label="Actions">
                {m.actions}
              </td>
              <td className={mergeClasses(styles.td, styles.num)} data-label="% complete">
                {m.percentComplete}%
              </td>
              <td className={mergeClasses(styles.td, styles.num, m.overdue > 0 && styles.attention)} data-label="Overdue">
                {m.overdue}
              </td>
              <td className={mergeClasses(styles.td, styles.num)} data-label={staleHeading}>
                {m.stale}
                {staleDays.length > 1 && <span className={styles.muted}> ({m.staleAfterDays} days)</span>}
              </td>
              <td className={styles.td} data-label="Worsened, no open action">
                {m.worsenedWithoutAction.length ? (
                  <span className={mergeClasses(styles.direction, styles.attention)}>
                    <WarningRegular aria-hidden />
                    {m.worsenedWithoutAction.map((n) => `Indicator ${n}`).join(', ')}
                  </span>
                ) : (
                  'None'
                )}
              </td>
            </tr>
          ) : (
            <tr key={m.id} data-member={m.id}>
              <th scope="row" className={styles.td}>
                {m.name ? (
                  <>
                    <bdi>{m.name}</bdi> <span className={styles.muted}>({m.id})</span>
                  </>
                ) : (
                  m.id
                )}
              </th>
              <td className={mergeClasses(styles.td, m.why === 'unreadable' ? styles.attention : styles.muted)} colSpan={5}>
                {missingMemberText(m)}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

/** Each served member's latest value of every WRES indicator, with its direction in words and an icon. */
export function IndicatorsTable({ rollup }: { rollup: RollupResponse }) {
  const styles = useStyles();
  const members = rollup.members.filter(served);
  if (members.length === 0) return null;
  const indicators = members[0]!.indicators;
  return (
    <table className={mergeClasses(styles.table, 'stack-narrow', 'rollup-table')} data-testid={`rollup-indicators-${rollup.group.id}`}>
      <caption className={styles.caption}>Latest WRES indicator values (direction for BME staff)</caption>
      <thead>
        <tr>
          <th scope="col" className={styles.th}>
            Member
          </th>
          {indicators.map((i) => (
            <th key={i.indicator} scope="col" className={styles.th}>
              {i.indicator} {i.shortName}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.id} data-member={m.id}>
            <th scope="row" className={styles.td}>
              <bdi>{m.name}</bdi>
            </th>
            {m.indicators.map((i) => (
              <td key={i.indicator} className={styles.td} data-label={`${i.indicator} ${i.shortName}`} data-direction={i.direction}>
                <IndicatorValue value={i} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IndicatorValue({ value }: { value: IndicatorLatest }) {
  const styles = useStyles();
  if (value.value === null) return <span className={styles.muted}>No figures</span>;
  const { words, Icon } = DIRECTIONS[value.direction];
  const tone = value.direction === 'worse' ? styles.worse : value.direction === 'better' ? styles.better : styles.muted;
  return (
    <>
      <span className={styles.value}>
        {value.text} <span className={styles.muted}>({value.year})</span>
      </span>
      <span className={mergeClasses(styles.direction, tone)}>
        <Icon aria-hidden />
        {words}
      </span>
    </>
  );
}
