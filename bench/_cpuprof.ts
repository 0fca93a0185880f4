import { writeFileSync } from 'node:fs';
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
const PROBE = `new MutationObserver((_, o) => { if (document.querySelector('[data-action-id]')) { window.__firstRow = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });`;
for (let run = 0; run < 3; run++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.addInitScript(PROBE);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(tabUrl(s.baseUrl), { waitUntil: 'commit' });
  await page.waitForSelector('[data-action-id]', { state: 'attached', timeout: 60000 });
  const first = await page.evaluate('window.__firstRow');
  const { profile } = (await cdp.send('Profiler.stop')) as any;
  // self time by url
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const agg = new Map<string, number>();
  for (const [id, t] of self) {
    const n: any = byId.get(id);
    const cf = n.callFrame;
    const key = cf.url.replace(/^.*\//, '') || '(' + cf.functionName + ')';
    agg.set(key, (agg.get(key) ?? 0) + t / 1000);
  }
  console.log(
    'first',
    first,
    [...agg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `${k}:${v.toFixed(0)}`)
      .join(' '),
  );
  const fagg = new Map<string, number>();
  for (const [id, t] of self) {
    const n: any = byId.get(id);
    const cf = n.callFrame;
    const key = cf.functionName + '@' + cf.url.replace(/^.*\//, '') + ':' + cf.lineNumber;
    fagg.set(key, (fagg.get(key) ?? 0) + t / 1000);
  }
  console.log(
    [...fagg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, v]) => `${k}:${v.toFixed(0)}`)
      .join('\n'),
  );
  if (run === 2) writeFileSync('/tmp/wb/tab.cpuprofile', JSON.stringify(profile));
  await ctx.close();
}
await browser.close();
await s.close();
