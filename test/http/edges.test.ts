import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ApiErrorBody, HealthResponse, PlanResponse } from '../../bot/src/api/contract.js';
import { TAB_FRAME_ANCESTORS } from '../../bot/src/http/security-headers.js';
import { actionId } from '../api/harness.js';
import { IMPORTED_AT, makeImportedAction } from '../store/fixtures.js';
import { HASHED_SCRIPT, PRECOMPRESSED_SCRIPT, startEdgeApp, type EdgeApp, type RawAnswer } from './edge-app.js';

let app: EdgeApp;
beforeAll(async () => {
  app = await startEdgeApp();
});
afterAll(async () => app?.close());

/** Every sentence an error body may carry on these paths: ours, written for people. */
const OUR_WORDS = [
  /^The request is too large \(the limit is [\d,]+ KB\)\. Shorten it and try again\.$/,
  /^The request body is not valid JSON\.$/,
  /^The request body is in an encoding or character set this service does not accept\.$/,
  /^The request could not be read: check the address and the body\.$/,
  /^The address is not valid: it contains a broken %-escape\.$/,
  /^There is nothing at this address\.$/,
  /^No such API route\.$/,
  /^That action is no longer in the plan\.$/,
  /^X-Dev-User must be an email address\.$/,
  /^The request body is not a Bot Framework activity\.$/,
  /^Only E&D leads can see the service health figures\.$/,
];
/** Fragments of the texts express, body-parser, zlib and Node put in their exceptions. */
const THEIR_WORDS = [
  /decode/i,
  /entity/i,
  /Unexpected token/,
  /header check/,
  /unsupported content encoding/i,
  /URIError/,
  /\bat \S+:\d+/,
  /node_modules/,
];

function expectOurError(answer: RawAnswer, status: number): ApiErrorBody {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as ApiErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(
    OUR_WORDS.some((w) => w.test(body.error.message)),
    body.error.message,
  ).toBe(true);
  for (const theirs of THEIR_WORDS) expect(answer.text).not.toMatch(theirs);
  return body;
}

const json = { 'content-type': 'application/json' };
async function updatePath(): Promise<string> {
  return `/api/actions/${await actionId(app.store, '1.1')}/updates`;
}
const update = (text: string) => JSON.stringify({ requestId: 'edge-1', expectedVersion: 1, text, rag: 'Green' });

describe('oversized and undecodable bodies', () => {
  it('answers a 70 KB update with 413 and a readable message, storing nothing', async () => {
    const res = await app.send('POST', await updatePath(), { headers: json, body: update('x'.repeat(70 * 1024)) });
    const body = expectOurError(res, 413);
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toContain('64 KB');
    expect(await app.store.listUpdatesSince('2000-01-01T00:00:00Z')).toHaveLength(1);
  });

  it('answers 5 MB posted to the bot endpoint with 413', async () => {
    const activity = JSON.stringify({ type: 'message', text: 'y'.repeat(5 * 1024 * 1024) });
    expect(expectOurError(await app.send('POST', '/api/messages', { headers: json, body: activity }), 413).error.code).toBe('too_large');
  });

  it('answers a small gzip body that expands past the limit with 413, on the API and the bot endpoint', async () => {
    const bomb = gzipSync(Buffer.from(update('z'.repeat(3 * 1024 * 1024))));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const headers = { ...json, 'content-encoding': 'gzip' };
    expectOurError(await app.send('POST', await updatePath(), { headers, body: bomb }), 413);
    const botBomb = gzipSync(Buffer.from(JSON.stringify({ type: 'message', text: 'z'.repeat(3 * 1024 * 1024) })));
    expectOurError(await app.send('POST', '/api/messages', { headers, body: botBomb }), 413);
  });

  it('answers a corrupt gzip body with 400, an unknown encoding with 415 and broken JSON with 400', async () => {
    const headers = { ...json, 'content-encoding': 'gzip' };
    expectOurError(await app.send('POST', await updatePath(), { headers, body: Buffer.from('not gzip at all') }), 400);
    expectOurError(await app.send('POST', await updatePath(), { headers: { ...json, 'content-encoding': 'compress' }, body: 'x' }), 415);
    expectOurError(await app.send('POST', await updatePath(), { headers: json, body: '{"text": ' }), 400);
    expectOurError(await app.send('POST', '/api/messages', { headers: json, body: '{"type": ' }), 400);
    expectOurError(await app.send('POST', '/api/messages', { headers: json, body: '[1, 2]' }), 400);
  });
});

describe('malformed percent-encoding in the path', () => {
  it.each(['/tab/%c0%ae', '/tab/%', '/tab/actions/%E0%A4%A', '/api/actions/%c0%ae', '/api/actions/%/updates', '/%', '/healthz%'])(
    'answers %s with 400',
    async (path) => {
      expect(expectOurError(await app.send('GET', path), 400).error.code).toBe('bad_input');
    },
  );

  it('still serves well-formed escapes', async () => {
    expectOurError(await app.send('GET', '/api/actions/no%20such%20action'), 404);
    expect((await app.send('GET', '/tab/actions/%31')).status).toBe(200);
  });
});

