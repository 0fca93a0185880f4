import { z } from 'zod';
import { BANK_HOLIDAY_DIVISIONS } from './domain/bank-holidays.js';
import { AppError } from './errors.js';
import { DEFAULT_MAX_FILE_MB, DEFAULT_MAX_ROWS } from './importers/file-limits.js';
import type { OrgSettings, Organisation } from './domain/organisation.js';
import { DIRECTORY_ATTRIBUTES } from './domain/directory-membership.js';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[,;\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );
const bool = (dflt: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? dflt : ['true', '1', 'yes', 'on'].includes(v)));
/** True for an address that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/** A URL, or unset; empty counts as unset (as App Service gives a setting it wires to an empty value). */
const optionalUrl = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().optional());

/**
 * Every environment variable the service reads, with its default. The README's
 * configuration table documents the same names.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /**
   * Address to listen on. Unset: 127.0.0.1 in development (the development
   * identity must not be reachable from the network), all interfaces in production.
   */
  HOST: optional,
  /** Public base URL of the service, used in links from cards and digests to the tab. */
  PUBLIC_URL: z.url().optional(),
  STORE: z.enum(['sqlite', 'sharepoint']).default('sqlite'),
  DATABASE_PATH: z.string().min(1).default('data/wres.db'),
  /** Load the built-in sample plan into an empty store (default: on, except in production). */
  LOAD_SAMPLE_PLAN: bool(true).optional(),
  /** On an empty store, register two sample organisations and an ICB over them, each with a sample plan (default: off). */
  LOAD_SAMPLE_ORGANISATIONS: bool(false),
  /** How often each instance re-reads the organisation registry for changes made elsewhere (the CLI, another instance); 0: never. */
  REGISTRY_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  SCHEDULER: bool(true),

  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  MicrosoftAppTenantId: optional,

  GRAPH_TENANT_ID: optional,
  GRAPH_CLIENT_ID: optional,
  GRAPH_CLIENT_SECRET: optional,
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com'),
  SHAREPOINT_SITE_ID: optional,
  SHAREPOINT_SITE_URL: optional,
  /** Entra authority host for a client-secret or certificate credential (national clouds, a local test authority). */
  AZURE_AUTHORITY_HOST: z.url().optional(),
  /** PEM file (private key and certificate) for a certificate credential instead of a client secret. */
  GRAPH_CLIENT_CERTIFICATE_PATH: optional,
  /** Milliseconds before one Graph request is abandoned. */
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Retries of a throttled or unavailable Graph request (429/503/504), honouring Retry-After. */
  GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Local durable queue of updates accepted while SharePoint is unreachable. */
  OUTBOX_PATH: z.string().min(1).default('data/outbox.db'),
  /**
   * Azure Storage for several instances (see docs/deploy.md): the update
   * queue and blob endpoints, reached with the managed identity
   * (user-assigned when AZURE_STORAGE_CLIENT_ID is given)…
   */
  AZURE_STORAGE_QUEUE_URL: optionalUrl,
  AZURE_STORAGE_BLOB_URL: optionalUrl,
  AZURE_STORAGE_CLIENT_ID: optional,
  /** …or a connection string (Azurite on a laptop and in tests; production uses the managed identity). */
  AZURE_STORAGE_CONNECTION_STRING: optional,
  /** The queue SharePoint-bound updates wait in when a storage account is configured (its poison queue adds `-poison`). */
  OUTBOX_QUEUE: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?!-)){2,55}$/, 'must be 3–56 lower-case letters, digits and single hyphens')
    .default('wres-outbox'),
  /** The blob container holding the reminder and digest cycle leases. */
  CYCLE_LEASE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?!-)){2,62}$/, 'must be 3–63 lower-case letters, digits and single hyphens')
    .default('wres-cycles'),
  /** How long an instance's hold on a reminder or digest cycle lasts unrenewed (Azure allows 15–60 s); another instance takes over after it. */
  CYCLE_LEASE_SECONDS: z.coerce.number().int().min(15).max(60).default(30),
  /** Seconds an action read from SharePoint is reused before it is read again (writes are still checked by eTag). */
  SHAREPOINT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),

  REMINDER_OFFSETS_DAYS: z
    .string()
    .default('14,7,1,0')
    .transform((s, ctx) => {
      const days = s.split(',').map((x) => Number(x.trim()));
      if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 365)) {
        ctx.addIssue({ code: 'custom', message: 'must be whole days between 0 and 365, comma separated, e.g. 14,7,1,0' });
        return z.NEVER;
      }
      return [...new Set(days)].sort((a, b) => b - a);
    }),
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in 24-hour time, e.g. 09:00')
    .default('09:00'),
  TIMEZONE: z
    .string()
    .default('Europe/London')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/London'),
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Whose bank holidays are not working days for reminders and the scheduler. */
  BANK_HOLIDAYS: z
    .enum(BANK_HOLIDAY_DIVISIONS, { error: `must be one of ${BANK_HOLIDAY_DIVISIONS.join(', ')}` })
    .default('england-and-wales'),
  /** Model Employer aspirational goal: BME % to aim for in every AfC band cluster. Unset: the BME share of the whole workforce that year. */
  MODEL_EMPLOYER_GOAL_PERCENT: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().min(0).max(100).optional(),
  ),
  /** Largest plan or figures file an import reads, in megabytes; bigger files are refused before they are read. */
  IMPORT_MAX_FILE_MB: z.coerce.number().min(1).max(1024).default(DEFAULT_MAX_FILE_MB),
  /** Most rows a plan or figures file may have. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(10).max(10_000_000).default(DEFAULT_MAX_ROWS),
  /** Teams' per-app-per-tenant budget the proactive sender paces itself under (Teams documents 50). */
  TEAMS_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(50).default(50),
  /**
   * Minutes a run may hold a reminder it is sending. A claim older than this
   * (its run died) is taken over and sent by the next run; keep it longer
   * than one send can take, retries included.
   */
  REMINDER_LEASE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Reminders and digests in flight at once; pacing still applies. */
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),

  /** Install the app through Graph for an owner who has no Teams conversation yet, before their reminder. */
  PROACTIVE_INSTALL: bool(false),
  /** The app's id in the organisation's Teams app catalogue (not the manifest id); looked up once from TEAMS_APP_ID when unset. */
  TEAMS_APP_CATALOG_ID: optional,
  /** The Teams app (manifest) id; defaults to MicrosoftAppId, as the package build does. */
  TEAMS_APP_ID: optional,
  /** How long a run waits for Teams to tell the bot about the installations it made, before using the chat Graph reports. */
  PROACTIVE_INSTALL_WAIT_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Bot Connector address for a chat found through Graph, used only when no stored conversation says which one Teams uses. */
  TEAMS_SERVICE_URL: z.url().default('https://smba.trafficmanager.net/teams/'),

  /** E&D leads: emails or Entra object/group ids. They update any action and get digests. */
  ED_LEADS: list,
  /** Board members and other readers: emails or Entra object/group ids. Empty: anyone signed in to an allowed tenant can read. */
  VIEWERS: list,
  /**
   * Platform admins: emails or Entra object/group ids. They manage the registered organisations on the tab's admin
   * page; being one gives no access to any organisation's plan.
   */
  PLATFORM_ADMINS: list,

  /**
   * Ask the directory (Graph checkMemberGroups) which group ids on the leads
   * and viewers lists a person belongs to, when their sign-in carries no
   * groups claim (large tenants such as NHSmail never send one) and always
   * in the bot (Teams sends none). Off: a group id matches only through a
   * token's groups claim.
   */
  DIRECTORY_GROUPS: bool(false),
  /** The directory attribute an organisation's directory values are matched against (its viewers are the people whose attribute is one of them). */
  DIRECTORY_ATTRIBUTE: z.enum(DIRECTORY_ATTRIBUTES, { error: `must be one of ${DIRECTORY_ATTRIBUTES.join(', ')}` }).default('companyName'),
  /** Minutes what the directory said about a person is reused (member or not); a failed lookup is never reused. */
  DIRECTORY_CACHE_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),

  /** Tab SSO: the Entra app (client) id, its api:// URI, and the tenants allowed to sign in. */
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_ID_URI: optional,
  ALLOWED_TENANTS: list,
  /** Where Entra publishes its token-signing keys; plain http only for a loopback test server. */
  AAD_JWKS_URL: z
    .url()
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys')
    .refine((u) => {
      const url = new URL(u);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
    }, 'must be an https:// URL (plain http:// only for a loopback test server)'),
});

