import { allowedTenants } from './api/auth.js';
import { isLoopbackHost, type Config } from './config.js';
import { graphConfigured } from './directory-from-config.js';
import { AppError } from './errors.js';
import { DIRECTORY_PERMISSIONS } from './graph/directory-membership.js';

/** What the production checks found: problems stop start-up, warnings are logged. */
export interface ProductionReport {
  problems: string[];
  warnings: string[];
}

type Check = (c: Config) => string | undefined;

// The one list of what production needs (the tab API's own guard,
// api/auth.ts assertTabApiAuthConfigured, checks a subset of it). Each check
// names its setting first and never repeats a value that could be secret.
const REQUIRED: Check[] = [
  (c) =>
    c.MicrosoftAppId
      ? undefined
      : "MicrosoftAppId is not set: the bot cannot prove that messages come from Microsoft Teams. Set it to the bot's app (client) id.",
  (c) =>
    c.MicrosoftAppType === 'UserAssignedMSI' || c.MicrosoftAppPassword
      ? undefined
      : `MicrosoftAppPassword is not set: a ${c.MicrosoftAppType} bot needs its client secret (or set MicrosoftAppType=UserAssignedMSI to use the managed identity).`,
  (c) =>
    c.MicrosoftAppType === 'MultiTenant' || c.MicrosoftAppTenantId
      ? undefined
      : `MicrosoftAppTenantId is not set: a ${c.MicrosoftAppType} bot needs the id of the Entra tenant it is registered in.`,
  (c) =>
    c.AAD_APP_CLIENT_ID
      ? undefined
      : "AAD_APP_CLIENT_ID is not set: the tab cannot check who is signed in. Set it to the client id of the tab's Entra app registration.",
  (c) =>
    c.AAD_APP_ID_URI
      ? undefined
      : 'AAD_APP_ID_URI is not set: the tab cannot check sign-in tokens. Set it to the Application ID URI, e.g. api://wres.example.org/botid-<bot id>.',
  (c) =>
    allowedTenants(c).length > 0
      ? undefined
      : 'ALLOWED_TENANTS is empty and there is no MicrosoftAppTenantId to fall back on: list the Entra tenant id(s) whose staff may open the tab.',
  (c) =>
    c.AAD_JWKS_URL.startsWith('https://')
      ? undefined
      : 'AAD_JWKS_URL must be https:// in production: sign-in keys are only trusted over a secure connection.',
  (c) => (c.STORE === 'sharepoint' ? undefined : `STORE is "${c.STORE}": production keeps the plan in SharePoint. Set STORE=sharepoint.`),
  (c) =>
    c.SHAREPOINT_SITE_ID || c.SHAREPOINT_SITE_URL
      ? undefined
      : 'SHAREPOINT_SITE_ID is not set: say which SharePoint site holds the plan (SHAREPOINT_SITE_ID, or SHAREPOINT_SITE_URL).',
  (c) =>
    !c.GRAPH_CLIENT_SECRET || (c.GRAPH_CLIENT_ID && c.GRAPH_TENANT_ID)
      ? undefined
      : 'GRAPH_CLIENT_SECRET is set without GRAPH_CLIENT_ID and GRAPH_TENANT_ID: a client secret needs both (or remove the secret to use the managed identity).',
  (c) =>
    c.PUBLIC_URL.startsWith('https://')
      ? undefined
      : `PUBLIC_URL must start with https:// in production (it is ${c.PUBLIC_URL}): Teams only opens secure links.`,
  (c) =>
    c.LOAD_SAMPLE_PLAN
      ? 'LOAD_SAMPLE_PLAN is on: the made-up sample plan must never be loaded into the live plan. Remove the setting or set it to false.'
      : undefined,
  (c) =>
    c.DIRECTORY_GROUPS && !graphConfigured(c)
      ? 'DIRECTORY_GROUPS is on but Microsoft Graph is not configured: group membership cannot be checked. Use STORE=sharepoint, or set GRAPH_TENANT_ID and GRAPH_CLIENT_ID.'
      : undefined,
  (c) =>
    c.LOAD_SAMPLE_ORGANISATIONS
      ? 'LOAD_SAMPLE_ORGANISATIONS is on: made-up sample organisations must never be registered in a live deployment. Remove the setting or set it to false.'
      : undefined,
];