describe('every error path answers in our own words', () => {
  it('never echoes a dependency: unknown routes, bad query, bad X-Dev-User, not an activity', async () => {
    expectOurError(await app.send('GET', '/api/nothing-here'), 404);
    expectOurError(await app.send('GET', '/nothing-here'), 404);
    expectOurError(await app.send('GET', '/api/me', { headers: { 'x-dev-user': 'not an email' } }), 401);
    expectOurError(await app.send('POST', '/api/messages', { headers: json, body: '{"text": "no type"}' }), 400);
    expectOurError(
      await app.send('POST', '/api/messages', { headers: { 'content-type': 'application/json; charset=klingon' }, body: '{}' }),
      415,
    );
  });
});

describe('/healthz and /api/health', () => {
  it('shows only liveness without signing in', async () => {
    const res = await app.send('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
  });

  it('gives E&D leads the store counts and writes waiting', async () => {
    const res = await app.send('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text) as HealthResponse).toEqual({ status: 'ok', store: 'sqlite', actions: 4, updates: 1, pendingWrites: 0 });
  });

  it('refuses the counts to anyone who is not a lead', async () => {
    const res = await app.send('GET', '/api/health', { headers: { 'x-dev-user': 'nestorw@example.com' } });
    expect(expectOurError(res, 403).error.code).toBe('forbidden');
  });
});

describe('compression and caching', () => {
  it('sends the plan brotli-compressed when asked, else gzip, else plain', async () => {
    // A plan of a realistic size: tiny bodies (under 1 KB) are not worth compressing and are sent plain.
    const bigger = await startEdgeApp();
    onTestFinished(() => bigger.close());
    const more = Array.from({ length: 60 }, (_, i) =>
      makeImportedAction({ ref: `9.${i + 1}`, title: `Extra action ${i + 1} for the board` }),
    );
    await bigger.store.importActions(more, IMPORTED_AT);
    const plain = await bigger.send('GET', '/api/plan');
    expect(plain.body.length).toBeGreaterThan(2048);
    const expected = JSON.parse(plain.text) as PlanResponse;
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await bigger.send('GET', '/api/plan', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(expected);

    const gz = await bigger.send('GET', '/api/plan', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(expected);
    expect(gz.headers['cache-control']).toBe('no-store');
  });

  it('compresses the tab assets and caches hashed ones for a year, immutably', async () => {
    const script = await app.send('GET', `/tab/${HASHED_SCRIPT}`, { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the build’s own brotli or gzip copy of a script as it is, as JavaScript, cached immutably', async () => {
    const br = await app.send('GET', `/tab/${PRECOMPRESSED_SCRIPT}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toMatch(/the \.br copy \*\/$/);
    const gz = await app.send('GET', `/tab/${PRECOMPRESSED_SCRIPT}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toMatch(/the \.gz copy \*\/$/);
    for (const answer of [br, gz]) {
      expect(answer.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    }
    const plain = await app.send('GET', `/tab/${PRECOMPRESSED_SCRIPT}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toMatch(/^console\.log/);
  });

  it('keeps the app shell and unhashed files revalidated', async () => {
    for (const path of ['/tab/', '/tab/index.html', '/tab/actions/42']) {
      expect((await app.send('GET', path)).headers['cache-control'], path).toBe('no-cache');
    }
    const robots = await app.send('GET', '/tab/robots.txt');
    expect(robots.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers a missing hashed asset with 404, not the app shell', async () => {
    expectOurError(await app.send('GET', '/tab/assets/index-Gone1234.js'), 404);
  });
});

/** The CSP's directives by name. */
function csp(answer: RawAnswer): Map<string, string[]> {
  const header = String(answer.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('lets exactly the Teams, Outlook and Microsoft 365 hosts frame the tab, and loads only its own scripts', async () => {
    for (const path of ['/tab/', '/api/plan', '/healthz', '/api/nothing']) {
      const res = await app.send('GET', path);
      const policy = csp(res);
      expect(policy.get('frame-ancestors'), path).toEqual(TAB_FRAME_ANCESTORS.map((h) => `https://${h}`));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('lists the hosts Microsoft documents for tabs, and nothing broader', () => {
    expect([...TAB_FRAME_ANCESTORS].sort()).toEqual(
      [
        '*.cloud.microsoft',
        'teams.microsoft.com',
        '*.teams.microsoft.com',
        '*.microsoft365.com',
        '*.office.com',
        'outlook.office.com',
        'outlook.office365.com',
        'outlook-sdf.office.com',
        'outlook-sdf.office365.com',
      ].sort(),
    );
  });

  it('adds Strict-Transport-Security in production', async () => {
    const production = await startEdgeApp({
      NODE_ENV: 'production',
      AAD_APP_CLIENT_ID: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      ALLOWED_TENANTS: '99999999-9999-4999-8999-999999999999',
      MicrosoftAppId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      MicrosoftAppPassword: 'test-only',
      MicrosoftAppTenantId: '99999999-9999-4999-8999-999999999999',
    });
    try {
      const res = await production.send('GET', '/healthz');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res).get('frame-ancestors')).toEqual(TAB_FRAME_ANCESTORS.map((h) => `https://${h}`));
    } finally {
      await production.close();
    }
  });
});
