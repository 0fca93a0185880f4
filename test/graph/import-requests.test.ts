import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../bot/src/cli/main.js';
import { toCsv } from '../../bot/src/export/to-csv.js';
import { IMPORTED_AT, makeImportedPlan } from '../store/fixtures.js';
import { startRig, type StoreRig } from './harness.js';

// An import reads SharePoint in bulk: one paged read of the actions and one of the log, never one per action.
let rig: StoreRig;
let planFile: string;
beforeEach(async () => {
  rig = await startRig();
  const store = await rig.open();
  await store.importActions(makeImportedPlan(200), IMPORTED_AT);
  const actions = await store.listActions();
  const history = new Map((await store.listUpdatesSince('2000-01-01T00:00:00Z')).map((u) => [u.actionId, [u]]));
  planFile = join(rig.dir, 'plan.csv');
  writeFileSync(planFile, toCsv(actions, { history }));
});
afterEach(async () => {
  await rig.close();
});

async function wres(args: string[]): Promise<{ code: number; out: string; requests: string[] }> {
  const env = {
    STORE: 'sharepoint',
    GRAPH_BASE_URL: rig.server.origin,
    AZURE_AUTHORITY_HOST: rig.server.origin,
    GRAPH_TENANT_ID: rig.server.identity.tenantId,
    GRAPH_CLIENT_ID: rig.server.identity.clientId,
    GRAPH_CLIENT_SECRET: rig.server.identity.clientSecret,
    SHAREPOINT_SITE_URL: 'https://contoso.sharepoint.com/sites/wres',
    OUTBOX_PATH: join(rig.dir, 'cli-outbox.db'),
  };
  let out = '';
  const before = rig.server.requests.length;
  const code = await main(args, env, { io: { stdout: (c) => void (out += String(c)), stderr: (c) => void (out += c) } });
  return { code, out, requests: rig.server.requests.slice(before) };
}

/** The requests from the first read of list items on (before it, the store checks the site and its lists). */
const importRequests = (requests: string[]) => requests.slice(requests.findIndex((r) => r.endsWith('/items')));
const listPath = (name: string) => `GET /v1.0/sites/${encodeURIComponent(rig.server.site.id)}/lists/${rig.server.list(name)!.id}/items`;

describe('importing 200 actions against SharePoint', () => {
  it('makes a dry run with one read of the actions and one of the log, and no write', async () => {
    const run = await wres(['import', planFile, '--dry-run']);
    expect(importRequests(run.requests).sort()).toEqual([listPath('WRES Actions'), listPath('WRES Progress Updates')].sort());
    expect(run.out).toContain('would change nothing: 200 actions already up to date');
  });

  it('re-imports an unchanged plan with the same two reads and no write', async () => {
    const run = await wres(['import', planFile]);
    expect(importRequests(run.requests).sort()).toEqual([listPath('WRES Actions'), listPath('WRES Progress Updates')].sort());
    expect(run.code).toBe(0);
    expect(run.out).toContain('Nothing changed: 200 actions already up to date');
  });
});
