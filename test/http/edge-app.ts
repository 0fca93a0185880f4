/**
 * The real express app (createServer + tab API + Teams bot, temp SQLite, a
 * small fake tab build) on 127.0.0.1, and a raw HTTP client that sends paths
 * and bodies exactly as given (no URL normalising), for the edge tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { NOW, testPlan } from '../api/harness.js';
import { serveApp } from '../api/serve-app.js';
import { IMPORTED_AT } from '../store/fixtures.js';

/** The fake tab build: an app shell, one hashed script and one unhashed file. */
export const HASHED_SCRIPT = 'assets/index-AbC123_x.js';
/** A hashed script for which the build also wrote .br and .gz copies, each ending in a comment naming its copy. */
export const PRECOMPRESSED_SCRIPT = 'assets/app-root-Zz98Yy76.js';

/** One raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** The running app and what it logged. */
export interface EdgeApp {
  baseUrl: string;
  port: number;
  store: SqlitePlanStore;
  logger: ReturnType<typeof memoryLogger>;
  send(method: string, path: string, options?: { headers?: Record<string, string>; body?: Buffer | string }): Promise<RawAnswer>;
  close(): Promise<void>;
}

/** Starts the app in development (the development identity, Alex Wilber a lead) with `env` on top. */
export async function startEdgeApp(env: Record<string, string> = {}): Promise<EdgeApp & { config: Config }> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-edge-'));
  const tabDir = join(dir, 'tab');
  mkdirSync(join(tabDir, 'assets'), { recursive: true });
  writeFileSync(join(tabDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(tabDir, HASHED_SCRIPT), `console.log(${JSON.stringify('x'.repeat(4000))});`);
  writeFileSync(join(tabDir, 'robots.txt'), 'User-agent: *\n');
  const script = `console.log(${JSON.stringify('y'.repeat(4000))});`;
  writeFileSync(join(tabDir, PRECOMPRESSED_SCRIPT), script);
  writeFileSync(join(tabDir, `${PRECOMPRESSED_SCRIPT}.br`), brotliCompressSync(`${script}/* the .br copy */`));
  writeFileSync(join(tabDir, `${PRECOMPRESSED_SCRIPT}.gz`), gzipSync(`${script}/* the .gz copy */`));
  const store = new SqlitePlanStore(join(dir, 'wres.db'));
  await store.init();
  await store.importActions(testPlan(), IMPORTED_AT);
  const config = loadConfig({ NODE_ENV: 'development', ED_LEADS: '', SCHEDULER: 'false', ...env });
  const logger = memoryLogger();
  const app = await serveApp({
    config,
    store,
    clock: fixedClock(NOW),
    logger,
    tabDir,
    botHandler: (core) => createTeamsBot(config, core).handler,
  });
  const port = Number(new URL(app.baseUrl).port);
  return {
    baseUrl: app.baseUrl,
    port,
    store,
    config,
    logger,
    send: (method, path, options = {}) => rawRequest(port, method, path, options),
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends one request with the path byte for byte as given. */
function rawRequest(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    // The server may answer 413 and close before reading a huge body: that is the answer, not a failure.
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
