import { Field, Select, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ModelEmployerResponse } from '../../api/types.js';
import { BackLink } from '../../components/BackLink.js';
import { PageHeading } from '../../components/PageHeading.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { LoadError, Loading } from '../../components/Status.js';
import { useApiGet } from '../../components/use-api-get.js';
import { BandChart, gapText, pct } from './BandChart.js';
import { figureTableCells } from '../../components/table-styles.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalM}`, maxWidth: '75ch' },
  scroll: { overflowX: 'auto' },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300, marginTop: tokens.spacingVerticalL },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  th: figureTableCells.th,
  td: { ...figureTableCells.td, fontVariantNumeric: 'tabular-nums' },
  below: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The Model Employer view: BME share in each AfC band cluster against the organisation's aspirational goal, as a chart and a table. */
export default function ModelEmployerPage() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const [year, setYear] = useState<string | null>(null);
  const query = year ? `?year=${encodeURIComponent(year)}` : '';
  const { data, error, reload } = useApiGet<ModelEmployerResponse>(`/indicators/model-employer${query}`);

  const back = <BackLink to="/indicators">All indicators</BackLink>;
  if (error)
    return (
      <>
        {back}
        <LoadError error={error} what="the Model Employer view" onRetry={reload} />
      </>
    );
  if (!data) return <Loading label="Loading the Model Employer view…" />;
  const goalWords =
    data.goalSource === 'configured' ? 'the organisation’s aspirational goal' : 'the BME share of the whole workforce that year';
  return (
    <>
      {back}
      <PageHeading>Model Employer: BME staff by band</PageHeading>
      <p className={styles.intro}>
        The share of BME staff in each Agenda for Change band cluster, against {goalWords}
        {data.goalPercent !== null ? ` (${pct(data.goalPercent)})` : ''}. The aim is for every band to be as diverse as the goal.
      </p>
      {data.years.length > 1 && (
        <Field label="Year" style={{ maxWidth: 200, marginBottom: tokens.spacingVerticalM }}>
          <Select value={data.year ?? ''} onChange={(_e, d) => setYear(d.value)}>
            {data.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <section className={mergeClasses(panel.panel, styles.scroll)} aria-label={`Model Employer ${data.year ?? ''}`}>
        {!data.rows || data.goalPercent === null ? (
          <p className={styles.intro}>
            {data.year
              ? `There are not enough figures for ${data.year}: enter the workforce and band headcounts (indicator 1).`
              : 'No band figures have been entered yet: enter them on the indicator 1 page.'}
          </p>
        ) : (
          <>
            <BandChart rows={data.rows} goal={data.goalPercent} />
            <table className={styles.table} data-testid="model-employer-table">
              <caption className={styles.caption}>BME share by band cluster, {data.year}</caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.th}>
                    Band cluster
                  </th>
                  <th scope="col" className={styles.th}>
                    BME staff
                  </th>
                  <th scope="col" className={styles.th}>
                    Goal
                  </th>
                  <th scope="col" className={styles.th}>
                    Against the goal
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.cluster} data-cluster={r.cluster}>
                    <th scope="row" className={styles.td} style={{ fontWeight: 'normal', textAlign: 'left' }}>
                      {r.label}
                    </th>
                    <td className={styles.td}>{r.bmePercent === null ? '—' : pct(r.bmePercent)}</td>
                    <td className={styles.td}>{pct(r.goalPercent)}</td>
                    <td className={`${styles.td} ${r.gap !== null && r.gap < -0.05 ? styles.below : ''}`}>{gapText(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
