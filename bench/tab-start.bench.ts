// Tab start-up and the plan list, each figure a ratio to a reference measured in the same run:
//   1. navigation → first plan rows, the tab ÷ a minimal page that fetches the same /api/plan and draws 50 rows with plain DOM (5,000 actions; target ≤ 1.5);
//   2. the tab's growth: navigation → first rows at 20,000 actions ÷ at 500 (target ≤ 1.3);
//   3. bytes per action of /api/plan (target ≤ 300);
//   4. /api/plan per request, the service ÷ a bare node:http server that JSON.stringifies the same object per request (target ≤ 1.2).
// Headless Chromium, real service over SQLite, loopback only. Prints; never asserts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import type { PlanResponse } from '../bot/src/api/contract.js';
import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import type { ImportedAction } from '../bot/src/store/plan-store.js';
import { launchBrowser, NOW, startTabService, tabUrl, type TabService } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';

const RUNS = 5;
const REQUESTS = 40;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** `count` actions made by repeating the sample plan under new references, notes and all. */
function plan(count: number): ImportedAction[] {
  const sample = buildSamplePlan(new Date(NOW));
  return Array.from({ length: count }, (_, i) => {
    const base = sample[i % sample.length]!;
    return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
  });
}

// Installed before any page script: notes when the first plan row enters the document.
const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-action-id]')) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

// The reference: one request, fifty rows of plain DOM, nothing else.
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

/** Milliseconds from navigation to the first plan row of `url`, median of RUNS fresh pages. */
async function firstRows(browser: Browser, url: string, minimal = false): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(FIRST_ROW_PROBE);
    if (minimal) await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: MINIMAL_PAGE }));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // waitForSelector, not waitForFunction: the latter evaluates a string in the page, which the tab's CSP refuses.
    await page.waitForSelector('[data-action-id]', { state: 'attached', timeout: 60_000 });
    times.push((await page.evaluate('window.__firstRow')) as number);
    await context.close();
  }
  return median(times);
}

/** Median wall times of REQUESTS GETs of each URL, taken in turn so that load on the machine falls on both alike. */
async function perRequest(urls: [string, string]): Promise<[number, number]> {
  const once = async (url: string) => {
    const start = performance.now();
    await (await fetch(url)).arrayBuffer();
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) for (const url of urls) await once(url);
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < REQUESTS; i++) {
    times[0].push(await once(urls[0]));
    times[1].push(await once(urls[1]));
  }
  return [median(times[0]), median(times[1])];
}

/** A server that does only what any JSON API must: stringify the object and send it. */
async function bareServer(body: PlanResponse): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/plan`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function withService<T>(count: number, fn: (service: TabService) => Promise<T>): Promise<T> {
  const service = await startTabService({ plan: plan(count) });
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}

export default async function (): Promise<void> {
  setup();
  const browser = await launchBrowser();
  try {
    const small = await withService(500, (s) => firstRows(browser, tabUrl(s.baseUrl)));
    const [tab5k, minimal5k, bytes, [served, bare]] = await withService(5000, async (s) => {
      const url = `${s.baseUrl}/api/plan`;
      const text = await (await fetch(url)).text();
      const reference = await bareServer(JSON.parse(text) as PlanResponse);
      try {
        return [
          await firstRows(browser, tabUrl(s.baseUrl)),
          await firstRows(browser, `${s.baseUrl}/bench-minimal-page`, true),
          Buffer.byteLength(text) / 5000,
          await perRequest([url, reference.url]),
        ] as const;
      } finally {
        await reference.close();
      }
    });
    const large = await withService(20_000, (s) => firstRows(browser, tabUrl(s.baseUrl)));

    console.log(
      `navigation → first rows, 5,000 actions: tab ${tab5k.toFixed(0)} ms ÷ minimal page ${minimal5k.toFixed(0)} ms = ${ratio(tab5k, minimal5k)}× (target ≤ 1.5×)`,
    );
    console.log(
      `tab growth, navigation → first rows: 20,000 actions ${large.toFixed(0)} ms ÷ 500 actions ${small.toFixed(0)} ms = ${ratio(large, small)}× (target ≤ 1.3×)`,
    );
    console.log(`/api/plan bytes per action (5,000 actions): ${bytes.toFixed(0)} B (target ≤ 300 B)`);
    console.log(
      `/api/plan per request, 5,000 actions: service ${served.toFixed(1)} ms ÷ bare stringify server ${bare.toFixed(1)} ms = ${ratio(served, bare)}× (target ≤ 1.2×)`,
    );
  } finally {
    await browser.close();
  }
}
