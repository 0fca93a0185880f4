// WRES indicator evidence: GET /api/indicators and PUT /api/indicators/figures
// over HTTP on loopback (300-action plan, ten years of figures), the pure
// trend computation, and reading a ten-year wide figures file.
import { performance } from 'node:perf_hooks';
import { indicatorTrends } from '../bot/src/domain/indicator-evidence.js';
import { ALL_MEASURES } from '../bot/src/domain/indicator-figures.js';
import type { IndicatorMetric } from '../bot/src/domain/model.js';
import { readCsv } from '../bot/src/importers/csv-reader.js';
import { readFigures } from '../bot/src/importers/figures-import.js';
import { buildSampleFigures } from '../bot/src/sample/sample-figures.js';
import { LEAD, startApi } from '../test/api/harness.js';
import { IMPORTED_AT, makeImportedPlan } from '../test/store/fixtures.js';

const YEARS = Array.from({ length: 10 }, (_, i) => `${2016 + i}/${String(17 + i).padStart(2, '0')}`);

async function perCall(label: string, rounds: number, fn: () => Promise<unknown>): Promise<void> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  console.log(`${label.padEnd(52)} ${((performance.now() - start) / rounds).toFixed(2).padStart(8)} ms/call`);
}

/** Ten years of figures: the sample's three years, repeated under new year names. */
function tenYears(): IndicatorMetric[] {
  const base = buildSampleFigures(new Date('2026-03-10T09:00:00Z'));
  const sampleYears = [...new Set(base.map((m) => m.year))];
  return YEARS.flatMap((year, i) => base.filter((m) => m.year === sampleYears[i % sampleYears.length]).map((m) => ({ ...m, year })));
}

/** Prints per-call timings; never asserts. */
export default async function (): Promise<void> {
  const metrics = tenYears();
  await perCall(`indicatorTrends (${metrics.length} figures, ${YEARS.length} years)`, 200, async () => indicatorTrends(metrics));

  const header = ['Year', ...ALL_MEASURES].join(',');
  const rows = YEARS.map((y) => [y, ...ALL_MEASURES.map((_, i) => String(100 + i))].join(','));
  const csv = Buffer.from([header, ...rows].join('\n'));
  await perCall(`readFigures (wide CSV, ${YEARS.length} × ${ALL_MEASURES.length})`, 100, async () =>
    readFigures(readCsv(csv), IMPORTED_AT),
  );

  const api = await startApi();
  try {
    await api.store.importActions(makeImportedPlan(300, '2025/26'), IMPORTED_AT);
    await api.store.saveMetrics(metrics);
    await perCall('GET /api/indicators (304 actions, 10 years)', 50, async () =>
      (await api.call('/api/indicators', { devUser: LEAD.email })).arrayBuffer(),
    );
    await perCall('GET /api/indicators/model-employer', 50, async () =>
      (await api.call('/api/indicators/model-employer', { devUser: LEAD.email })).arrayBuffer(),
    );
    let n = 0;
    await perCall('PUT /api/indicators/figures (4 figures)', 50, async () => {
      n++;
      const res = await api.call('/api/indicators/figures', {
        method: 'PUT',
        devUser: LEAD.email,
        body: {
          year: '2025/26',
          figures: { 'survey5.white': 20 + (n % 5), 'survey5.bme': 25, 'workforce.white': 4600, 'workforce.bme': 1520 + n },
        },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`PUT answered ${res.status}`);
    });
  } finally {
    await api.close();
  }
}
