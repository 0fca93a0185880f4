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
for (const w of [1280, 390]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(tabUrl(s.baseUrl) + (process.argv[3] ?? ''));
  await page.waitForSelector('[data-action-id]');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/wb/shot-${w}.png` });
  const y = await page.evaluate(`document.querySelector('[data-action-id]').getBoundingClientRect().top`);
  console.log(w, 'first row top', y);
  await ctx.close();
}
await browser.close();
await s.close();
