import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { IndicatorEvidence } from '../../api/types.js';
import { cellValue, DIRECTION_LABELS, formatValue, PARITY_RANGE } from './evidence-text.js';

const W = 640;
const H = 260;
const M = { left: 56, right: 24, top: 30, bottom: 40 };

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: `${W}px`, height: 'auto', display: 'block', overflow: 'visible' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  empty: { color: tokens.colorNeutralForeground2 },
});

/** Round tick step (1, 2 or 5 × a power of ten) giving about four intervals. */
function niceStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

function yDomain(values: number[], ratio: boolean): [number, number] {
  const refs = ratio ? [PARITY_RANGE.low, 1, PARITY_RANGE.high] : [0];
  const all = [...values, ...refs];
  const [min, max] = [Math.min(...all), Math.max(...all)];
  const pad = (max - min) * 0.15 || (ratio ? 0.25 : 2);
  return [ratio ? Math.max(0, min - pad) : min - pad, max + pad];
}

/** "Indicator 3 by year: 2023/24 1.78, adverse; …. Latest change: worse." — the chart's text alternative. */
function chartDescription(e: IndicatorEvidence): string {
  const points = e.values.map((v) => `${v.year} ${cellValue(v)}${v.adverse ? ', adverse' : ''}`).join('; ');
  return `Indicator ${e.indicator} by year: ${points}. Latest change: ${DIRECTION_LABELS[e.direction].toLowerCase()}.`;
}

/**
 * The indicator's values across years as an SVG line chart (role="img" with
 * a title and a full text description). Adverse years are drawn as diamonds,
 * the others as circles, so the flag does not rest on colour; the reference
 * (parity 1.00 and the tolerated range, or "no gap") is drawn and labelled.
 * The same values are in the table below it.
 */
export function TrendChart({ evidence }: { evidence: IndicatorEvidence }) {
  const styles = useStyles();
  const titleId = useId();
  const descId = useId();
  const { values } = evidence;
  const computed = values.filter((v) => v.value !== null).map((v) => v.value!);
  if (computed.length === 0) return <p className={styles.empty}>There are no figures to chart yet.</p>;
  const ratio = evidence.unit === 'ratio';
  const [lo, hi] = yDomain(computed, ratio);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  // Points sit inside the axes, so the first value label never covers a tick label.
  const inset = 36;
  const x = (i: number) => (values.length === 1 ? M.left + plotW / 2 : M.left + inset + (i * (plotW - 2 * inset)) / (values.length - 1));
  const y = (v: number) => M.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const step = niceStep(hi - lo);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 && ticks.length < 12; t += step) ticks.push(Number(t.toFixed(6)));
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const muted = tokens.colorNeutralForeground2;
  return (
    <div>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="trend-chart">
        <title id={titleId}>{`Chart of indicator ${evidence.indicator}, ${evidence.shortName}, by year`}</title>
        <desc id={descId}>{chartDescription(evidence)}</desc>
        {ratio && (
          <rect
            x={M.left}
            width={plotW}
            y={y(PARITY_RANGE.high)}
            height={y(PARITY_RANGE.low) - y(PARITY_RANGE.high)}
            fill={tokens.colorNeutralBackground3}
            stroke={tokens.colorNeutralStroke2}
          />
        )}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={tokens.colorNeutralStroke3} />
            <text x={M.left - 8} y={y(t) + 4} textAnchor="end" fontSize="12" fill={muted}>
              {ratio ? t.toFixed(2) : t.toFixed(Math.abs(step) < 1 ? 1 : 0)}
            </text>
          </g>
        ))}
        <line
          x1={M.left}
          x2={W - M.right}
          y1={y(ratio ? 1 : 0)}
          y2={y(ratio ? 1 : 0)}
          stroke={tokens.colorNeutralForeground2}
          strokeDasharray="6 4"
          strokeWidth={1.5}
        />
        <text x={W - M.right} y={y(ratio ? 1 : 0) - 6} textAnchor="end" fontSize="12" fill={muted}>
          {ratio ? `parity 1.00 (shaded: ${PARITY_RANGE.low.toFixed(2)}–${PARITY_RANGE.high.toFixed(2)})` : 'no gap'}
        </text>
        {segments.map((d) => (
          <path key={d} d={d} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2.5} />
        ))}
        {values.map((v, i) => (
          <g key={v.year}>
            <text x={x(i)} y={H - M.bottom + 22} textAnchor="middle" fontSize="12" fill={muted}>
              {v.year}
            </text>
            {v.value === null ? (
              <text x={x(i)} y={M.top + plotH / 2} textAnchor="middle" fontSize="12" fill={muted}>
                not computable
              </text>
            ) : (
              <>
                {v.adverse ? (
                  <path
                    d={`M${x(i)},${y(v.value) - 7}l7,7l-7,7l-7,-7z`}
                    fill={tokens.colorPaletteRedForeground1}
                    stroke={tokens.colorNeutralBackground1}
                    strokeWidth={1.5}
                  />
                ) : (
                  <circle
                    cx={x(i)}
                    cy={y(v.value)}
                    r={5.5}
                    fill={tokens.colorBrandForeground1}
                    stroke={tokens.colorNeutralBackground1}
                    strokeWidth={1.5}
                  />
                )}
                <text
                  x={x(i)}
                  y={y(v.value) - 12}
                  textAnchor="middle"
                  fontSize="13"
                  fontWeight={600}
                  fill={tokens.colorNeutralForeground1}
                  stroke={tokens.colorNeutralBackground1}
                  strokeWidth={4}
                  paintOrder="stroke"
                >
                  {formatValue(v).replace(' points', '')}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
      <p className={styles.legend} aria-hidden="true">
        <span>◆ adverse year</span>
        <span>● not adverse</span>
        <span>– – {ratio ? 'parity (1.00)' : 'no gap (0)'}</span>
      </p>
    </div>
  );
}
