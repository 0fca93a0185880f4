import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import { launchBrowser, NOW, startTabService, tabUrl } from '../test/browser/harness.js';
const sample = buildSamplePlan(new Date(NOW));
const n = Number(process.argv[2] ?? 5000);
const plan = Array.from({ length: n }, (_, i) => {
  const base = sample[i % sample.length]!;
  return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
});
const s = await startTabService({ plan });
const browser = await launchBrowser();
const PROBE = `new MutationObserver((_, o) => { const r = document.querySelector('[data-action-id]'); if (r) { window.__firstRow = performance.now(); window.__early = !r.className; o.disconnect(); } }).observe(document, { childList: true, subtree: true });`;
for (let run = 0; run < 5; run++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript(PROBE);
  const page = await ctx.newPage();
  await page.goto(tabUrl(s.baseUrl), { waitUntil: 'commit' });
  await page.waitForSelector('[data-action-id]', { state: 'attached', timeout: 60000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(
    `(() => { const out = { first: Math.round(window.__firstRow), early: window.__early }; for (const e of performance.getEntriesByType('resource')) { const n = e.name.replace(/^.*\\//, '').slice(0, 10); out[n] = Math.round(e.startTime) + '-' + Math.round(e.responseEnd); } const nav = performance.getEntriesByType('navigation')[0]; out.nav = Math.round(nav.responseEnd); out.dcl = Math.round(nav.domContentLoadedEventStart); return out; })()`,
  );
  console.log(JSON.stringify(r));
  await ctx.close();
}
await browser.close();
await s.close();
