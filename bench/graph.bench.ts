// Graph HTTP requests and wall time per card submission and per full plan read
// (5,000 actions), against the local Graph server with 30 ms latency per request.
// The body runs in a child process so NODE_EXTRA_CA_CERTS can trust the test certificate.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeTestTls } from '../test/graph/tls-setup.js';
import { figuresFrom } from './figures.js';

export default async function (): Promise<void> {
  const { dir, bundle } = await makeTestTls();
  try {
    const script = fileURLToPath(new URL('../test/graph/bench-run.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: bundle, WRES_TEST_TLS_DIR: dir },
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    process.stdout.write(figuresFrom(run.stdout));
    if (run.status !== 0) console.log(`graph bench failed: ${run.stderr.split('\n').slice(0, 20).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
