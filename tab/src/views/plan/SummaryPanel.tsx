import { makeStyles, tokens } from '@fluentui/react-components';
import type { SummaryResponse } from '../../api/types.js';
import { usePanelStyles } from '../../components/panel-styles.js';
import { CARRIED_OVER_FILL, RAG_FILL } from '../../components/rag-colours.js';
import { RAG_LABELS, STATUS_LABELS } from '../../lib/domain.js';
import { RAG_ORDER, summaryRags, summaryStats } from '../../lib/plan-text.js';
import { IndicatorTable } from './IndicatorTable.js';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: `0 0 ${tokens.spacingVerticalS}` },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) minmax(360px, 2fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (max-width: 800px)': { gridTemplateColumns: '1fr' },
  },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: `0 0 ${tokens.spacingVerticalM}`,
  },
  stat: { display: 'flex', flexDirection: 'column-reverse', margin: 0 },
  statValue: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  statLabel: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  attention: { color: tokens.colorPaletteRedForeground1 },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0` },
  ragList: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalXS },
  ragRow: {
    display: 'grid',
    gridTemplateColumns: '120px 40px 1fr',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase300,
  },
  ragCount: { textAlign: 'right', fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  track: { height: '10px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  fill: { height: '100%', borderRadius: tokens.borderRadiusSmall, forcedColorAdjust: 'none' },
});

/** The plan at a glance: totals, RAG counts as labelled bars, and one row per WRES indicator. */
export function SummaryPanel({ summary }: { summary: SummaryResponse }) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const stats = summaryStats(summary);
  const max = Math.max(1, summary.carriedOver, ...RAG_ORDER.map((r) => summary.byRag[r]));
  return (
    <section className={`${panel.panel} summary-panel`} aria-labelledby="summary-heading">
      <h2 id="summary-heading" className={styles.h2}>
        Summary
      </h2>
      <dl className={styles.stats} data-testid="summary-stats">
        {stats.map((s) => (
          <div key={s.label} className={styles.stat}>
            <dt className={styles.statLabel}>{s.label}</dt>
            <dd className={`${styles.statValue} ${s.attention ? styles.attention : ''}`} data-stat={s.label}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      <div className={styles.columns}>
        <div>
          <h3 className={styles.h3}>Actions by RAG rating</h3>
          <ul className={styles.ragList} data-testid="rag-counts">
            {summaryRags(summary).map((rag) => (
              <li key={rag} className={styles.ragRow} data-rag={rag}>
                <span>{RAG_LABELS[rag]}</span>
                <span className={styles.ragCount}>{summary.byRag[rag]}</span>
                <span className={styles.track} aria-hidden="true">
                  <span
                    className={styles.fill}
                    style={{ display: 'block', width: `${(summary.byRag[rag] / max) * 100}%`, backgroundColor: RAG_FILL[rag] }}
                  />
                </span>
              </li>
            ))}
            {summary.carriedOver > 0 && (
              <li className={styles.ragRow} data-rag="CarriedOver">
                <span>{STATUS_LABELS.CarriedOver}</span>
                <span className={styles.ragCount}>{summary.carriedOver}</span>
                <span className={styles.track} aria-hidden="true">
                  <span
                    className={styles.fill}
                    style={{ display: 'block', width: `${(summary.carriedOver / max) * 100}%`, backgroundColor: CARRIED_OVER_FILL }}
                  />
                </span>
              </li>
            )}
          </ul>
        </div>
        <IndicatorTable rows={summary.perIndicator} />
      </div>
    </section>
  );
}
