// The tab's JavaScript and CSS as the real service sends them to a browser (first visit, nothing
// cached): bytes on the wire ÷ the files' own size, the encoding of each and the caching of hashed
// assets; then, in headless Chromium on a 5,000-action plan, search typed → filtered plan shown.
// Prints; never asserts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startTabService, tabUrl } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';
import { median, report, times } from './figures.js';
import { BROWSER_ENCODINGS, fetchRaw, repeatedSamplePlan, type RawAnswer } from './plan-api.bench.js';

const distDir = fileURLToPath(new URL('../tab/dist/', import.meta.url));
const SEARCH_RUNS = 3;
/** The compression middleware leaves answers under 1 KB as they are: not worth a header. */
const THRESHOLD = 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function assetsOnTheWire(baseUrl: string): Promise<void> {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = readdirSync(join(distDir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const answers: (RawAnswer & { file: string; size: number; first: boolean })[] = [];
  for (const file of files) {
    const answer = await fetchRaw(`${baseUrl}/tab/assets/${file}`, BROWSER_ENCODINGS);
    answers.push({ ...answer, file, size: statSync(join(distDir, 'assets', file)).size, first: html.includes(`assets/${file}`) });
  }
  const sum = (xs: typeof answers, key: 'bytes' | 'size') => xs.reduce((n, a) => n + a[key], 0);
  const first = answers.filter((a) => a.first);
  const plain = answers.filter((a) => a.size >= THRESHOLD && a.encoding === 'none').map((a) => a.file);
  const notImmutable = answers.filter((a) => !/\bimmutable\b/.test(a.cacheControl)).map((a) => a.file);
  const encodings = [...new Set(answers.filter((a) => a.encoding !== 'none').map((a) => a.encoding))].join(', ');
  report({
    measure: 'tab JS/CSS on the wire ÷ their size',
    value: times(sum(answers, 'bytes') / sum(answers, 'size')),
    detail:
      `all ${answers.length} files ${kb(sum(answers, 'bytes'))} of ${kb(sum(answers, 'size'))} (${encodings}); ` +
      `index.html's ${first.length} ${kb(sum(first, 'bytes'))} of ${kb(sum(first, 'size'))}; ` +
      `${plain.length ? `sent plain: ${plain.join(', ')}` : 'every file over 1 KB compressed'}; ` +
      `${notImmutable.length ? `not immutable: ${notImmutable.join(', ')}` : 'every hashed file cached immutably'}`,
    target: 'compressed; hashed assets cached immutably',
    met: plain.length === 0 && notImmutable.length === 0,
  });
}

export default async function (): Promise<void> {
  setup();
  const [service, browser] = await Promise.all([startTabService({ plan: repeatedSamplePlan(5000) }), launchBrowser()]);
  try {
    await assetsOnTheWire(service.baseUrl);
    const searches: number[] = [];
    for (let run = 0; run < SEARCH_RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(tabUrl(service.baseUrl));
      await page.getByTestId('plan-count').waitFor();
      const t0 = Date.now();
      await page.getByRole('search').getByLabel('Search').fill('bystander');
      await page.getByTestId('plan-count').filter({ hasText: 'Showing' }).waitFor();
      searches.push(Date.now() - t0);
      await context.close();
    }
    console.log(
      `  search typed → filtered plan shown (5,000 actions): median ${median(searches)} ms of ${SEARCH_RUNS}, including the 200 ms typing pause`,
    );
  } finally {
    await browser.close();
    await service.close();
  }
}
