import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../bot/src/cli/main.js';
import { createGraphClient } from '../../bot/src/graph/graph-client.js';
import { createGraphCredential } from '../../bot/src/graph/graph-credential.js';
import { resolveSite } from '../../bot/src/graph/site.js';
import { startGraphServer, type GraphServer } from './graph-server.js';
import { sharepointEnv } from './harness.js';

let server: GraphServer;
let dir: string;
beforeEach(async () => {
  server = await startGraphServer();
  dir = mkdtempSync(join(tmpdir(), 'wres-cli-sp-'));
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => sharepointEnv(server, join(dir, 'outbox.db'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, env(), { io: { stdout: (c) => void (out += String(c)), stderr: (c) => void (err += c) } });
  return { code, out, err };
}

describe('wres provision and status with STORE=sharepoint', () => {
  it('creates the lists, says nothing changed on the second run, and the store then starts', async () => {
    const check = await run(['provision', '--check']);
    expect(check.code).toBe(1);
    expect(check.out).toContain('missing: list "WRES Actions" is missing');

    const first = await run(['provision']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Created list "WRES Progress Updates" with 14 columns');

    const second = await run(['provision']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing to change: all 6 lists and their columns are in place.');

    const status = await run(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ store: 'sharepoint', actions: 0, pendingWrites: 0 });
  });

  it('refuses to start the store on an unprovisioned site, naming what is missing', async () => {
    const status = await run(['status']);
    expect(status.code).toBe(2);
    expect(status.err).toContain('list "WRES Actions" is missing');
    expect(status.err).toContain('Run `wres provision`');
  });
});

describe('wres import with STORE=sharepoint while Graph throttles single steps inside $batch', () => {
  it('sends each throttled step again after its Retry-After and imports every action exactly once', async () => {
    expect((await run(['provision'])).code).toBe(0);
    const rows = Array.from(
      { length: 60 },
      (_, i) => `1.${i + 1},Indicator 2,Action ${i + 1} of the plan,Head of Resourcing,31/03/2027,Amber`,
    );
    const file = join(dir, 'plan.csv');
    writeFileSync(file, ['Ref,Indicator,Action,Lead,Due by,RAG', ...rows].join('\n'));
    // The batch answers 200; one step in five answers 429 or 503 with its own Retry-After, as Graph's do.
    server.faults = { rate: 0.2, kinds: ['429', '503'], where: ['step'], retryAfterSeconds: 0, holdMs: 0, seed: 20260315 };

    const result = await run(['import', file, '--plan-year', '2026/27']);
    server.faults = null;

    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(server.faultedSteps).toBeGreaterThan(5);
    const refs = [...server.list('WRES Actions')!.items.values()].map((i) => String(i.fields.Ref));
    expect(refs.sort()).toEqual(rows.map((r) => r.split(',')[0]).sort());
  });
});

describe('managed identity (App Service style)', () => {
  it('gets its token from IDENTITY_ENDPOINT with the IDENTITY_HEADER secret', async () => {
    const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
    // @azure/identity reads these itself, as it does on App Service.
    process.env.IDENTITY_ENDPOINT = `${server.origin}/msi/token`;
    process.env.IDENTITY_HEADER = server.identity.identityHeader;
    try {
      const graph = createGraphClient({ baseUrl: server.origin, credential: createGraphCredential({}), timeoutMs: 5000, maxRetries: 1 });
      expect((await resolveSite(graph, { siteId: server.site.id })).id).toBe(server.site.id);
      expect(server.identity.counts.managedIdentity).toBe(1);
    } finally {
      for (const [k, v] of [
        ['IDENTITY_ENDPOINT', saved.endpoint],
        ['IDENTITY_HEADER', saved.header],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
