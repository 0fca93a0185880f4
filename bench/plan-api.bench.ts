// GET /api/plan with 5,000 actions (the sample plan repeated, notes and all) from the real
// service over SQLite on loopback, against references measured in the same run:
//   - per request: the service ÷ a bare node:http server that JSON.stringifies the same object
//     per request — plain, and as a browser asks (the bare server then compresses as the
//     compression middleware would: brotli quality 4); requests alternate between the two;
//   - bytes on the wire as a browser asks ÷ the gzip size of the same body;
//   - bytes per action of the list.
import { Agent, createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { PlanResponse } from '../bot/src/api/contract.js';
import { buildSamplePlan } from '../bot/src/sample/sample-plan.js';
import type { ImportedAction } from '../bot/src/store/plan-store.js';
import { NOW, startTabService } from '../test/browser/harness.js';
import setup from '../test/global-setup.js';
import { median, report, times } from './figures.js';

const ACTIONS = 5000;
const REQUESTS = 40;
/** What Chromium sends. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** `count` actions made by repeating the sample plan under new references, notes and all. */
export function repeatedSamplePlan(count: number): ImportedAction[] {
  const sample = buildSamplePlan(new Date(NOW));
  return Array.from({ length: count }, (_, i) => {
    const base = sample[i % sample.length]!;
    return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
  });
}

const agent = new Agent({ keepAlive: true });

/** An answer as it came over the wire (not decoded). */
export interface RawAnswer {
  /** Milliseconds from the request to the last byte. */
  ms: number;
  bytes: number;
  encoding: string;
  cacheControl: string;
}

/** One GET as it comes over the wire, on a kept-alive connection. */
export function fetchRaw(url: string, acceptEncoding: string): Promise<RawAnswer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'accept-encoding': acceptEncoding } }, (res: IncomingMessage) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          ms: performance.now() - start,
          bytes,
          encoding: res.headers['content-encoding'] ?? 'none',
          cacheControl: res.headers['cache-control'] ?? '',
        }),
      );
    }).on('error', reject);
  });
}

/** Median wall times of REQUESTS GETs of each URL, taken in turn so that load on the machine falls on both alike. */
async function perRequest(urls: [string, string], acceptEncoding: string): Promise<[number, number]> {
  for (let i = 0; i < 3; i++) for (const url of urls) await fetchRaw(url, acceptEncoding);
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < REQUESTS; i++) {
    ms[0].push((await fetchRaw(urls[0], acceptEncoding)).ms);
    ms[1].push((await fetchRaw(urls[1], acceptEncoding)).ms);
  }
  return [median(ms[0]), median(ms[1])];
}

/** A server that does only what any JSON API must: stringify the object per request, compressed as the compression middleware would when asked. */
async function bareServer(body: PlanResponse): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const json = Buffer.from(JSON.stringify(body));
    const br = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const sent = br ? brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : json;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': sent.length,
      ...(br ? { 'content-encoding': 'br' } : {}),
    });
    res.end(sent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/plan`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Prints the /api/plan figures of issue 12, each as a ratio to its reference. */
export default async function (): Promise<void> {
  setup();
  const service = await startTabService({ plan: repeatedSamplePlan(ACTIONS) });
  const url = `${service.baseUrl}/api/plan`;
  const text = await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).text();
  const reference = await bareServer(JSON.parse(text) as PlanResponse);
  try {
    const [plainService, plainBare] = await perRequest([url, reference.url], 'identity');
    report({
      measure: `/api/plan ${ACTIONS.toLocaleString('en-GB')}: server time ÷ a bare server stringifying the same object`,
      value: times(plainService / plainBare),
      detail: `uncompressed: service ${plainService.toFixed(1)} ms ÷ bare ${plainBare.toFixed(1)} ms, median of ${REQUESTS} each`,
      target: '≤ 1.2×',
      met: plainService / plainBare <= 1.2,
    });
    const [brService, brBare] = await perRequest([url, reference.url], BROWSER_ENCODINGS);
    report({
      measure: `/api/plan ${ACTIONS.toLocaleString('en-GB')}, as a browser asks: server time ÷ the bare server stringifying and compressing`,
      value: times(brService / brBare),
      detail: `brotli: service ${brService.toFixed(1)} ms ÷ bare ${brBare.toFixed(1)} ms, median of ${REQUESTS} each`,
      target: '≤ 1.2×',
      met: brService / brBare <= 1.2,
    });

    const wire = await fetchRaw(url, BROWSER_ENCODINGS);
    const gzipped = gzipSync(text).length;
    report({
      measure: `/api/plan ${ACTIONS.toLocaleString('en-GB')}: bytes on the wire ÷ its gzip size`,
      value: times(wire.bytes / gzipped),
      detail: `${(wire.bytes / 1024).toFixed(0)} KiB (Content-Encoding: ${wire.encoding}) ÷ gzip ${(gzipped / 1024).toFixed(0)} KiB; uncompressed ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`,
      target: '≤ 1.1×, brotli when accepted',
      met: wire.bytes / gzipped <= 1.1 && wire.encoding === 'br',
    });
    const perAction = Buffer.byteLength(text) / ACTIONS;
    report({
      measure: 'bytes per action in the plan list',
      value: `${perAction.toFixed(0)} B`,
      detail: `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB ÷ ${ACTIONS.toLocaleString('en-GB')} actions, uncompressed`,
      target: '≤ 300 B',
      met: perAction <= 300,
    });
  } finally {
    await reference.close();
    await service.close();
  }
}
