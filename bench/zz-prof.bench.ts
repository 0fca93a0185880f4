import { launchBrowser, startTabService, tabUrl } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';
import { repeatedSamplePlan } from './plan-api.bench.js';

const PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-action-id]')) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

export default async function (): Promise<void> {
  setup();
  const browser = await launchBrowser();
  const counts = (process.env.PROF_COUNTS ?? '5000').split(',').map(Number);
  for (const count of counts) {
    const s = await startTabService({ plan: repeatedSamplePlan(count) });
    try {
      for (let i = 0; i < 6; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript(PROBE);
        const page = await context.newPage();
        await page.goto(tabUrl(s.baseUrl), { waitUntil: 'commit' });
        await page.waitForSelector('[data-action-id]', { state: 'attached', timeout: 60_000 });
        await page.waitForTimeout(300);
        const r = await page.evaluate<string>(`(() => {
          const out = ['first row ' + window.__firstRow.toFixed(0)];
          const nav = performance.getEntriesByType('navigation')[0];
          out.push('html ' + nav.responseEnd.toFixed(0));
          for (const e of performance.getEntriesByType('resource')) out.push(e.name.replace(/^.*\\//, '') + ' ' + e.startTime.toFixed(0) + '-' + e.responseEnd.toFixed(0) + ' ' + e.transferSize);
          for (const e of performance.getEntriesByType('mark')) out.push('mark ' + e.name + ' ' + e.startTime.toFixed(0));
          return out.join(' | ');
        })()`);
        if (i > 0) console.log(count, r);
        await context.close();
      }
    } finally {
      await s.close();
    }
  }
  await browser.close();
}
