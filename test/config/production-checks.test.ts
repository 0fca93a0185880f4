import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config.js';
import { isAppError } from '../../bot/src/errors.js';
import { assertProductionReady, checkProduction, directoryProblem } from '../../bot/src/production-checks.js';

const SECRET = 'super-secret-value-123';

/** A production environment that is complete for a SingleTenant bot. */
const complete = (): Record<string, string> => ({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://wres.example.org',
  STORE: 'sharepoint',
  SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,1111,2222',
  MicrosoftAppId: '00000000-0000-0000-0000-0000000000b1',
  MicrosoftAppPassword: SECRET,
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-0000000000a1',
  AAD_APP_CLIENT_ID: '00000000-0000-0000-0000-0000000000b1',
  AAD_APP_ID_URI: 'api://wres.example.org/botid-00000000-0000-0000-0000-0000000000b1',
  ALLOWED_TENANTS: '00000000-0000-0000-0000-0000000000a1',
  ED_LEADS: 'ed.lead@example.org',
  VIEWERS: 'board@example.org',
});

const without = (...names: string[]) => {
  const env = complete();
  for (const n of names) delete env[n];
  return env;
};

function startUpError(env: Record<string, string>): string {
  try {
    assertProductionReady(loadConfig(env));
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  throw new Error('start-up was not refused');
}

describe('production start-up checks', () => {
  it('lets a complete production configuration start, with no warnings', () => {
    expect(assertProductionReady(loadConfig(complete()))).toEqual([]);
  });

  it('needs nothing in development', () => {
    expect(checkProduction(loadConfig({}))).toEqual({ problems: [], warnings: [] });
    expect(assertProductionReady(loadConfig({ NODE_ENV: 'development' }))).toEqual([]);
  });

  it.each([['MicrosoftAppId'], ['MicrosoftAppPassword'], ['MicrosoftAppTenantId'], ['AAD_APP_CLIENT_ID'], ['AAD_APP_ID_URI']])(
    'refuses to start without %s and names it',
    (name) => {
      const message = startUpError(without(name));
      const lines = message.split('\n').filter((l) => l.trim().startsWith('- '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
    },
  );

  it("lets the tab fall back on the bot's tenant when ALLOWED_TENANTS is empty", () => {
    expect(checkProduction(loadConfig(without('ALLOWED_TENANTS'))).problems).toEqual([]);
  });

  it('refuses to start with neither ALLOWED_TENANTS nor a bot tenant for the tab', () => {
    const env = { ...without('ALLOWED_TENANTS', 'MicrosoftAppTenantId'), MicrosoftAppType: 'MultiTenant' };
    const lines = startUpError(env)
      .split('\n')
      .filter((l) => l.trim().startsWith('- '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s+- ALLOWED_TENANTS is empty/);
  });

  it('refuses sign-in keys fetched over plain http in production', () => {
    expect(startUpError({ ...complete(), AAD_JWKS_URL: 'http://127.0.0.1:9999/keys' })).toMatch(/- AAD_JWKS_URL must be https:\/\//);
  });

  it('refuses the SQLite store and a missing SharePoint site, naming both', () => {
    const message = startUpError(without('STORE', 'SHAREPOINT_SITE_ID'));
    expect(message).toMatch(/^\s+- STORE is "sqlite"/m);
    expect(message).toMatch(/^\s+- SHAREPOINT_SITE_ID is not set/m);
  });

  it('accepts a SharePoint site URL instead of a site id', () => {
    const env = { ...without('SHAREPOINT_SITE_ID'), SHAREPOINT_SITE_URL: 'https://contoso.sharepoint.com/sites/wres' };
    expect(checkProduction(loadConfig(env)).problems).toEqual([]);
  });

  it('lists every missing setting at once, one line each', () => {
    const message = startUpError({ NODE_ENV: 'production' });
    const lines = message.split('\n').filter((l) => l.trim().startsWith('- '));
    const named = lines.map((l) => l.trim().slice(2).split(' ')[0]);
    expect(named).toEqual([
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppTenantId',
      'AAD_APP_CLIENT_ID',
      'AAD_APP_ID_URI',
      'ALLOWED_TENANTS',
      'STORE',
      'SHAREPOINT_SITE_ID',
      'PUBLIC_URL',
    ]);
  });

  it('does not ask for a password when the bot uses its user-assigned managed identity', () => {
    const env = { ...without('MicrosoftAppPassword'), MicrosoftAppType: 'UserAssignedMSI' };
    expect(checkProduction(loadConfig(env)).problems).toEqual([]);
  });

  it('still needs the tenant id for a managed-identity bot', () => {
    const env = { ...without('MicrosoftAppPassword', 'MicrosoftAppTenantId'), MicrosoftAppType: 'UserAssignedMSI' };
    expect(startUpError(env)).toContain('MicrosoftAppTenantId');
  });

  it('refuses a PUBLIC_URL that is not https', () => {
    expect(startUpError({ ...complete(), PUBLIC_URL: 'http://wres.example.org' })).toMatch(/PUBLIC_URL must start with https:\/\//);
  });

  it('refuses to load the sample plan in production', () => {
    expect(startUpError({ ...complete(), LOAD_SAMPLE_PLAN: 'true' })).toContain('LOAD_SAMPLE_PLAN');
    expect(checkProduction(loadConfig({ ...complete(), LOAD_SAMPLE_PLAN: 'false' })).problems).toEqual([]);
  });

  it('asks for the Graph client and tenant ids when a Graph client secret is given', () => {
    const message = startUpError({ ...complete(), GRAPH_CLIENT_SECRET: SECRET });
    expect(message).toContain('GRAPH_CLIENT_SECRET');
    expect(message).not.toContain(SECRET);
  });

  it('never prints a secret value', () => {
    const env = { ...without('MicrosoftAppId', 'MicrosoftAppTenantId'), GRAPH_CLIENT_SECRET: SECRET };
    expect(startUpError(env)).not.toContain(SECRET);
  });

  it('refuses directory groups without a way to ask the directory, and says what to grant when organisations need it', () => {
    const message = startUpError({ ...without('STORE'), DIRECTORY_GROUPS: 'true' });
    expect(message).toMatch(/^\s+- DIRECTORY_GROUPS is on but Microsoft Graph is not configured/m);
    expect(assertProductionReady(loadConfig({ ...complete(), DIRECTORY_GROUPS: 'true' }))).toEqual([]);
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(directoryProblem(config, true, false)).toMatch(/Microsoft Graph is not configured.*GroupMember\.Read\.All.*User\.Read\.All/);
    expect(directoryProblem(config, true, true)).toBeUndefined();
    expect(directoryProblem(config, false, false)).toBeUndefined();
  });

  it('warns, without refusing, when nobody is an E&D lead or a viewer', () => {
    const warnings = assertProductionReady(loadConfig(without('ED_LEADS', 'VIEWERS')));
    expect(warnings.join('\n')).toContain('ED_LEADS');
    expect(warnings.join('\n')).toContain('VIEWERS');
  });
});
