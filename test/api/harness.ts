/**
 * Runs the real express app (createServer + createApiRouter + a temp SQLite
 * store) on 127.0.0.1, and a local JWKS server issuing Teams-SSO-like tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig, type Config } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Person } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import type { ImportedAction } from '../../bot/src/store/plan-store.js';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress } from '../store/fixtures.js';
import { closeServer, listen, serveApp } from './serve-app.js';

export const TENANT = '99999999-9999-4999-8999-999999999999';
export const OTHER_TENANT = '88888888-8888-4888-8888-888888888888';
export const CLIENT_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const APP_ID_URI = `api://wres.example.org/botid-${CLIENT_ID}`;
/** "Now" for every API test: Tuesday 10 March 2026, 09:00 UK time. */
export const NOW = '2026-03-10T09:00:00Z';

export const ASHA: Required<Person> = {
  displayName: 'Asha Patel',
  email: 'asha.patel@example.nhs.uk',
  aadObjectId: '11111111-1111-4111-8111-111111111111',
};
export const BEN: Required<Person> = {
  displayName: 'Ben Okafor',
  email: 'ben.okafor@example.nhs.uk',
  aadObjectId: '22222222-2222-4222-8222-222222222222',
};
export const LEAD: Required<Person> = {
  displayName: 'Lena Hart',
  email: 'lena.hart@example.nhs.uk',
  aadObjectId: '33333333-3333-4333-8333-333333333333',
};
export const BOARD: Required<Person> = {
  displayName: 'Bola Reid',
  email: 'bola.reid@example.nhs.uk',
  aadObjectId: '44444444-4444-4444-8444-444444444444',
};
export const STRANGER: Required<Person> = {
  displayName: 'Sam Stranger',
  email: 'sam@example.nhs.uk',
  aadObjectId: '55555555-5555-4555-8555-555555555555',
};

/**
 * The plan every API test starts from (today 2026-03-10):
 * 1.1 Asha, due 17 Mar, Amber, updated 1 Mar · 1.2 Ben, due 28 Feb (overdue), Red ·
 * 2.1 no owner, ongoing, Green · 2.2 Asha, complete.
 */
export function testPlan(): ImportedAction[] {
  return [
    makeImportedAction({
      ref: '1.1',
      indicators: [2],
      owner: ASHA,
      dueDate: '2026-03-17',
      dueText: '17/3/2026',
      history: [makeImportedProgress({ text: 'Panel guidance drafted.', submittedAt: '2026-03-01T10:00:00Z', authorName: 'Asha Patel' })],
    }),
    makeImportedAction({
      ref: '1.2',
      indicators: [3],
      theme: 'Disciplinary',
      title: 'Review disciplinary cases by ethnicity',
      owner: BEN,
      dueDate: '2026-02-28',
      dueText: 'February 2026',
      rag: 'Red',
    }),
    makeImportedAction({
      ref: '2.1',
      indicators: [5, 6],
      theme: 'Bullying and harassment',
      title: 'Run a bystander training programme',
      owner: null,
      leadRole: 'Head of Workforce',
      dueDate: null,
      dueText: 'ongoing',
      status: 'Ongoing',
      rag: 'Green',
    }),
    makeImportedAction({
      ref: '2.2',
      indicators: [9],
      theme: 'Board',
      title: 'Reverse mentoring for board members',
      owner: ASHA,
      dueDate: '2026-01-31',
      dueText: 'January 2026',
      status: 'Complete',
      rag: 'Blue',
    }),
  ];
}

