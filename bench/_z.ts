import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import { NOW, startTabService } from '../test/browser/harness.js';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
const sample = buildSamplePlan(new Date(NOW));
const plan = Array.from({ length: 5000 }, (_, i) => {
  const base = sample[i % sample.length]!;
  return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
});
const s = await startTabService({ plan });
const body = Buffer.from(await (await fetch(`${s.baseUrl}/api/plan`, { headers: { 'accept-encoding': 'identity' } })).text());
console.log('raw', body.length);
for (const q of [4, 5, 6, 8, 9, 11]) {
  const t = performance.now();
  const b = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: q, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  console.log('br', q, b.length, (performance.now() - t).toFixed(0));
}
for (const l of [6, 9]) {
  const t = performance.now();
  const b = gzipSync(body, { level: l });
  console.log('gz', l, b.length, (performance.now() - t).toFixed(0));
}
await s.close();
