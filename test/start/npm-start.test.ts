import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
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

/** An address of this machine that other machines could reach, if it has one. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** Whether something accepts TCP connections at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs the compiled service to its exit (it must refuse to start); resolves with its code and output. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/bot/src/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
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

  it('answers /healthz with liveness only, and shows the lead the sample plan loaded into the empty SQLite store', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const health = (await (await fetch(`${base}/api/health`)).json()) as { store: string; actions: number };
    expect(health.store).toBe('sqlite');
    expect(health.actions).toBeGreaterThanOrEqual(20);
  });

  it('serves the built tab and the plan API', async () => {
    const tab = await fetch(`${base}/tab/`);
    expect(tab.status).toBe(200);
    expect(await tab.text()).toContain('<div id="root"');
    const plan = (await (await fetch(`${base}/api/plan`)).json()) as { actions: unknown[] };
    expect(plan.actions.length).toBeGreaterThanOrEqual(20);
  });

  it("says where it listens, on the port it was given, and prints the tab's address", () => {
    const port = new URL(base).port;
    expect(output).toContain(`listening on http://localhost:${port}`);
    expect(output).toContain(`Open the tab at http://localhost:${port}/tab/`);
  });

  it.skipIf(!networkAddress())(
    'listens on 127.0.0.1 only in development, so the network cannot reach the development identity',
    async () => {
      const port = Number(new URL(base).port);
      expect(await accepts('127.0.0.1', port)).toBe(true);
      expect(await accepts(networkAddress()!, port)).toBe(false);
    },
  );

  it('exits 1 saying the port is in use when another copy holds it, and never claims to listen', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const run = await runToExit({ PORT: String(port), DATABASE_PATH: join(dir, 'second.db'), SCHEDULER: 'true' });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`port ${port} is in use — stop the other copy or set PORT`);
      expect(run.output).not.toMatch(/listening/i);
    } finally {
      holder.close();
    }
  }, 90_000);

  it('refuses to listen on a network address without sign-in, saying why', async () => {
    const run = await runToExit({
      PORT: String(await freePort()),
      HOST: '0.0.0.0',
      DATABASE_PATH: join(dir, 'third.db'),
      SCHEDULER: 'false',
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain('HOST is 0.0.0.0, which other machines can reach');
    expect(run.output).toContain('AAD_APP_CLIENT_ID');
    expect(run.output).not.toMatch(/listening/i);
  }, 90_000);
});

describe('npm run playground', () => {
  it('exits 1 before starting anything when its service port is taken', async () => {
    const holder: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const failure = await promisify(execFile)(process.execPath, ['scripts/playground.mjs'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, PLAYGROUND_APP_PORT: String(port) },
        timeout: 60_000,
      }).then(
        () => null,
        (e: { code: number; stderr: string; stdout: string }) => e,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`port ${port} is in use — stop the other copy or set PLAYGROUND_APP_PORT`);
      expect(failure?.stdout).not.toContain('Listening');
    } finally {
      holder.close();
    }
  }, 90_000);
});
