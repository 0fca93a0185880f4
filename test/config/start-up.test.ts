import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../bot/src/main.ts', import.meta.url));
// tsx's loader by absolute URL: the child runs in a directory with no node_modules.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
// An empty working directory, so no developer's .env is read.
const cwd = mkdtempSync(join(tmpdir(), 'wres-start-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('npm start in production', () => {
  it('refuses to start, exits 1 and lists each missing setting without printing secrets', async () => {
    const secret = 'do-not-print-me-42';
    const run = promisify(execFile)(process.execPath, ['--import', TSX, MAIN], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', MicrosoftAppPassword: secret },
      // Loading the whole service (botbuilder included) is slow on a busy machine.
      timeout: 90_000,
    });
    const failure = (await run.then(
      () => null,
      (e: unknown) => e,
    )) as { code: number; stdout: string; stderr: string } | null;
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(1);
    const output = failure!.stdout + failure!.stderr;
    expect(output).toContain('The service will not start in production until these settings are fixed:');
    for (const name of ['MicrosoftAppId', 'MicrosoftAppTenantId', 'AAD_APP_CLIENT_ID', 'STORE', 'SHAREPOINT_SITE_ID', 'PUBLIC_URL']) {
      expect(output).toMatch(new RegExp(`^\\s+- ${name} `, 'm'));
    }
    expect(output).not.toContain(secret);
    expect(output).not.toContain('listening');
  }, 120_000);
});
