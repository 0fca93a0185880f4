import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../bot/src/graph/graph-client.js';
import { createGraphCredential } from '../../bot/src/graph/graph-credential.js';
import { resolveSite } from '../../bot/src/graph/site.js';
import { SkippingTimer } from '../reminders/virtual-timer.js';
import { startGraphServer, type GraphServer } from './graph-server.js';

let server: GraphServer;
beforeAll(async () => {
  server = await startGraphServer();
});
afterAll(() => server.close());

function secretClient(secret = server.identity.clientSecret) {
  const credential = createGraphCredential({
    GRAPH_TENANT_ID: server.identity.tenantId,
    GRAPH_CLIENT_ID: server.identity.clientId,
    GRAPH_CLIENT_SECRET: secret,
    AZURE_AUTHORITY_HOST: server.origin,
  });
  return createGraphClient({ baseUrl: server.origin, credential, timeoutMs: 2000, maxRetries: 2, timer: new SkippingTimer() });
}

describe('Graph client factory', () => {
  it('signs in with a client secret against the configured authority and finds the site by URL and by id', async () => {
    const graph = secretClient();
    const byUrl = await resolveSite(graph, { siteUrl: 'https://contoso.sharepoint.com/sites/wres' });
    expect(byUrl.id).toBe(server.site.id);
    const byId = await resolveSite(graph, { siteId: server.site.id });
    expect(byId.webUrl).toBe('https://contoso.sharepoint.com/sites/wres');
    expect(server.identity.counts.clientSecret).toBeGreaterThanOrEqual(1);
  });

  it('names the missing site in a configuration error', async () => {
    await expect(resolveSite(secretClient(), { siteUrl: 'https://contoso.sharepoint.com/sites/nope' })).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('sites/nope'),
    });
  });

  it('reports a wrong client secret as a sign-in failure, not as a missing site', async () => {
    await expect(resolveSite(secretClient('wrong'), { siteId: server.site.id })).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('could not sign in'),
    });
  });
});
