import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { ModelEmployerRow } from './evidence-text.js';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '640px', height: 'auto', display: 'block' },
});

/** "24.8%". */
export const pct = (v: number) => `${v.toFixed(1)}%`;

/** "10.0 points below the goal", "4.2 points above the goal", "at the goal", "no staff recorded". */
export function gapText(row: ModelEmployerRow): string {
  if (row.gap === null) return 'No staff recorded';
  if (Math.abs(row.gap) < 0.05) return 'At the goal';
  return `${Math.abs(row.gap).toFixed(1)} points ${row.gap < 0 ? 'below' : 'above'} the goal`;
}

/** BME % per band cluster as horizontal bars with the goal as a dashed line (role="img", with a full text description); bars below the goal say so in words. */
export function BandChart({ rows, goal }: { rows: ModelEmployerRow[]; goal: number }) {
  const styles = useStyles();
  const titleId = useId();
  const descId = useId();
  const [W, left, right, rowH, top] = [640, 150, 70, 36, 28];
  const max = Math.max(goal, ...rows.map((r) => r.bmePercent ?? 0)) * 1.15 || 10;
  const x = (v: number) => left + (v / max) * (W - left - right);
  const H = top + rows.length * rowH + 16;
  // A value label that would straddle the goal line starts just after it instead.
  const labelX = (v: number | null) => {
    const at = v === null ? left + 4 : x(v) + 6;
    return x(goal) >= at - 4 && x(goal) < at + 110 ? x(goal) + 8 : at;
  };
  const desc = `Goal ${pct(goal)}. ${rows.map((r) => `${r.label}: ${r.bmePercent === null ? 'no staff recorded' : `${pct(r.bmePercent)}, ${gapText(r).toLowerCase()}`}`).join('; ')}.`;
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid="model-employer-chart"
    >
      <title id={titleId}>BME share of staff by band cluster against the goal</title>
      <desc id={descId}>{desc}</desc>
      {rows.map((r, i) => {
        const y = top + i * rowH;
        const below = r.gap !== null && r.gap < -0.05;
        return (
          <g key={r.cluster}>
            <text x={left - 8} y={y + rowH / 2 + 4} textAnchor="end" fontSize="13" fill={tokens.colorNeutralForeground1}>
              {r.label}
            </text>
            {r.bmePercent !== null && (
              <rect
                x={left}
                y={y + 6}
                width={Math.max(1, x(r.bmePercent) - left)}
                height={rowH - 12}
                fill={below ? tokens.colorPaletteRedBackground3 : tokens.colorBrandBackground}
              />
            )}
          </g>
        );
      })}
      <line
        x1={x(goal)}
        x2={x(goal)}
        y1={top - 6}
        y2={H - 8}
        stroke={tokens.colorNeutralForeground1}
        strokeWidth={2}
        strokeDasharray="6 4"
      />
      <text x={x(goal)} y={top - 10} textAnchor="middle" fontSize="12" fill={tokens.colorNeutralForeground1}>
        Goal {pct(goal)}
      </text>
      {rows.map((r, i) => (
        <text
          key={r.cluster}
          x={labelX(r.bmePercent)}
          y={top + i * rowH + rowH / 2 + 4}
          fontSize="13"
          fill={tokens.colorNeutralForeground1}
          stroke={tokens.colorNeutralBackground1}
          strokeWidth={4}
          paintOrder="stroke"
        >
          {r.bmePercent === null ? 'no staff recorded' : `${pct(r.bmePercent)}${r.gap !== null && r.gap < -0.05 ? ' (below)' : ''}`}
        </text>
      ))}
    </svg>
  );
}
