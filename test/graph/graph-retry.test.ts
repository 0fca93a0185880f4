// GraphApi's one retry loop against the local Graph server: whole requests and single
// $batch steps are retried after their own Retry-After under one budget, on an injected
// timer (nothing here sleeps). Faults are scripted, so every count is exact.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GraphApi } from '../../bot/src/graph/graph-api.js';
import { createGraphClient } from '../../bot/src/graph/graph-client.js';
import { createGraphCredential } from '../../bot/src/graph/graph-credential.js';
import { SkippingTimer } from '../reminders/virtual-timer.js';
import { startGraphServer, type GraphServer } from './graph-server.js';

let server: GraphServer;
let timer: SkippingTimer;
let graph: GraphApi;
let site: string;

beforeAll(async () => {
  server = await startGraphServer();
  site = `/sites/${encodeURIComponent(server.site.id)}`;
});
afterAll(() => server.close());
afterEach(() => {
  server.script = [];
});

/** A client with `maxRetries` whose waits are recorded, never slept; jitter off so waits are exact. */
function client(maxRetries = 3, timeoutMs = 5000): GraphApi {
  timer = new SkippingTimer();
  const credential = createGraphCredential({
    GRAPH_TENANT_ID: server.identity.tenantId,
    GRAPH_CLIENT_ID: server.identity.clientId,
    GRAPH_CLIENT_SECRET: server.identity.clientSecret,
    AZURE_AUTHORITY_HOST: server.origin,
  });
  graph = createGraphClient({ baseUrl: server.origin, credential, timeoutMs, maxRetries, timer, random: () => 0 });
  return graph;
}

const batchPosts = () => server.requests.filter((r) => r === 'POST /v1.0/$batch').length;

/** Creates a list to write items into and returns its items URL (below the version root). */
async function newList(): Promise<string> {
  const created = (await client().post(
    `${site}/lists`,
    { displayName: `Retry test ${Math.random()}`, columns: [{ name: 'Note', text: {} }] },
    'creating a list',
  )) as { id: string };
  return `${site}/lists/${created.id}/items`;
}

describe('retries of single Graph requests', () => {
  it('sends a request again after the Retry-After Graph asked for, on the injected timer', async () => {
    const api = client();
    server.script = [{ where: 'request', status: 503, retryAfter: '7', match: /^GET \/sites\/[^/]+$/, times: 2 }];
    const before = server.requests.length;
    const found = (await api.get(site, 'finding the site')) as { id: string };
    expect(found.id).toBe(server.site.id);
    expect(server.requests.length - before).toBe(3);
    expect(timer.sleeps).toEqual([7000, 7000]);
  });

  it('backs off exponentially from 1 s when Graph gives no Retry-After', async () => {
    const api = client();
    server.script = [{ where: 'request', status: 429, match: /^GET \/sites\/[^/]+$/, times: 3 }];
    await api.get(site, 'finding the site');
    expect(timer.sleeps).toEqual([500, 1000, 2000]);
  });

  it('gives up after GRAPH_MAX_RETRIES retries with a message a person can act on', async () => {
    const api = client(2);
    server.script = [{ where: 'request', status: 503, retryAfter: '1', match: /^GET \/sites\/[^/]+$/, times: 10 }];
    const before = server.requests.length;
    await expect(api.get(site, 'finding the site')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('SharePoint is unavailable or busy (503) while finding the site'),
    });
    expect(server.requests.length - before).toBe(3);
  });

  it('does not wait at all when Graph asks for longer than the budget allows (the caller leaves it for later)', async () => {
    const api = client();
    server.script = [{ where: 'request', status: 429, retryAfter: '120', match: /^GET \/sites\/[^/]+$/, times: 1 }];
    await expect(api.get(site, 'finding the site')).rejects.toMatchObject({ code: 'unavailable' });
    expect(timer.sleeps).toEqual([]);
  });

  it('never retries a refusal such as 404', async () => {
    const api = client();
    const before = server.requests.length;
    await expect(api.get(`${site}/lists/no-such-list`, 'reading a list')).rejects.toMatchObject({ code: 'not_found' });
    expect(server.requests.length - before).toBe(1);
  });
});

