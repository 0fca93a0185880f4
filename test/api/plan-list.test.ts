import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanResponse, PlanSearchResponse, SubmitUpdateRequest } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { buildSamplePlan } from '../../bot/src/sample/sample-plan.js';
import type { ImportedAction, PlanStore } from '../../bot/src/store/plan-store.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { decodePlanList } from '../../tab/src/api/plan-list.js';
import { serveApp, type ServedApp } from './serve-app.js';
import { NOW, testPlan } from './harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The API in development mode (the demo lead, no tokens) over a fresh SQLite file, with a clock the test moves. */
async function start(plan: ImportedAction[] = testPlan(), wrap: (s: PlanStore) => PlanStore = (s) => s) {
  const dir = mkdtempSync(join(tmpdir(), 'wres-plan-list-'));
  const path = join(dir, 'wres.db');
  const store = new SqlitePlanStore(path);
  await store.init();
  await store.importActions(plan, NOW);
  const clock = fixedClock(NOW);
  const config = loadConfig({ NODE_ENV: 'test' });
  const app: ServedApp = await serveApp({ config, store: wrap(store), clock, tabDir: join(dir, 'no-tab') });
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => app.close(),
  );
  const getJson = async <T>(p: string): Promise<T> => {
    const res = await fetch(app.baseUrl + p);
    expect(res.status, p).toBe(200);
    return (await res.json()) as T;
  };
  const plan_ = async () => decodePlanList(await getJson<PlanResponse>('/api/plan'));
  return { app, store, path, clock, getJson, plan: plan_ };
}

