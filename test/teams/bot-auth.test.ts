/**
 * The bot endpoint with authentication on (a MicrosoftAppId), against a local
 * Bot Framework key server standing in for login.botframework.com: forged
 * tokens get 401 in our words, an unavailable key server 503.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot, type BotTokenEndpoints } from '../../bot/src/teams/bot-app.js';
import { closeServer, listen, serveApp, type ServedApp } from '../api/serve-app.js';

const APP_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TENANT = '99999999-9999-4999-8999-999999999999';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const KID = 'bf-key-1';

/** The local key server: an OpenID document and its keys per path prefix; a prefix can be made to fail with 503. */
class KeyServer {
  private server?: Server;
  url = '';
  readonly failing = new Set<string>();
  constructor(private readonly jwk: JWK) {}

  async start(): Promise<this> {
    this.server = createHttpServer((req, res) => {
      const [, prefix, file] = (req.url ?? '').split('/');
      if (this.failing.has(prefix!)) return void res.writeHead(503).end('down for maintenance');
      const body =
        file === 'openid'
          ? { issuer: ISSUER, jwks_uri: `${this.url}/${prefix}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : { keys: [{ ...this.jwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    this.url = `http://127.0.0.1:${await listen(this.server)}`;
    return this;
  }

  /** Endpoints for one case: a fresh path, since botbuilder caches keys per metadata URL. */
  endpoints(prefix: string): BotTokenEndpoints {
    return { openIdMetadataUrl: `${this.url}/${prefix}/openid`, tokenIssuer: ISSUER };
  }

  stop(): Promise<void> {
    return this.server ? closeServer(this.server) : Promise.resolve();
  }
}

let keys: KeyServer;
let trusted: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let stranger: typeof trusted;
let publicPem: string;
const store = new SqlitePlanStore(':memory:');
const apps: ServedApp[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  trusted = pair.privateKey;
  stranger = (await generateKeyPair('RS256', { extractable: true })).privateKey;
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  publicPem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
  keys = await new KeyServer(await exportJWK(pair.publicKey)).start();
  await store.init();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await keys?.stop();
  await store.close();
});

/** The real app with bot authentication on, trusting `endpoints`. */
async function botApp(endpoints: BotTokenEndpoints) {
  const config = loadConfig({ NODE_ENV: 'test', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-only', MicrosoftAppTenantId: TENANT });
  const logger = memoryLogger();
  const app = await serveApp({
    config,
    store,
    clock: fixedClock(new Date().toISOString()),
    logger,
    botHandler: (core) => createTeamsBot(config, core, endpoints).handler,
  });
  apps.push(app);
  const post = async (authorization?: string) => {
    const res = await fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      // A typing indicator: the bot does nothing with it, so a valid token gets a plain 200.
      body: JSON.stringify({
        type: 'typing',
        id: 'activity-1',
        channelId: 'msteams',
        serviceUrl: SERVICE_URL,
        from: { id: '29:someone', aadObjectId: '11111111-1111-4111-8111-111111111111' },
        recipient: { id: `28:${APP_ID}` },
        conversation: { id: 'a:conversation', conversationType: 'personal', tenantId: TENANT },
      }),
    });
    return { status: res.status, text: await res.text() };
  };
  return { post, logger };
}

const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600 });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The library texts seen for these failures; none may reach a response body. */
const LIBRARY_WORDS = [
  /signature/i,
  /algorithm/i,
  /jwt/i,
  /Failed to load/i,
  /Unauthorized\./,
  /Signing Key/i,
  /ECONNREFUSED/,
  /FetchError/,
];

function expectOurs(res: { status: number; text: string }, status: number, message: RegExp) {
  expect(res.status, res.text).toBe(status);
  const body = JSON.parse(res.text) as ApiErrorBody;
  expect(body.error.message).toMatch(message);
  for (const theirs of LIBRARY_WORDS) expect(res.text).not.toMatch(theirs);
}

const REFUSED = /^This request did not carry a valid Microsoft Teams token\.$/;
const UNAVAILABLE = /^Teams messages cannot be checked just now\. Please try again in a minute\.$/;

describe('bot requests with authentication on', () => {
  let bot: Awaited<ReturnType<typeof botApp>>;
  beforeAll(async () => {
    bot = await botApp(keys.endpoints('main'));
  });

  it('accepts a token signed with the published key (the control for the cases below)', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(trusted);
    expect((await bot.post(`Bearer ${token}`)).status).toBe(200);
  });

  it('answers 401 in our words when there is no token', async () => {
    expectOurs(await bot.post(), 401, REFUSED);
  });

  it('answers 401 to a token signed with the wrong key under a known kid', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(stranger);
    expectOurs(await bot.post(`Bearer ${token}`), 401, REFUSED);
  });

  it('answers 401 to an unsigned token (alg: none)', async () => {
    const token = `${b64({ alg: 'none', kid: KID, typ: 'JWT' })}.${b64(claims())}.`;
    expectOurs(await bot.post(`Bearer ${token}`), 401, REFUSED);
  });

  it('answers 401 to an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: KID }).sign(new TextEncoder().encode(publicPem));
    expectOurs(await bot.post(`Bearer ${token}`), 401, REFUSED);
  });

  it('answers 401 to a valid signature for another bot, or an expired token, and logs no token', async () => {
    const other = await new SignJWT({ ...claims(), aud: 'someone-else' }).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(trusted);
    expectOurs(await bot.post(`Bearer ${other}`), 401, REFUSED);
    const expired = await new SignJWT({ ...claims(), nbf: now() - 7200, exp: now() - 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .sign(trusted);
    expectOurs(await bot.post(`Bearer ${expired}`), 401, REFUSED);
    expect(JSON.stringify(bot.logger.lines)).not.toContain(expired.split('.')[2]!);
  });
});

describe('when the Bot Framework keys cannot be had', () => {
  it('answers 503 when the key server answers 5xx', async () => {
    keys.failing.add('down');
    const bot = await botApp(keys.endpoints('down'));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(trusted);
    expectOurs(await bot.post(`Bearer ${token}`), 503, UNAVAILABLE);
  });

  it('answers 503 when the key server cannot be reached', async () => {
    const closed = createHttpServer();
    const port = await listen(closed);
    await closeServer(closed);
    const bot = await botApp({ openIdMetadataUrl: `http://127.0.0.1:${port}/openid`, tokenIssuer: ISSUER });
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: KID }).sign(trusted);
    expectOurs(await bot.post(`Bearer ${token}`), 503, UNAVAILABLE);
  });
});
