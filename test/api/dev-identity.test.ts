import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertTabApiAuthConfigured, DEV_DEFAULT_PERSON } from '../../bot/src/api/auth.js';
import type { ApiErrorBody, MeResponse, SubmitUpdateResponse } from '../../bot/src/api/contract.js';
import { createApiRouter } from '../../bot/src/api/plan-api.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { ASHA, BEN, NOW, TENANT, actionId, startApi, type TestApi } from './harness.js';

describe('development identity (no Entra configuration, not production)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ ED_LEADS: '' });
  });
  afterAll(async () => api?.close());

  it('signs everyone in as the demo lead Alex Wilber (a lead while ED_LEADS is empty), clearly labelled', async () => {
    const me = (await (await api.call('/api/me')).json()) as MeResponse;
    expect(me).toEqual({ ...DEV_DEFAULT_PERSON, role: 'lead', isLead: true, ownsActions: 0, devIdentity: true, timeZone: 'Europe/London' });
  });

  it('lets X-Dev-User pick a plan owner, whose name and object id come from the plan', async () => {
    const me = (await (await api.call('/api/me', { devUser: BEN.email.toUpperCase() })).json()) as MeResponse;
    expect(me).toMatchObject({ displayName: 'Ben Okafor', aadObjectId: BEN.aadObjectId, role: 'owner', ownsActions: 1, devIdentity: true });
  });

  it('acts as the chosen person: a viewer cannot update, the owner can', async () => {
    const id = await actionId(api.store, '1.1');
    const body = { requestId: 'dev-identity-1', expectedVersion: (await api.store.getAction(id))!.version, text: 'Checked.', rag: 'Green' };
    const asViewer = await api.call(`/api/actions/${id}/updates`, { method: 'POST', devUser: 'board.member@example.nhs.uk', body });
    expect(asViewer.status).toBe(403);
    const asOwner = await api.call(`/api/actions/${id}/updates`, { method: 'POST', devUser: ASHA.email, body });
    expect(asOwner.status).toBe(201);
    expect(((await asOwner.json()) as SubmitUpdateResponse).update.author).toEqual({ name: 'Asha Patel', aadObjectId: ASHA.aadObjectId });
  });

  it('gives a Playground demo person their directory name and object id', async () => {
    const me = (await (await api.call('/api/me', { devUser: 'meganb@example.com' })).json()) as MeResponse;
    expect(me).toMatchObject({
      displayName: 'Megan Bowen',
      aadObjectId: '00000000-0000-0000-0000-0000000000021',
      role: 'viewer',
      devIdentity: true,
    });
  });

  it('names an unknown X-Dev-User from their email and treats them as a viewer', async () => {
    const me = (await (await api.call('/api/me', { devUser: 'board.member@example.nhs.uk' })).json()) as MeResponse;
    expect(me).toMatchObject({ displayName: 'Board Member', email: 'board.member@example.nhs.uk', role: 'viewer', devIdentity: true });
  });

  it('keeps ED_LEADS in charge when it is set: Alex is then an ordinary viewer', async () => {
    const configured = await startApi({ ED_LEADS: 'someone.else@example.nhs.uk' });
    try {
      expect(((await (await configured.call('/api/me')).json()) as MeResponse).role).toBe('viewer');
    } finally {
      await configured.close();
    }
  });

  it('refuses an X-Dev-User that is not an email address', async () => {
    const res = await api.call('/api/me', { devUser: 'not an email' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ApiErrorBody).error.message).toMatch(/email/);
  });
});

describe('production', () => {
  const production = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'production', ...env });

  it('refuses to start the API without Entra sign-in configured, naming the missing variables', () => {
    expect(() => assertTabApiAuthConfigured(production())).toThrow(/AAD_APP_CLIENT_ID[\s\S]*ALLOWED_TENANTS/);
    expect(() => assertTabApiAuthConfigured(production({ AAD_APP_CLIENT_ID: 'client' }))).toThrow(
      /ALLOWED_TENANTS or MicrosoftAppTenantId/,
    );
    expect(() => assertTabApiAuthConfigured(production({ AAD_APP_CLIENT_ID: 'client', ALLOWED_TENANTS: TENANT }))).not.toThrow();
    expect(() =>
      assertTabApiAuthConfigured(
        production({ AAD_APP_CLIENT_ID: 'client', ALLOWED_TENANTS: TENANT, AAD_JWKS_URL: 'http://127.0.0.1:9/keys' }),
      ),
    ).toThrow(/AAD_JWKS_URL/);
  });

  it('will not build the router (and so never falls back to the development identity) without it', async () => {
    const store = new SqlitePlanStore(':memory:');
    await store.init();
    const clock = fixedClock(NOW);
    const config = production();
    expect(() => createApiRouter({ config, store, service: new PlanService(store, clock), clock, logger: memoryLogger() })).toThrow(
      /AAD_APP_CLIENT_ID/,
    );
    await store.close();
  });

  it('only accepts a plain-http key server on loopback, in any environment', () => {
    expect(() => loadConfig({ AAD_JWKS_URL: 'http://keys.example.com/keys' })).toThrow(/AAD_JWKS_URL/);
    expect(loadConfig({ AAD_JWKS_URL: 'http://127.0.0.1:4000/keys' }).AAD_JWKS_URL).toBe('http://127.0.0.1:4000/keys');
  });
});