describe('retries inside a $batch', () => {
  const notes = (items: string, ...ids: string[]) =>
    ids.map((id) => ({ id, method: 'POST' as const, url: items, body: { fields: { Note: `Note ${id}` } } }));

  it('sends only the throttled step again — not the batch — after that step’s own Retry-After', async () => {
    const items = await newList();
    const api = client();
    server.script = [{ where: 'step', status: 429, retryAfter: '4', match: /#two$/, times: 1 }];
    const posts = batchPosts();
    const inner = server.batchedRequests.length;

    const answers = await api.batch(notes(items, 'one', 'two', 'three'), 'adding notes');

    expect([...answers.values()].map((a) => a.status)).toEqual([201, 201, 201]);
    expect(batchPosts() - posts).toBe(2);
    expect(server.batchedRequests.length - inner).toBe(4);
    expect(timer.sleeps).toEqual([4000]);
  });

  it('sends a batch of reads again when it goes unanswered, but never a batch that writes', async () => {
    const items = await newList();
    const api = client(3, 200);
    const reads = ['a', 'b'].map((id) => ({ id, method: 'GET' as const, url: items }));
    server.script = [{ where: 'request', status: 0, match: /^POST \/\$batch$/, times: 1 }];
    let posts = batchPosts();
    const answers = await api.batch(reads, 'reading notes');
    expect([...answers.values()].map((a) => a.status)).toEqual([200, 200]);
    expect(batchPosts() - posts).toBe(2);

    server.script = [{ where: 'request', status: 0, match: /^POST \/\$batch$/, times: 1 }];
    posts = batchPosts();
    await expect(api.batch(notes(items, 'one'), 'adding notes')).rejects.toMatchObject({ code: 'unavailable' });
    expect(batchPosts() - posts).toBe(1);
  });

  it('waits for the longest Retry-After among the throttled steps', async () => {
    const items = await newList();
    const api = client();
    server.script = [
      { where: 'step', status: 503, retryAfter: '2', match: /#one$/, times: 1 },
      { where: 'step', status: 429, retryAfter: '9', match: /#three$/, times: 1 },
    ];
    await api.batch(notes(items, 'one', 'two', 'three'), 'adding notes');
    expect(timer.sleeps).toEqual([9000]);
  });

  it('sends a step skipped because its dependency was throttled again with it, and drops a dependency that succeeded', async () => {
    const items = await newList();
    const api = client();
    const created = (await api.post(items, { fields: { Note: 'to change' } }, 'adding a note')) as { id: string };
    const steps = [
      { id: 'patch', method: 'PATCH' as const, url: `${items}/${created.id}/fields`, body: { Note: 'changed' } },
      { id: 'post', method: 'POST' as const, url: items, body: { fields: { Note: 'after' } }, dependsOn: ['patch'] },
      { id: 'read', method: 'GET' as const, url: `${items}?$expand=fields`, dependsOn: ['post'] },
    ];
    server.script = [
      { where: 'step', status: 503, retryAfter: '1', match: /#patch$/, times: 1 },
      { where: 'step', status: 429, retryAfter: '1', match: /#post$/, times: 1 },
    ];
    const inner = server.batchedRequests.length;

    const answers = await api.batch(steps, 'changing notes');

    expect(Object.fromEntries([...answers].map(([id, a]) => [id, a.status]))).toEqual({ patch: 200, post: 201, read: 200 });
    // Round 1: patch 503, post and read skipped (424). Round 2: all three; post 429, read skipped. Round 3: post and read.
    expect(server.batchedRequests.length - inner).toBe(3 + 3 + 2);
    const read = (answers.get('read')!.body as { value: { fields: { Note: string } }[] }).value.map((i) => i.fields.Note);
    expect(read).toEqual(['changed', 'after']);
  });

  it('retries a throttled batch request and its throttled steps in one loop under one budget', async () => {
    const items = await newList();
    const api = client(2);
    server.script = [
      { where: 'request', status: 429, retryAfter: '1', match: /\$batch/, times: 1 },
      { where: 'step', status: 503, retryAfter: '1', match: /#two$/, times: 10 },
    ];
    const posts = batchPosts();

    const answers = await api.batch(notes(items, 'one', 'two'), 'adding notes');

    // Three attempts in all (GRAPH_MAX_RETRIES = 2): the throttled request, then two with step "two" still throttled.
    expect(batchPosts() - posts).toBe(3);
    expect(answers.get('one')!.status).toBe(201);
    expect(answers.get('two')!.status).toBe(503);
  });

  it('gives bulk work (imports, provisioning) a longer budget than a card submission', async () => {
    const items = await newList();
    const api = client(1);
    server.script = [{ where: 'step', status: 429, retryAfter: '1', match: /#one$/, times: 5 }];
    expect((await api.batch(notes(items, 'one'), 'adding a note')).get('one')!.status).toBe(429);
    server.script = [{ where: 'step', status: 429, retryAfter: '1', match: /#one$/, times: 5 }];
    expect((await api.bulk().batch(notes(items, 'one'), 'importing the plan')).get('one')!.status).toBe(201);
  });
});