/** GET `url` asking for one encoding; the body as it came over the wire (fetch would decode it). */
function rawGet(url: string, encoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function post(baseUrl: string, id: string, body: Omit<SubmitUpdateRequest, 'requestId'> & { requestId?: string }): Promise<number> {
  const res = await fetch(`${baseUrl}/api/actions/${id}/updates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requestId: `plan-list-${id}-${body.expectedVersion}`, ...body }),
  });
  return res.status;
}

describe('the lean plan list (GET /api/plan)', () => {
  it('is at most 300 bytes an action on the sample plan, and names every action', async () => {
    const sample = buildSamplePlan(new Date(NOW));
    const plan = Array.from({ length: 500 }, (_, i) => {
      const base = sample[i % sample.length]!;
      return { action: { ...base.action, ref: `${Math.floor(i / sample.length) + 1}.${base.action.ref}` }, history: base.history };
    });
    const { app } = await start(plan);
    const bytes = (await (await fetch(`${app.baseUrl}/api/plan`)).arrayBuffer()).byteLength;
    const body = JSON.parse(Buffer.from(await (await fetch(`${app.baseUrl}/api/plan`)).arrayBuffer()).toString()) as PlanResponse;
    expect(body.actions).toHaveLength(500);
    expect(bytes / 500).toBeLessThanOrEqual(300);
  });

  it('shows an update at once: the cached list is rebuilt when the plan changes', async () => {
    const { app, store, plan } = await start();
    const before = await plan();
    const target = (await store.listActions()).find((a) => a.ref === '1.1')!;
    expect(before.items.find((a) => a.id === target.id)?.rag).toBe('Amber');

    expect(
      await post(app.baseUrl, target.id, { expectedVersion: target.version, text: 'All panels now include a BME member.', rag: 'Green' }),
    ).toBe(201);
    const after = (await plan()).items.find((a) => a.id === target.id)!;
    expect(after).toMatchObject({ rag: 'Green', latest: { text: 'All panels now include a BME member.', authorName: 'Alex Wilber' } });
  });

  it('never sends a compressed copy of an older plan: brotli and gzip answers show an update at once', async () => {
    const { app, store } = await start();
    const listed = async (encoding: 'br' | 'gzip') => {
      const res = await rawGet(`${app.baseUrl}/api/plan`, encoding);
      expect(res.encoding).toBe(encoding);
      const text = (encoding === 'br' ? brotliDecompressSync(res.body) : gunzipSync(res.body)).toString('utf8');
      return decodePlanList(JSON.parse(text) as PlanResponse).items;
    };
    const target = (await store.listActions()).find((a) => a.ref === '1.1')!;
    for (const encoding of ['br', 'gzip'] as const) expect((await listed(encoding)).find((a) => a.id === target.id)?.rag).toBe('Amber');

    expect(await post(app.baseUrl, target.id, { expectedVersion: target.version, text: 'Panels audited.', rag: 'Green' })).toBe(201);
    for (const encoding of ['br', 'gzip'] as const) {
      expect((await listed(encoding)).find((a) => a.id === target.id)).toMatchObject({ rag: 'Green', latest: { text: 'Panels audited.' } });
    }
  });

  it('shows a change committed by another process on the same database', async () => {
    const { path, plan } = await start();
    await plan();
    const other = new SqlitePlanStore(path);
    await other.init();
    cleanups.push(() => other.close());
    const target = (await other.listActions()).find((a) => a.ref === '1.2')!;
    await other.recordUpdate({
      update: {
        actionId: target.id,
        text: 'Reviewed in the other process.',
        ragFrom: target.rag,
        ragTo: 'Amber',
        statusFrom: target.status,
        statusTo: 'InProgress',
        author: { name: 'Ben Okafor' },
        submittedAt: '2026-03-10T08:30:00Z',
        source: 'teams',
        requestId: 'other-process-0001',
      },
      expectedVersion: target.version,
      next: {
        rag: 'Amber',
        status: 'InProgress',
        latestUpdate: { text: 'Reviewed in the other process.', authorName: 'Ben Okafor', submittedAt: '2026-03-10T08:30:00Z' },
        updatedAt: '2026-03-10T08:30:00Z',
      },
    });
    expect((await plan()).items.find((a) => a.id === target.id)).toMatchObject({
      rag: 'Amber',
      latest: { text: 'Reviewed in the other process.' },
    });
  });

  it('shows an edit made outside the app (a store answering fresh copies, same version) and a new day', async () => {
    let retitled = false;
    const copying = (s: PlanStore): PlanStore =>
      new Proxy(s, {
        get(target, prop, receiver) {
          if (prop !== 'listActions') return Reflect.get(target, prop, receiver) as unknown;
          return async () =>
            (await target.listActions()).map((a) => ({
              ...structuredClone(a),
              ...(retitled && a.ref === '2.1' ? { title: 'Retitled in SharePoint' } : {}),
            }));
        },
      });
    const { plan, clock } = await start(testPlan(), copying);
    expect((await plan()).items.find((a) => a.ref === '2.1')?.title).toBe('Run a bystander training programme');
    retitled = true;
    expect((await plan()).items.find((a) => a.ref === '2.1')?.title).toBe('Retitled in SharePoint');

    expect((await plan()).items.find((a) => a.ref === '1.1')?.dueLabel).toBe('in 7 days');
    clock.set('2026-03-16T09:00:00Z');
    const nextWeek = await plan();
    expect(nextWeek.today).toBe('2026-03-16');
    expect(nextWeek.items.find((a) => a.ref === '1.1')?.dueLabel).toBe('due tomorrow');
  });
});

describe('GET /api/me', () => {
  it('says the organisation’s time zone, so the tab shows times in it', async () => {
    const { getJson } = await start();
    expect(await getJson<{ timeZone: string }>('/api/me')).toMatchObject({ timeZone: 'Europe/London' });
  });
});

describe('GET /api/plan/search', () => {
  it('finds actions by words in fields the list leaves out (measure, lead role, owner email), as the export does', async () => {
    const { getJson, store } = await start();
    const all = await store.listActions();
    const withMeasure = all.find((a) => a.measure.trim().length > 0)!;
    const word = withMeasure.measure.split(/\s+/).find((w) => w.length > 4)!;
    const expected = all.filter((a) =>
      [a.ref, a.title, a.theme, a.measure, a.leadRole, a.latestUpdate?.text ?? ''].join('\n').toLowerCase().includes(word.toLowerCase()),
    );
    const found = await getJson<PlanSearchResponse>(`/api/plan/search?q=${encodeURIComponent(word)}`);
    expect(found.ids.sort()).toEqual(expected.map((a) => a.id).sort());
    expect(found.ids).toContain(withMeasure.id);

    const byRole = await getJson<PlanSearchResponse>('/api/plan/search?q=head%20workforce');
    expect(byRole.ids).toEqual([all.find((a) => a.ref === '2.1')!.id]);
    expect((await getJson<PlanSearchResponse>('/api/plan/search?q=zzqx')).ids).toEqual([]);
  });

  it('refuses an empty or oversized search with 400 and a readable message', async () => {
    const { app } = await start();
    for (const q of ['', '%20%20', 'x'.repeat(201)]) {
      const res = await fetch(`${app.baseUrl}/api/plan/search?q=${q}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/q must be/);
    }
  });
});