export type Config = Omit<z.output<typeof envSchema>, 'PUBLIC_URL' | 'LOAD_SAMPLE_PLAN' | 'HOST'> & {
  PUBLIC_URL: string;
  LOAD_SAMPLE_PLAN: boolean;
  /** The address the server listens on: HOST, else 127.0.0.1 in development; undefined means every interface. */
  HOST: string | undefined;
  isProduction: boolean;
};

/**
 * True when nobody is really signed in: outside production with no tab
 * sign-in configured (AAD_APP_CLIENT_ID), every caller is the development
 * identity. Roles, authentication and the network check follow this one rule.
 */
export function usesDevelopmentIdentity(config: Pick<Config, 'isProduction' | 'AAD_APP_CLIENT_ID'>): boolean {
  return !config.isProduction && !config.AAD_APP_CLIENT_ID;
}

/** Every environment variable name loadConfig reads, for deployment checks (infra wiring, docs). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/**
 * Parses and checks configuration once, at start-up. A wrong value stops
 * start-up with a message naming the variable; nothing else reads process.env.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('config', `Configuration is not valid:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  const storageProblem = azureStorageProblem(c);
  if (storageProblem) throw new AppError('config', `Configuration is not valid:\n  ${storageProblem}`);
  const isProduction = c.NODE_ENV === 'production';
  return {
    ...c,
    PUBLIC_URL: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    HOST: c.HOST ?? (isProduction ? undefined : '127.0.0.1'),
    isProduction,
    LOAD_SAMPLE_PLAN: c.LOAD_SAMPLE_PLAN ?? !isProduction,
  };
}

/** The settings an organisation may set for itself, by the environment variable whose default they override. */
export const ORG_SETTING_VARIABLES = {
  reminderOffsetsDays: 'REMINDER_OFFSETS_DAYS',
  bankHolidays: 'BANK_HOLIDAYS',
  modelEmployerGoalPercent: 'MODEL_EMPLOYER_GOAL_PERCENT',
  timeZone: 'TIMEZONE',
  staleAfterDays: 'STALE_AFTER_DAYS',
} as const satisfies Record<keyof OrgSettings, keyof z.input<typeof envSchema>>;

