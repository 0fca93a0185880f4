import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../bot/src/config.js';
import { checkProduction } from '../../bot/src/production-checks.js';
import { readParamFile, readParams, readResourceProperties, type BicepParam, type ParamValue } from './bicep-reader.js';

const INFRA = fileURLToPath(new URL('../../infra/', import.meta.url));
const main = readFileSync(join(INFRA, 'main.bicep'), 'utf8');
const params = readParams(main);
const PARAM_FILES = ['main.dev.bicepparam', 'main.prod.bicepparam'];

/** Config variables deliberately not set in Azure, each with the reason. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  PORT: 'App Service sets PORT itself',
  DATABASE_PATH: 'SQLite store only; Azure runs on SharePoint',
  GRAPH_CLIENT_SECRET: 'Graph uses the managed identity, never a secret',
  GRAPH_CLIENT_CERTIFICATE_PATH: 'Graph uses the managed identity',
  GRAPH_BASE_URL: 'the default, https://graph.microsoft.com',
  AZURE_AUTHORITY_HOST: 'the default public cloud',
  SHAREPOINT_SITE_URL: 'SHAREPOINT_SITE_ID is given instead',
  GRAPH_TIMEOUT_MS: 'tuning; the default suits',
  GRAPH_MAX_RETRIES: 'tuning; the default suits',
  SHAREPOINT_CACHE_SECONDS: 'tuning; the default suits',
  TEAMS_MESSAGES_PER_SECOND: "tuning; the default is Teams' documented budget",
  SEND_CONCURRENCY: 'tuning; the default suits',
  REMINDER_LEASE_MINUTES: 'tuning; the default suits',
  AAD_JWKS_URL: "the default, Entra's public signing keys",
  HOST: 'production listens on every interface, as App Service needs',
  IMPORT_MAX_FILE_MB: 'tuning; the default suits',
  IMPORT_MAX_ROWS: 'tuning; the default suits',
  TEAMS_APP_ID: 'the default, MicrosoftAppId, is the manifest id the package gets; TEAMS_APP_CATALOG_ID is set instead',
  PROACTIVE_INSTALL_WAIT_SECONDS: 'tuning; the default suits',
  TEAMS_SERVICE_URL: "the default, Teams' global Bot Connector address (used only before any conversation is stored)",
  AZURE_STORAGE_CONNECTION_STRING: 'Azure Storage is reached with the managed identity; a connection string is for Azurite',
  CYCLE_LEASE_SECONDS: 'tuning; the default suits',
  DIRECTORY_CACHE_MINUTES: 'tuning; the default suits',
  REGISTRY_REFRESH_SECONDS: 'tuning; the default (a minute) suits',
};
/** App Service's own settings, not read by the service. */
const PLATFORM_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT'];

function typeMatches(param: BicepParam, value: ParamValue): boolean {
  return value.type === param.type || (value.type === 'readEnvironmentVariable' && param.type === 'string');
}

/** Problems with a .bicepparam file against main.bicep's declarations, one line each. */
function paramFileProblems(text: string, declared: BicepParam[]): string[] {
  const { using, values } = readParamFile(text);
  const problems: string[] = [];
  if (using !== './main.bicep') problems.push(`uses '${using}', not './main.bicep'`);
  for (const p of declared) {
    const v = values.get(p.name);
    if (!v) {
      if (!p.hasDefault) problems.push(`${p.name} is required but not set`);
      continue;
    }
    if (!typeMatches(p, v)) problems.push(`${p.name} should be ${p.type}, is ${v.type}`);
    if (p.allowed && v.type === p.type && !p.allowed.includes(v.type === 'int' ? Number(v.expression) : v.expression.slice(1, -1))) {
      problems.push(`${p.name} = ${v.expression} is not one of ${p.allowed.join(', ')}`);
    }
    if (p.secure && v.type !== 'readEnvironmentVariable') problems.push(`${p.name} is secret: read it from the environment or Key Vault`);
  }
  for (const name of values.keys()) if (!declared.some((p) => p.name === name)) problems.push(`${name} is not a parameter of main.bicep`);
  return problems;
}

describe('the Bicep reader', () => {
  const declared = readParams(`
@description('Name')
@minLength(3)
param appName string

@allowed(['B1', 'S1'])
param sku string = 'B1'

@secure()
param password string = ''
param count int = 1
`);

  it('reads names, types, defaults, @secure and @allowed', () => {
    expect(declared).toEqual([
      { name: 'appName', type: 'string', hasDefault: false, secure: false, description: 'Name' },
      { name: 'sku', type: 'string', hasDefault: true, secure: false, allowed: ['B1', 'S1'] },
      { name: 'password', type: 'string', hasDefault: true, secure: true },
      { name: 'count', type: 'int', hasDefault: true, secure: false },
    ]);
  });

  it('catches a missing required parameter, a wrong type, a disallowed value, a literal secret and a stranger', () => {
    const problems = paramFileProblems(
      `using './main.bicep'\nparam sku = 'P9'\nparam count = '2'\nparam password = 'hunter2'\nparam colour = 'blue'\n`,
      declared,
    );
    expect(problems).toEqual([
      'appName is required but not set',
      "sku = 'P9' is not one of B1, S1",
      'password is secret: read it from the environment or Key Vault',
      'count should be int, is string',
      'colour is not a parameter of main.bicep',
    ]);
  });

  it('refuses text it does not understand rather than guessing', () => {
    expect(() => readParamFile(`using './main.bicep'\nparam x = concat('a', 'b')\n`)).toThrow(/cannot tell the type/);
    expect(() => readParams(`param x string = {\n`)).toThrow(/unbalanced/);
  });
});

