// The tab's speed and size: time from navigation to the plan rendered for a
// 5,000-action plan in headless Chromium (median of 5), and the gzipped size
// of the built JavaScript. Prints figures; never asserts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { largePlan } from '../test/browser/large-plan.js';
import { launchBrowser, startTabService, tabUrl } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';

const ACTIONS = 5000;
const RUNS = 5;
const distDir = fileURLToPath(new URL('../tab/dist/', import.meta.url));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function bundleSizes(): void {
  const assets = join(distDir, 'assets');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  let total = 0;
  let initial = 0;
  for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    total += size;
    if (html.includes(`assets/${file}`)) initial += size;
  }
  console.log(`tab JS gzipped: ${kb(total)} in all chunks (target < 250 KB); ${kb(initial)} loaded by index.html before the first page`);
}

export default async function (): Promise<void> {
  setup();
  bundleSizes();
  const [service, browser] = await Promise.all([startTabService({ plan: largePlan(ACTIONS) }), launchBrowser()]);
  try {
    const times: number[] = [];
    const apiDone: number[] = [];
    const searches: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(tabUrl(service.baseUrl), { waitUntil: 'commit' });
      await page.locator('tr[data-action-id]').first().waitFor();
      await page.getByTestId('plan-count').waitFor();
      const timing = await page.evaluate(() => ({
        now: performance.now(),
        api: Math.max(
          ...performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes('/api/'))
            .map((e) => (e as unknown as { responseEnd: number }).responseEnd),
        ),
      }));
      times.push(timing.now);
      apiDone.push(timing.api);
      const rows = await page.locator('tr[data-action-id]').count();
      if (run === 0)
        console.log(
          `plan of ${ACTIONS.toLocaleString('en-GB')} actions: ${rows} rows rendered at first (long groups render the rows near the screen)`,
        );

      const t0 = Date.now();
      await page.getByRole('search').getByLabel('Search').fill('bystander');
      await page.getByTestId('plan-count').filter({ hasText: 'Showing' }).waitFor();
      searches.push(Date.now() - t0);
      await context.close();
    }
    console.log(
      `navigation → plan rendered (${ACTIONS} actions): median ${median(times).toFixed(0)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(0)).join(', ')}] (target < 1000 ms)`,
    );
    console.log(
      `  of which waiting for the API (/api/me and /api/plan answered): median ${median(apiDone).toFixed(0)} ms; rendering after the last answer: median ${median(times.map((t, i) => t - apiDone[i]!)).toFixed(0)} ms`,
    );
    console.log(`search typed → filtered plan shown: median ${median(searches)} ms (includes the 200 ms typing pause)`);
  } finally {
    await browser.close();
    await service.close();
  }
}
