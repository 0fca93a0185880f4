import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { IndicatorsResponse } from '../../api/types.js';
import { BackLink } from '../../components/BackLink.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { plural } from '../../lib/format.js';
import { itemFromView } from '../../api/plan-list.js';
import { ActionTable } from '../plan/ActionTable.js';
import { adverseRule, DIRECTION_LABELS, latestText, unitText } from './evidence-text.js';
import { FiguresForm } from './FiguresForm.js';
import { TrendChart } from './TrendChart.js';
import { TrendTable } from './TrendTable.js';

const useStyles = makeStyles({
  description: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}`, maxWidth: '75ch' },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXXL}`,
    margin: `0 0 ${tokens.spacingVerticalL}`,
  },
  fact: { margin: 0 },
  factLabel: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  factValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  worse: { color: tokens.colorPaletteRedForeground1 },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  unit: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalS}` },
  tableGap: { marginTop: tokens.spacingVerticalL, overflowX: 'auto' },
});

/** One indicator: what it measures, its trend as a chart and a table, the actions citing it, and (for leads) the figures form. */
export default function IndicatorPage({ n }: { n: number }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { data, error, reload } = useApiGet<IndicatorsResponse>('/indicators');

  const back = <BackLink to="/indicators">All indicators</BackLink>;
  if (error)
    return (
      <>
        {back}
        <LoadError error={error} what="this indicator" onRetry={reload} />
      </>
    );
  if (!data) return <Loading label="Loading the indicator…" />;
  const e = data.indicators.find((i) => i.indicator === n);
  if (!e)
    return (
      <>
        {back}
        <PageHeading>No such indicator</PageHeading>
        <p>The WRES has nine indicators, numbered 1 to 9.</p>
      </>
    );
  const open = e.openActions;
  return (
    <>
      {back}
      <PageHeading>
        Indicator {e.indicator} — {e.shortName}
      </PageHeading>
      <p className={styles.description}>{e.description}.</p>
      <dl className={styles.facts} data-testid="indicator-facts">
        <div>
          <dt className={styles.factLabel}>Latest</dt>
          <dd className={styles.factValue}>{latestText(e)}</dd>
        </div>
        <div>
          <dt className={styles.factLabel}>Since the year before</dt>
          <dd className={`${styles.factValue} ${e.direction === 'worse' ? styles.worse : ''}`} data-testid="direction">
            {DIRECTION_LABELS[e.direction]}
          </dd>
        </div>
        <div>
          <dt className={styles.factLabel}>Open actions</dt>
          <dd className={styles.factValue}>{open}</dd>
        </div>
      </dl>
      {e.direction === 'worse' && open === 0 && (
        <MessageBar intent="warning" layout="multiline" style={{ marginBottom: tokens.spacingVerticalL }}>
          <MessageBarBody>This indicator worsened and no open action in the plan addresses it.</MessageBarBody>
        </MessageBar>
      )}
      <section className={panel.panel} aria-labelledby="trend-heading">
        <h2 id="trend-heading" className={styles.h2}>
          Trend
        </h2>
        <p className={styles.unit}>
          {unitText(e.indicator)}. Adverse when {adverseRule(e.indicator)}.
        </p>
        <TrendChart evidence={e} />
        <div className={styles.tableGap}>
          <TrendTable evidence={e} />
        </div>
      </section>
      <section className={panel.panel} aria-labelledby="linked-heading">
        <h2 id="linked-heading" className={styles.h2}>
          Actions for this indicator ({plural(e.actions.length, 'action')}, {open} open)
        </h2>
        {e.actions.length ? (
          <ActionTable actions={e.actions.map(itemFromView)} labelledBy="linked-heading" everyRow />
        ) : (
          <p className={styles.unit}>No action in the plan cites this indicator.</p>
        )}
      </section>
      {data.canEditFigures && (
        <section className={`${panel.panel} no-print`} aria-label="Enter figures">
          <FiguresForm indicator={e.indicator} data={data} onSaved={reload} />
        </section>
      )}
    </>
  );
}
