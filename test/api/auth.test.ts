import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, MeResponse } from '../../bot/src/api/contract.js';
import {
  ASHA,
  BOARD,
  BEN,
  CLIENT_ID,
  LEAD,
  OTHER_TENANT,
  STRANGER,
  TENANT,
  entraEnv,
  personClaims,
  startApi,
  startIssuer,
  type TestApi,
  useEntraApi,
} from './harness.js';

const ctx = useEntraApi();

async function expect401(token: string | undefined, messagePart?: RegExp): Promise<void> {
  const res = await ctx.api.call('/api/me', token ? { token } : {});
  expect(res.status).toBe(401);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const text = await res.text();
  if (token) expect(text).not.toContain(token.split('.')[2]!.slice(0, 20));
  const body = JSON.parse(text) as ApiErrorBody;
  expect(body.error.code).toBe('unauthenticated');
  if (messagePart) expect(body.error.message).toMatch(messagePart);
}

describe('Teams SSO token validation', () => {
  it('accepts a valid v2 token and reads the identity from its claims', async () => {
    const res = await ctx.api.call('/api/me', { token: await ctx.issuer.token(personClaims(ASHA), { version: 2 }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const me = (await res.json()) as MeResponse;
    expect(me).toEqual({
      displayName: 'Asha Patel',
      email: ASHA.email,
      aadObjectId: ASHA.aadObjectId,
      role: 'owner',
      isLead: false,
      ownsActions: 2,
      devIdentity: false,
      timeZone: 'Europe/London',
    });
  });

  it('accepts a valid v1 token (api:// audience, sts.windows.net issuer, upn)', async () => {
    const token = await ctx.issuer.token({ oid: LEAD.aadObjectId, name: LEAD.displayName, upn: LEAD.email }, { version: 1 });
    const me = (await (await ctx.api.call('/api/me', { token })).json()) as MeResponse;
    expect(me.role).toBe('lead');
    expect(me.isLead).toBe(true);
    expect(me.email).toBe(LEAD.email);
  });

  it('accepts a v1 token whose audience is the client id', async () => {
    const res = await ctx.api.call('/api/plan', {
      token: await ctx.issuer.token({ ...personClaims(BEN), aud: CLIENT_ID }, { version: 1 }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a request without a token, telling the user to open it from Teams', async () => {
    await expect401(undefined, /Microsoft Teams/);
  });

  it('refuses a token for another application (wrong audience)', async () => {
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), aud: 'api://someone-else' }));
  });

  it('refuses a v2 token whose audience is the api:// URI (v2 tokens carry the client id)', async () => {
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), aud: `api://wres.example.org/botid-${CLIENT_ID}` }, { version: 2 }));
  });

  it('refuses a token from an issuer that is not Entra', async () => {
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), iss: 'https://evil.example.com/v2.0' }));
  });

  it('refuses a token whose issuer names a different tenant from its tid', async () => {
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }));
  });

  it('refuses a tenant that is not allowed, and says so', async () => {
    const token = await ctx.issuer.token({
      ...personClaims(ASHA),
      tid: OTHER_TENANT,
      iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
    });
    await expect401(token, /organisation is not set up/);
  });

  it('refuses a token signed by a key Entra did not publish', async () => {
    await expect401(await ctx.issuer.token(personClaims(ASHA), { key: 'untrusted' }));
  });

  it('refuses an expired token with a message that says to reload', async () => {
    await expect401(await ctx.issuer.token(personClaims(ASHA), { iatOffsetSeconds: -7200, expOffsetSeconds: -600 }), /expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    await expect401(await ctx.issuer.token(personClaims(ASHA), { iatOffsetSeconds: 1800 }));
  });

  it('refuses a token without the access_as_user scope (for example an app-only token)', async () => {
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), scp: undefined }));
    await expect401(await ctx.issuer.token({ ...personClaims(ASHA), scp: 'User.Read' }));
  });

  it('refuses a token that is not a JWT at all', async () => {
    await expect401('not-a-token.at-all.really');
  });

  it('refuses X-Dev-User when Entra is configured, even with a valid token', async () => {
    const res = await ctx.api.call('/api/me', { token: await ctx.issuer.token(personClaims(BEN)), devUser: LEAD.email });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ApiErrorBody).error.message).toMatch(/X-Dev-User/);
  });

  it('answers unknown API routes with 404 once signed in', async () => {
    const res = await ctx.api.call('/api/nothing-here', { token: await ctx.issuer.token(personClaims(ASHA)) });
    expect(res.status).toBe(404);
  });
});

describe('roles when VIEWERS is set', () => {
  let viewersApi: TestApi;
  beforeAll(async () => {
    viewersApi = await startApi(entraEnv(ctx.issuer, { VIEWERS: `${BOARD.email}` }));
  });
  afterAll(async () => viewersApi?.close());

  it('lets a listed viewer read, as a viewer', async () => {
    const res = await viewersApi.call('/api/me', { token: await ctx.issuer.token(personClaims(BOARD)) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MeResponse).role).toBe('viewer');
  });

  it('lets an action owner read although not listed', async () => {
    const res = await viewersApi.call('/api/plan', { token: await ctx.issuer.token(personClaims(BEN)) });
    expect(res.status).toBe(200);
  });

  it('lets an E&D lead read although not listed', async () => {
    const res = await viewersApi.call('/api/summary', { token: await ctx.issuer.token(personClaims(LEAD)) });
    expect(res.status).toBe(200);
  });

  it('refuses someone who is none of viewer, lead or owner, naming who they are signed in as', async () => {
    const res = await viewersApi.call('/api/plan', { token: await ctx.issuer.token(personClaims(STRANGER)) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiErrorBody).error.message).toContain('Sam Stranger');
  });

  it('treats a listed Entra group as a viewer', async () => {
    const groupApi = await startApi(entraEnv(ctx.issuer, { VIEWERS: 'board-group-id' }));
    try {
      const res = await groupApi.call('/api/me', { token: await ctx.issuer.token(personClaims(STRANGER, { groups: ['board-group-id'] })) });
      expect(res.status).toBe(200);
    } finally {
      await groupApi.close();
    }
  });
});

describe('when Entra keys cannot be fetched', () => {
  it('answers 503 rather than blaming the user', async () => {
    const gone = await startIssuer();
    const token = await gone.token(personClaims(ASHA));
    const unreachable = await startApi(entraEnv(gone));
    await gone.close();
    try {
      const res = await unreachable.call('/api/me', { token });
      expect(res.status).toBe(503);
      expect(unreachable.logger.lines.some((l) => l.message.includes('signing keys'))).toBe(true);
    } finally {
      await unreachable.close();
    }
  });
});

it('tenant allow-list falls back to MicrosoftAppTenantId when ALLOWED_TENANTS is empty', async () => {
  const fallback = await startApi({ ...entraEnv(ctx.issuer, { ALLOWED_TENANTS: '' }), MicrosoftAppTenantId: TENANT });
  try {
    expect((await fallback.call('/api/me', { token: await ctx.issuer.token(personClaims(ASHA)) })).status).toBe(200);
    const other = await ctx.issuer.token({
      ...personClaims(ASHA),
      tid: OTHER_TENANT,
      iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
    });
    expect((await fallback.call('/api/me', { token: other })).status).toBe(401);
  } finally {
    await fallback.close();
  }
});