/**
 * Reads an organisation's settings given as text (the CLI, the admin page),
 * each checked by the same rule as its environment variable, so a setting
 * can never hold what the deployment default could not. An empty text
 * clears the setting (back to the default). Throws a `bad_input` AppError
 * naming every setting that is wrong.
 */
export function parseOrgSettings(given: Partial<Record<keyof OrgSettings, string>>, current: OrgSettings = {}): OrgSettings {
  const settings: Record<string, unknown> = { ...current };
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(ORG_SETTING_VARIABLES) as [
    keyof OrgSettings,
    (typeof ORG_SETTING_VARIABLES)[keyof OrgSettings],
  ][]) {
    const text = given[key];
    if (text === undefined) continue;
    if (text.trim() === '') {
      delete settings[key];
      continue;
    }
    const parsed = envSchema.shape[variable].safeParse(text.trim());
    if (parsed.success) settings[key] = parsed.data;
    else problems.push(`${key} (like ${variable}): ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new AppError('bad_input', `These settings are not valid:\n  ${problems.join('\n  ')}`);
  return settings;
}

/**
 * The configuration as one organisation sees it: its own settings over the
 * deployment's defaults, its own leads, viewers and SharePoint site. Every
 * part of the app that takes a `Config` works for that organisation alone
 * when handed this.
 */
export function configFor(config: Config, org: Organisation): Config {
  const s = org.settings;
  return {
    ...config,
    ED_LEADS: org.leads,
    VIEWERS: org.viewers,
    ...(s.reminderOffsetsDays ? { REMINDER_OFFSETS_DAYS: s.reminderOffsetsDays } : {}),
    ...(s.bankHolidays ? { BANK_HOLIDAYS: s.bankHolidays as Config['BANK_HOLIDAYS'] } : {}),
    ...(s.modelEmployerGoalPercent !== undefined ? { MODEL_EMPLOYER_GOAL_PERCENT: s.modelEmployerGoalPercent } : {}),
    ...(s.timeZone ? { TIMEZONE: s.timeZone } : {}),
    ...(s.staleAfterDays ? { STALE_AFTER_DAYS: s.staleAfterDays } : {}),
    // Both replaced together: an organisation named by URL alone must never keep the platform's SHAREPOINT_SITE_ID.
    ...(org.site ? { SHAREPOINT_SITE_ID: org.site.siteId, SHAREPOINT_SITE_URL: org.site.siteUrl } : {}),
  };
}

/** Why the Azure Storage settings do not fit together, or undefined. */
function azureStorageProblem(c: z.output<typeof envSchema>): string | undefined {
  const urls = [c.AZURE_STORAGE_QUEUE_URL, c.AZURE_STORAGE_BLOB_URL].filter(Boolean).length;
  if (urls === 1)
    return "AZURE_STORAGE_QUEUE_URL and AZURE_STORAGE_BLOB_URL go together: set both (the storage account's queue and blob endpoints) or neither.";
  if (urls === 2 && c.AZURE_STORAGE_CONNECTION_STRING)
    return 'AZURE_STORAGE_CONNECTION_STRING and AZURE_STORAGE_QUEUE_URL/AZURE_STORAGE_BLOB_URL are both set: use the URLs (managed identity) or the connection string, not both.';
  return undefined;
}
