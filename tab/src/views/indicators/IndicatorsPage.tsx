import { makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorsResponse } from '../../api/types.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { RouteLink } from '../../router.js';
import { adverseText, DIRECTION_LABELS, latestText } from './evidence-text.js';
import { WorsenedIndicators } from './WorsenedIndicators.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}`, maxWidth: '75ch' },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  td: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    verticalAlign: 'top',
  },
  rowHead: { fontWeight: tokens.fontWeightRegular, textAlign: 'left' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  worse: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  adverse: { color: tokens.colorPaletteRedForeground1 },
  links: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: `0 0 ${tokens.spacingVerticalL}` },
});

/** All nine WRES indicators: the latest value, whether it is adverse, which way it moved, and the open actions citing it. */
export default function IndicatorsPage() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { data, error, reload } = useApiGet<IndicatorsResponse>('/indicators');

  if (error) return <LoadError error={error} what="the indicators" onRetry={reload} />;
  if (!data) return <Loading label="Loading the indicators…" />;
  return (
    <>
      <PageHeading>WRES indicators</PageHeading>
      <p className={styles.intro}>
        Is the plan working? Each indicator's latest value from the annual WRES figures
        {data.years.length ? ` (${data.years[0]} to ${data.years.at(-1)})` : ''}, whether it is adverse for BME staff, which way it moved
        since the year before, and how many open actions in the plan address it.
      </p>
      <WorsenedIndicators data={data} />
      <div className={styles.links}>
        <RouteLink to="/indicators/model-employer">Model Employer: BME staff by band against the goal</RouteLink>
      </div>
      <section className={panel.panel} aria-labelledby="all-indicators">
        <table className={`${styles.table} stack-narrow`} data-testid="indicators-table">
          <caption id="all-indicators" style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 4 }}>
            The nine indicators
          </caption>
          <thead>
            <tr>
              <th scope="col" className={styles.th}>
                Indicator
              </th>
              <th scope="col" className={styles.th}>
                Latest value
              </th>
              <th scope="col" className={styles.th}>
                Adverse?
              </th>
              <th scope="col" className={styles.th}>
                Since the year before
              </th>
              <th scope="col" className={`${styles.th} ${styles.num}`}>
                Open actions
              </th>
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((e) => (
              <tr key={e.indicator} data-indicator={e.indicator}>
                <th scope="row" className={`${styles.td} ${styles.rowHead}`}>
                  <RouteLink to={`/indicators/${e.indicator}`}>
                    {e.indicator} {e.shortName}
                  </RouteLink>
                </th>
                <td className={styles.td} data-label="Latest value">
                  {latestText(e)}
                </td>
                <td className={`${styles.td} ${e.latest?.adverse ? styles.adverse : ''}`} data-label="Adverse?">
                  {e.latest ? adverseText(e.latest) : '—'}
                </td>
                <td
                  className={`${styles.td} ${e.direction === 'worse' ? styles.worse : ''}`}
                  data-direction={e.direction}
                  data-label="Since the year before"
                >
                  {DIRECTION_LABELS[e.direction]}
                </td>
                <td className={`${styles.td} ${styles.num}`} data-label="Open actions">
                  {e.openActions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {data.years.length === 0 && (
        <p className={styles.intro}>
          No WRES figures have been entered yet.{' '}
          {data.canEditFigures
            ? 'Open an indicator to enter its figures, or import them with “wres figures import FILE”.'
            : 'Your E&D lead can enter them.'}
        </p>
      )}
    </>
  );
}
