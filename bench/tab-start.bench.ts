// Tab start-up, each figure a ratio to a reference measured in the same run:
//   1. navigation → first plan rows, the tab ÷ a minimal page that fetches the same /api/plan and
//      draws 50 rows with plain DOM (5,000 actions); the two alternate, page by page;
//   2. the tab's growth: navigation → first rows at 20,000 actions ÷ at 500.
// Headless Chromium, the real service over SQLite, loopback only. Prints; never asserts.
import type { Browser } from 'playwright-core';
import { launchBrowser, startTabService, tabUrl, type TabService } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';
import { median, report, times } from './figures.js';
import { repeatedSamplePlan } from './plan-api.bench.js';

const RUNS = 7;

// Installed before any page script: notes when the first plan row enters the document.
const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-action-id]')) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

// The reference: one request, fifty rows of plain DOM, nothing else (served without the tab's CSP, so its script may be inline).
const MINIMAL_PAGE = `<!doctype html><meta charset="utf-8"><title>minimal</title><table id="rows"></table><script>
fetch('/api/plan').then((r) => r.json()).then((p) => {
  const table = document.getElementById('rows');
  for (const a of p.actions.slice(0, 50)) {
    const tr = document.createElement('tr');
    tr.setAttribute('data-action-id', a[0]);
    for (const text of [a[1], a[2], p.people[a[6]], a[7] || '', a[9], a[11] ? a[11][0] : '']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    table.append(tr);
  }
});
</script>`;

/** Milliseconds from navigation to the first plan row of one fresh page (nothing cached). */
async function firstRow(browser: Browser, url: string, minimal = false): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(FIRST_ROW_PROBE);
    if (minimal) await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: MINIMAL_PAGE }));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // waitForSelector, not waitForFunction: the latter evaluates a string in the page, which the tab's CSP refuses.
    await page.waitForSelector('[data-action-id]', { state: 'attached', timeout: 60_000 });
    return await page.evaluate<number>('window.__firstRow');
  } finally {
    await context.close();
  }
}

/** Medians of RUNS fresh pages of each URL, taken in turn so that load on the machine falls on both alike (after one warm-up each). */
async function alternating(browser: Browser, pages: { url: string; minimal?: boolean }[]): Promise<number[]> {
  for (const p of pages) await firstRow(browser, p.url, p.minimal);
  const times: number[][] = pages.map(() => []);
  for (let run = 0; run < RUNS; run++) for (const [i, p] of pages.entries()) times[i]!.push(await firstRow(browser, p.url, p.minimal));
  return times.map(median);
}

async function withServices<T>(counts: number[], fn: (services: TabService[]) => Promise<T>): Promise<T> {
  const services = await Promise.all(counts.map((count) => startTabService({ plan: repeatedSamplePlan(count) })));
  try {
    return await fn(services);
  } finally {
    await Promise.all(services.map((s) => s.close()));
  }
}

export default async function (): Promise<void> {
  setup();
  const browser = await launchBrowser();
  try {
    const [tab, minimal] = await withServices([5000], ([s]) =>
      alternating(browser, [{ url: tabUrl(s!.baseUrl) }, { url: `${s!.baseUrl}/bench-minimal-page`, minimal: true }]),
    );
    report({
      measure: 'tab: navigation → first rows ÷ a minimal page fetching the same API and drawing 50 rows with plain DOM',
      value: times(tab! / minimal!),
      detail: `5,000 actions: tab ${tab!.toFixed(0)} ms ÷ minimal page ${minimal!.toFixed(0)} ms, medians of ${RUNS} alternating`,
      target: '≤ 1.5×',
      met: tab! / minimal! <= 1.5,
    });
    const [small, large] = await withServices([500, 20_000], ([s, l]) =>
      alternating(browser, [{ url: tabUrl(s!.baseUrl) }, { url: tabUrl(l!.baseUrl) }]),
    );
    report({
      measure: 'tab growth: navigation → first rows, 20,000 ÷ 500 actions',
      value: times(large! / small!),
      detail: `${large!.toFixed(0)} ms ÷ ${small!.toFixed(0)} ms, medians of ${RUNS} alternating`,
      target: '≤ 1.3×',
      met: large! / small! <= 1.3,
    });
  } finally {
    await browser.close();
  }
}