const ADVISED: Check[] = [
  (c) =>
    c.ED_LEADS.length > 0 ? undefined : "ED_LEADS is empty: nobody will receive the digest or be able to update other people's actions.",
  (c) => (c.VIEWERS.length > 0 ? undefined : 'VIEWERS is empty: anyone signed in to an allowed tenant can read the whole plan.'),
];

const run = (checks: Check[], c: Config) => checks.map((check) => check(c)).filter((m): m is string => m !== undefined);

/**
 * Lists every production requirement the configuration misses (one plain
 * English line each) and the settings worth a second look. Outside
 * production nothing is required and the report is empty.
 */
export function checkProduction(config: Config): ProductionReport {
  if (!config.isProduction) return { problems: [], warnings: [] };
  return { problems: run(REQUIRED, config), warnings: run(ADVISED, config) };
}

/**
 * Throws an AppError('config') naming every missing production setting at
 * once; returns the warnings for the caller to log. Call before listening.
 */
export function assertProductionReady(config: Config): string[] {
  const { problems, warnings } = checkProduction(config);
  if (problems.length > 0) {
    throw new AppError(
      'config',
      `The service will not start in production until these settings are fixed:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return warnings;
}

/**
 * Outside production, without tab sign-in (AAD_APP_CLIENT_ID) every caller
 * is the development identity and X-Dev-User picks anyone; without
 * MicrosoftAppId the bot believes whoever posts to it. Such a service must
 * only be reachable from this machine: returns why a non-loopback HOST is
 * refused, or undefined when the address is safe.
 */
export function networkExposureProblem(config: Config): string | undefined {
  if (config.isProduction || config.HOST === undefined || isLoopbackHost(config.HOST)) return undefined;
  const missing = [
    ...(config.AAD_APP_CLIENT_ID ? [] : ['tab sign-in (AAD_APP_CLIENT_ID)']),
    ...(config.MicrosoftAppId ? [] : ['bot authentication (MicrosoftAppId)']),
  ];
  if (missing.length === 0) return undefined;
  return (
    `HOST is ${config.HOST}, which other machines can reach, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not configured: ` +
    'anyone on the network could act as any user, including an E&D lead. Remove HOST to listen on 127.0.0.1 only, or configure sign-in.'
  );
}

/**
 * Everything that must hold before the service listens: the production
 * requirements (see assertProductionReady) and, in development, that the
 * unauthenticated development set-up is not exposed to the network. Throws
 * an AppError('config'); returns the warnings to log.
 */
export function assertSafeToStart(config: Config): string[] {
  const exposure = networkExposureProblem(config);
  if (exposure) throw new AppError('config', `The service will not start: ${exposure}`);
  return assertProductionReady(config);
}

/**
 * Why membership through the directory cannot work as configured, or
 * undefined: some list needs it (`needed`: a group id with DIRECTORY_GROUPS,
 * or an organisation's directory values) but there is no directory
 * (`available`: Graph configured). Run once the registry is read; the
 * people it would admit are then refused with "the directory could not be
 * checked" until it is fixed.
 */
export function directoryProblem(config: Pick<Config, 'DIRECTORY_ATTRIBUTE'>, needed: boolean, available: boolean): string | undefined {
  if (!needed || available) return undefined;
  return (
    'Some organisations admit people through the directory (group ids with DIRECTORY_GROUPS, or values of ' +
    `${config.DIRECTORY_ATTRIBUTE}), but Microsoft Graph is not configured: those people are refused until it is. ` +
    `Configure Graph and grant ${DIRECTORY_PERMISSIONS.groups} and ${DIRECTORY_PERMISSIONS.attribute}.`
  );
}
