import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not answer /healthz:\n${output()}`);
}

// What `npm start` runs: the build (skipped when up to date), then the compiled service on its defaults.
describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wres-start-'));
  let child: ChildProcess;
  let base = '';
  let output = '';

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--if-needed'], { cwd: ROOT });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['dist/bot/src/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), DATABASE_PATH: join(dir, 'wres.db'), SCHEDULER: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitForHealth(base, child, () => output);
  }, 180_000);

  afterAll(() => {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /healthz with the sample plan loaded into the empty SQLite store', async () => {
    const health = (await (await fetch(`${base}/healthz`)).json()) as { status: string; store: string; actions: number };
    expect(health).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(health.actions).toBeGreaterThanOrEqual(20);
  });

  it('serves the built tab and the plan API', async () => {
    const tab = await fetch(`${base}/tab/`);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toContain('<div id="root"');
    const plan = (await (await fetch(`${base}/api/plan`)).json()) as { actions: unknown[] };
    expect(plan.actions.length).toBeGreaterThanOrEqual(20);
  });

  it('says where it listens, on the port it was given', () => {
    expect(output).toContain(`listening on http://localhost:${new URL(base).port}`);
  });
});
