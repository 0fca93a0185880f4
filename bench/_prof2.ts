import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import { NOW, startTabService } from '../test/browser/harness.js';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
const sample = buildSamplePlan(new Date(NOW));
const plan = Array.from({ length: 5000 }, (_, i) => {
  const base = sample[i % sample.length]!;
  return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
});
const s = await startTabService({ plan });
const url = `${s.baseUrl}/api/plan`;
const obj = JSON.parse(await (await fetch(url)).text());
const bare = createServer((_q, res) => {
  const j = JSON.stringify(obj);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(j) }).end(j);
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const burl = `http://127.0.0.1:${(bare.address() as any).port}/`;
const enc = process.argv[2] ?? 'identity';
const t: number[][] = [[], []];
for (let i = 0; i < 200; i++)
  for (const [k, u] of [url, burl].entries()) {
    const st = performance.now();
    await (await fetch(u, { headers: { 'accept-encoding': enc } })).arrayBuffer();
    t[k]!.push(performance.now() - st);
  }
for (const x of t) x.sort((a, b) => a - b);
console.log(enc, 'service', t[0]![100]!.toFixed(1), 'bare', t[1]![100]!.toFixed(1));
bare.close();
await s.close();
