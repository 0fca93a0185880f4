// Vitest global setup: starts Azurite (the official Azure Storage emulator, pure JavaScript from npm)
// once per run, on free ports, in memory, with telemetry off, and hands its connection string to
// the test workers through WRES_TEST_AZURITE (they inherit the environment). Stopped at teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

/** Azurite's documented development account and key (public, the same in every Azurite). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The connection string for an Azurite whose blob and queue services listen on these ports. */
export function azuriteConnectionString(blobPort: number, queuePort: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${KEY}`,
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${ACCOUNT}`,
    `QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT}`,
  ].join(';');
}

/** Starts Azurite's blob and queue services on free ports; resolves once both listen. */
export async function startAzurite(): Promise<{ connectionString: string; stop(): Promise<void> }> {
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
      '--blobPort',
      '0',
      '--queuePort',
      '0',
      '--tablePort',
      '0',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ports = await new Promise<{ blob: number; queue: number }>((resolve, reject) => {
    let out = '';
    const found: { blob?: number; queue?: number } = {};
    const timeout = setTimeout(() => reject(new Error(`Azurite did not start in 120 s:\n${out}`)), 120_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const m of out.matchAll(/Azurite (Blob|Queue) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/g))
        found[m[1] === 'Blob' ? 'blob' : 'queue'] = Number(m[2]);
      if (found.blob && found.queue) {
        clearTimeout(timeout);
        resolve({ blob: found.blob, queue: found.queue });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`Azurite exited (${code}) before listening:\n${out}`)));
  });
  return {
    connectionString: azuriteConnectionString(ports.blob, ports.queue),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Vitest global setup: returns the teardown that stops Azurite. */
export default async function setup(): Promise<() => Promise<void>> {
  const azurite = await startAzurite();
  process.env.WRES_TEST_AZURITE = azurite.connectionString;
  return async () => {
    await azurite.stop();
    delete process.env.WRES_TEST_AZURITE;
  };
}
