import type { IndicatorMetric, IndicatorNumber } from '../domain/model.js';
import { cleanCell } from './cell-text.js';
import { detectHeader, exactMeaning } from './headers.js';
import { isMetricHeader, metricCellText, parseMetricCell, VALUE_INDICATORS } from './metric-columns.js';
import type { ParsedAction, RawDocument, RawRow } from './types.js';

/** Figures found in a plan's metric columns, and notes about cells that could not be used. */
export interface PlanFigures {
  metrics: IndicatorMetric[];
  warnings: string[];
}

interface MetricColumn {
  index: number;
  header: string;
}

/** The imported action a row became: same row number, and the same reference when the plan has a reference column. */
function actionFor(
  raw: RawRow,
  cells: string[],
  refColumn: number | undefined,
  actions: readonly ParsedAction[],
): ParsedAction | undefined {
  const ref = refColumn === undefined ? '' : (cells[refColumn] ?? '').replace(/\.$/, '');
  const candidates = actions.filter((a) => a.row === raw.rowNumber && (!ref || a.action.ref === ref));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The one indicator a row's figures belong to, or a reason why there is none. */
function indicatorOf(indicators: readonly IndicatorNumber[]): IndicatorNumber | string {
  const withValues = indicators.filter((n) => VALUE_INDICATORS.includes(n));
  if (withValues.length === 1) return withValues[0]!;
  if (withValues.length > 1)
    return `the action cites several indicators (${withValues.join(', ')}), so it is not clear which one they measure`;
  if (indicators.length)
    return `indicator ${indicators.join(', ')} needs white and BME figures: enter them on the indicator's page in the tab`;
  return 'the action does not name a WRES indicator';
}

/**
 * Reads the figures beside the actions of an imported plan: columns headed
 * "Metric", "Data", "Baseline", "WRES data" or a year such as "2018-2019",
 * whose cells read like "2018-2019 2.01, 2019-2020 1.45" (see
 * `parseMetricCell`). Each row's figures go to the one indicator among 2, 3,
 * 4 and 9 that its imported action cites; cells that cannot be used are
 * explained in `warnings`. The first value wins when two rows give one year.
 */
export function planFigures(doc: RawDocument, actions: readonly ParsedAction[], importedAt: string): PlanFigures {
  const found = new Map<string, IndicatorMetric & { location: string }>();
  const warnings: string[] = [];
  let columns: MetricColumn[] = [];
  let refColumn: number | undefined;
  for (const table of doc.tables) {
    if (!table.continuesPrevious) [columns, refColumn] = [[], undefined];
    for (const raw of table.rows) {
      const cells = raw.cells.map(cleanCell);
      const header = detectHeader(cells);
      if (header) {
        columns = cells.flatMap((c, index) => (c && !exactMeaning(c) && isMetricHeader(c) ? [{ index, header: c }] : []));
        refColumn = header.ref;
        continue;
      }
      const filled = columns.filter((c) => cells[c.index]);
      if (!filled.length) continue;
      const parsed = actionFor(raw, cells, refColumn, actions);
      if (!parsed) continue;
      const indicator = indicatorOf(parsed.action.indicators);
      if (typeof indicator === 'string') {
        warnings.push(`The figures in ${raw.location} were not imported: ${indicator}.`);
        continue;
      }
      for (const column of filled) {
        const text = cells[column.index]!;
        const metrics = parseMetricCell(metricCellText(column.header, text), indicator, importedAt);
        if (!metrics.length && /\d/.test(text))
          warnings.push(
            `No figures could be read from "${text}" (${raw.location}, column "${column.header}"): write them like "2018-2019 2.01, 2019-2020 1.45".`,
          );
        for (const m of metrics) {
          const key = `${m.year}|${m.measure}`;
          const earlier = found.get(key);
          if (!earlier) found.set(key, { ...m, location: raw.location });
          else if (earlier.value !== m.value)
            warnings.push(
              `Indicator ${indicator} for ${m.year} is ${earlier.value} at ${earlier.location} but ${m.value} at ${raw.location}; ${earlier.value} was kept.`,
            );
        }
      }
    }
  }
  return { metrics: [...found.values()].map(({ location: _location, ...m }) => m), warnings };
}

/**
 * Which of a plan's figures to save: those that differ from the stored
 * ones, except that a figure a person entered in the tab is never
 * overwritten by a plan (those are returned as `kept`).
 */
export function figuresToSave(
  metrics: readonly IndicatorMetric[],
  stored: readonly IndicatorMetric[],
): { fresh: IndicatorMetric[]; kept: IndicatorMetric[] } {
  const byKey = new Map(stored.map((m) => [`${m.year}|${m.measure}`, m]));
  const fresh: IndicatorMetric[] = [];
  const kept: IndicatorMetric[] = [];
  for (const m of metrics) {
    const earlier = byKey.get(`${m.year}|${m.measure}`);
    if (earlier?.value === m.value) continue;
    if (earlier?.source === 'tab') kept.push(m);
    else fresh.push(m);
  }
  return { fresh, kept };
}