describe('infra/main.bicep', () => {
  it('describes every parameter', () => {
    expect(params.length).toBeGreaterThan(10);
    expect(params.filter((p) => !p.description).map((p) => p.name)).toEqual([]);
  });

  it('keeps secrets in @secure() parameters', () => {
    const secretLooking = params.filter((p) => /password|secret/i.test(p.name));
    expect(secretLooking.map((p) => p.name)).toEqual(['botAppPassword']);
    expect(secretLooking.every((p) => p.secure)).toBe(true);
  });

  it('only offers bot types that can still be registered', () => {
    expect(params.find((p) => p.name === 'botAppType')?.allowed).toEqual(['UserAssignedMSI', 'SingleTenant']);
    expect(readResourceProperties(main, 'bot').get('msaAppType')).toBe('botAppType');
  });

  it('points the bot at /api/messages and enables the Teams channel', () => {
    expect(readResourceProperties(main, 'bot').get('endpoint')).toMatch(/^'https:\/\/\$\{[^}]+\}\/api\/messages'$/);
    expect(readResourceProperties(main, 'teamsChannel').get('channelName')).toBe("'MsTeamsChannel'");
  });

  it('runs Node 22 LTS on Linux over HTTPS only, always on, with the /healthz health check', () => {
    const web = readResourceProperties(main, 'web');
    expect(web.get('httpsOnly')).toBe('true');
    expect(main).toMatch(/^\s+linuxFxVersion: 'NODE\|22-lts'$/m);
    expect(main).toMatch(/^\s+alwaysOn: true$/m);
    expect(main).toMatch(/^\s+healthCheckPath: '\/healthz'$/m);
    expect(readResourceProperties(main, 'plan').get('reserved')).toBe('true');
  });

  describe('app settings', () => {
    const settings = readResourceProperties(main, 'appSettings');

    it('wires every variable the service reads, or says why Azure leaves it unset', () => {
      const missing = CONFIG_VARIABLES.filter((v) => !settings.has(v) && !(v in NOT_SET_IN_AZURE));
      expect(missing).toEqual([]);
    });

    it('sets nothing the service does not read', () => {
      const unknown = [...settings.keys()].filter((k) => !CONFIG_VARIABLES.includes(k) && !PLATFORM_SETTINGS.includes(k));
      expect(unknown).toEqual([]);
      for (const name of Object.keys(NOT_SET_IN_AZURE)) expect(settings.has(name), name).toBe(false);
    });

    it('wires every setting the production start-up checks require', () => {
      const required = checkProduction(loadConfig({ NODE_ENV: 'production' })).problems.map((line) => line.split(' ')[0] ?? '');
      expect(required.length).toBeGreaterThan(5);
      expect(required.filter((name) => !settings.has(name))).toEqual([]);
    });

    it('runs in production on SharePoint with the sample plan off and an https address', () => {
      expect(settings.get('NODE_ENV')).toBe("'production'");
      expect(settings.get('STORE')).toBe("'sharepoint'");
      expect(settings.get('LOAD_SAMPLE_PLAN')).toBe("'false'");
      expect(settings.get('PUBLIC_URL')).toMatch(/^'https:\/\//);
      expect(settings.get('AAD_APP_ID_URI')).toBe('tabAppIdUri');
      expect(main).toMatch(/^var tabAppIdUri = 'api:\/\/\$\{publicHost\}\/botid-\$\{microsoftAppId\}'$/m);
      expect(settings.get('MicrosoftAppId')).toBe('microsoftAppId');
      expect(settings.get('GRAPH_CLIENT_ID')).toBe('identity.properties.clientId');
    });

    it('takes each value from a declared parameter, a variable, a resource or a literal', () => {
      const declaredNames = new Set(params.map((p) => p.name));
      const symbols = new Set([...main.matchAll(/^(?:var|resource)\s+(\w+)/gm)].map((m) => m[1]));
      for (const [key, expression] of settings) {
        const identifiers =
          expression
            .replace(/'(?:\\'|[^'])*'/g, (s) => [...s.matchAll(/\$\{(\w+)/g)].map((m) => ` ${m[1]} `).join(''))
            .match(/\b[A-Za-z_]\w*\b(?!\s*\()/g) ?? [];
        for (const id of identifiers.filter((i) => !['properties', 'clientId', 'tenantId', 'true', 'false'].includes(i))) {
          expect(declaredNames.has(id) || symbols.has(id), `${key} uses ${id}`).toBe(true);
        }
      }
    });
  });
});

describe('several instances (instanceCount > 1)', () => {
  const storage = readResourceProperties(main, 'storage');
  const settings = readResourceProperties(main, 'appSettings');

  it('adds a storage account reached only with Entra identities: no shared keys, no public blobs, TLS 1.2', () => {
    expect(main).toMatch(/^resource storage 'Microsoft\.Storage\/storageAccounts@[\d-]+' = if \(scaleOut\) \{$/m);
    expect(main).toMatch(/^var scaleOut = instanceCount > 1$/m);
    expect(storage.get('allowSharedKeyAccess')).toBe('false');
    expect(storage.get('allowBlobPublicAccess')).toBe('false');
    expect(storage.get('minimumTlsVersion')).toBe("'TLS1_2'");
    expect(storage.get('supportsHttpsTrafficOnly')).toBe('true');
    expect(readResourceProperties(main, 'cycleContainer').get('publicAccess')).toBe("'None'");
  });

  it('creates the outbox queue, its poison queue and the lease container the settings name', () => {
    expect(settings.get('OUTBOX_QUEUE')).toBe('outboxQueueName');
    expect(settings.get('CYCLE_LEASE_CONTAINER')).toBe('cycleContainerName');
    expect(main).toMatch(/^\s+name: outboxQueueName$/m);
    expect(main).toMatch(/^\s+name: '\$\{outboxQueueName\}-poison'$/m);
    expect(main).toMatch(/^\s+name: cycleContainerName$/m);
    expect(loadConfig({}).OUTBOX_QUEUE).toBe(/^var outboxQueueName = '([^']+)'$/m.exec(main)?.[1]);
    expect(loadConfig({}).CYCLE_LEASE_CONTAINER).toBe(/^var cycleContainerName = '([^']+)'$/m.exec(main)?.[1]);
  });

  it("grants the web app's managed identity queue and blob data access on the account, and wires the endpoints", () => {
    for (const [symbol, role] of [
      ['queueRole', 'queueDataContributor'],
      ['blobRole', 'blobDataContributor'],
    ] as const) {
      const assignment = readResourceProperties(main, symbol);
      expect(assignment.get('principalId')).toBe('identity.properties.principalId');
      expect(assignment.get('principalType')).toBe("'ServicePrincipal'");
      expect(assignment.get('roleDefinitionId')).toContain(role);
    }
    expect(main).toMatch(/^var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'$/m);
    expect(main).toMatch(/^var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'$/m);
    expect(settings.get('AZURE_STORAGE_QUEUE_URL')).toBe('storageQueueUrl');
    expect(settings.get('AZURE_STORAGE_BLOB_URL')).toBe('storageBlobUrl');
    expect(settings.get('AZURE_STORAGE_CLIENT_ID')).toBe("scaleOut ? identity.properties.clientId : ''");
  });

  it('scales the plan out only together with the storage account: one instance keeps the /home SQLite outbox', () => {
    expect(params.find((p) => p.name === 'instanceCount')).toMatchObject({ type: 'int', hasDefault: true });
    expect(main).toMatch(/^param instanceCount int = 1$/m);
    expect(main).toMatch(/^\s+capacity: instanceCount$/m);
    expect(main).toMatch(/^var storageQueueUrl = scaleOut \? storage\.properties\.primaryEndpoints\.queue : ''$/m);
    expect(main).toMatch(/^var storageBlobUrl = scaleOut \? storage\.properties\.primaryEndpoints\.blob : ''$/m);
    // What the app then reads: empty URLs mean one instance, the SQLite outbox.
    const one = loadConfig({ AZURE_STORAGE_QUEUE_URL: '', AZURE_STORAGE_BLOB_URL: '', AZURE_STORAGE_CLIENT_ID: '' });
    expect([one.AZURE_STORAGE_QUEUE_URL, one.AZURE_STORAGE_BLOB_URL]).toEqual([undefined, undefined]);
  });
});

describe.each(PARAM_FILES)('infra/%s', (file) => {
  const text = readFileSync(join(INFRA, file), 'utf8');

  it('supplies exactly the parameters main.bicep needs, with the right types and allowed values', () => {
    expect(paramFileProblems(text, params)).toEqual([]);
  });

  it('keeps no secret and no organisation-specific id in the file', () => {
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(readParamFile(text).values.has('botAppPassword')).toBe(false);
  });

  it("reads the tab app, SharePoint site and domain from the deployer's environment", () => {
    const { values } = readParamFile(text);
    expect(values.get('tabAppClientId')?.expression).toBe("readEnvironmentVariable('AAD_APP_CLIENT_ID')");
    expect(values.get('sharePointSiteId')?.expression).toBe("readEnvironmentVariable('SHAREPOINT_SITE_ID')");
    expect(values.get('tabDomain')?.expression).toMatch(/^readEnvironmentVariable\('TAB_DOMAIN'/);
  });
});