/** A local JWKS endpoint and a token factory signing with its key (or, for bad-signature tests, a stranger's key). */
export interface TestIssuer {
  jwksUrl: string;
  token(
    claims: JWTPayload,
    options?: { version?: 1 | 2; key?: 'trusted' | 'untrusted'; iatOffsetSeconds?: number; expOffsetSeconds?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

const KID = 'test-key-1';

export async function startIssuer(nowIso = NOW): Promise<TestIssuer> {
  const trusted = await generateKeyPair('RS256', { extractable: true });
  const untrusted = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  const port = await listen(server);
  const now = Math.floor(new Date(nowIso).getTime() / 1000);
  return {
    jwksUrl: `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
    async token(claims, options = {}) {
      const version = options.version ?? 2;
      const base: JWTPayload = {
        iss: version === 1 ? `https://sts.windows.net/${TENANT}/` : `https://login.microsoftonline.com/${TENANT}/v2.0`,
        aud: version === 1 ? APP_ID_URI : CLIENT_ID,
        tid: TENANT,
        scp: 'access_as_user',
        ver: version === 1 ? '1.0' : '2.0',
        iat: now + (options.iatOffsetSeconds ?? -60),
        nbf: now + (options.iatOffsetSeconds ?? -60),
        exp: now + (options.expOffsetSeconds ?? 3600),
      };
      const key = options.key === 'untrusted' ? untrusted.privateKey : trusted.privateKey;
      return new SignJWT({ ...base, ...claims }).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(key);
    },
    close: () => closeServer(server),
  };
}

/** Claims of a signed-in person (v2 names by default). */
export function personClaims(p: Person, extra: JWTPayload = {}): JWTPayload {
  return { oid: p.aadObjectId, name: p.displayName, preferred_username: p.email, ...extra };
}

export interface TestApi {
  baseUrl: string;
  store: SqlitePlanStore;
  config: Config;
  logger: ReturnType<typeof memoryLogger>;
  call(path: string, init?: { method?: string; token?: string; devUser?: string; body?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts the service with `env` (NODE_ENV=test plus ED_LEADS=Lena unless
 * overridden) over the test plan, or over `options.plan` with the clock at `options.now`.
 */
export async function startApi(
  env: Record<string, string> = {},
  options: { plan?: ImportedAction[]; now?: string } = {},
): Promise<TestApi> {
  const now = options.now ?? NOW;
  const dir = mkdtempSync(join(tmpdir(), 'wres-api-'));
  const store = new SqlitePlanStore(join(dir, 'wres.db'));
  await store.init();
  await store.importActions(options.plan ?? testPlan(), options.plan ? now : IMPORTED_AT);
  const config = loadConfig({ NODE_ENV: 'test', ED_LEADS: LEAD.email, ...env });
  const logger = memoryLogger();
  const app = await serveApp({ config, store, clock: fixedClock(now), logger, tabDir: join(dir, 'no-tab') });
  const { baseUrl } = app;
  return {
    baseUrl,
    store,
    config,
    logger,
    call(path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.devUser !== undefined) headers['x-dev-user'] = init.devUser;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Environment that turns on Entra validation against `issuer`. */
export function entraEnv(issuer: TestIssuer, extra: Record<string, string> = {}): Record<string, string> {
  return { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_ID_URI: APP_ID_URI, ALLOWED_TENANTS: TENANT, AAD_JWKS_URL: issuer.jwksUrl, ...extra };
}

/** The issuer and API started by useEntraApi's hooks; read them inside tests and hooks only. */
export interface EntraApiContext {
  readonly issuer: TestIssuer;
  readonly api: TestApi;
}

/**
 * Registers the test file's hooks: one token issuer for the file and an API
 * trusting it (entraEnv plus `env`), started once for the file or, with
 * `perTest`, afresh for every test. Both are closed afterwards.
 */
export function useEntraApi(options: { env?: Record<string, string>; perTest?: boolean } = {}): EntraApiContext {
  let issuer: TestIssuer | undefined;
  let api: TestApi | undefined;
  const start = async () => {
    api = await startApi(entraEnv(started(issuer), options.env));
  };
  const stop = async () => api?.close();
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => issuer?.close());
  if (options.perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  return {
    get issuer() {
      return started(issuer);
    },
    get api() {
      return started(api);
    },
  };
}

function started<T>(value: T | undefined): T {
  if (!value) throw new Error('useEntraApi: read the issuer and API inside tests or hooks, after they start');
  return value;
}

/** The id of the action with plan reference `ref`. */
export async function actionId(store: SqlitePlanStore, ref: string): Promise<string> {
  const found = (await store.listActions()).find((a) => a.ref === ref);
  if (!found) throw new Error(`No action ${ref} in the test plan`);
  return found.id;
}
