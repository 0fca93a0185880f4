import { z } from 'zod';
import { AppError } from '../../bot/src/errors.js';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// Lower case only: Teams on Android does not match a mixed-case domain.
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

const guid = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `is not set: give ${what} (a GUID)` })
      .regex(GUID, `must be a GUID such as 00000000-0000-0000-0000-000000000000 (${what})`),
  );

function hostProblem(v: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return 'must be a host name only, e.g. wres.example.org, without https://';
  if (v.includes('/')) return 'must be a host name only, e.g. wres.example.org, without a path';
  if (v !== v.toLowerCase()) return 'must be in lower case (Teams on Android rejects capitals)';
  if (!HOST.test(v)) return 'is not a valid host name, e.g. wres.example.org';
  return undefined;
}

const httpsUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^https:\/\/[^\s/]+(\/\S*)?$/, 'must be an https:// address')
    .optional(),
);

const schema = z.object({
  BOT_ID: guid("the bot's Microsoft App ID"),
  AAD_APP_CLIENT_ID: guid("the client id of the tab's Entra app registration"),
  TAB_DOMAIN: z.preprocess(
    blankToUndefined,
    z.string({ error: 'is not set: give the host name that serves the tab, e.g. wres.example.org' }).transform((v, ctx) => {
      const problem = hostProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      return v;
    }),
  ),
  APP_ENV: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,11}$/, 'must be a short lower-case name such as dev, test or prod')
      .default('dev'),
  ),
  APP_VERSION: z.preprocess(blankToUndefined, z.string().regex(SEMVER, 'must be three numbers such as 1.4.0').optional()),
  TEAMS_APP_ID: z.preprocess(blankToUndefined, z.string().regex(GUID, 'must be a GUID').optional()),
  DEVELOPER_NAME: z.preprocess(blankToUndefined, z.string().max(32, 'must be at most 32 characters').default('WRES Action Tracker')),
  DEVELOPER_WEBSITE_URL: httpsUrl,
  PRIVACY_URL: httpsUrl,
  TERMS_URL: httpsUrl,
});

/** The values a manifest template may use as `${{NAME}}`. */
export type PackageVariables = Record<
  | 'BOT_ID'
  | 'AAD_APP_CLIENT_ID'
  | 'TAB_DOMAIN'
  | 'APP_ENV'
  | 'APP_VERSION'
  | 'TEAMS_APP_ID'
  | 'APP_NAME_SUFFIX'
  | 'DEVELOPER_NAME'
  | 'DEVELOPER_WEBSITE_URL'
  | 'PRIVACY_URL'
  | 'TERMS_URL',
  string
>;

const PRODUCTION_ENVS = new Set(['prod', 'production', 'live']);

/**
 * Reads and checks the packaging variables from `env`. Every wrong or missing
 * variable is named in one AppError('bad_input'), one line each.
 * `defaultVersion` (the package.json version) applies when APP_VERSION is unset.
 */
export function readVariables(env: Record<string, string | undefined>, defaultVersion: string): PackageVariables {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new AppError('bad_input', `Cannot build the Teams app package:\n  ${lines.join('\n  ')}`);
  }
  const v = parsed.data;
  const site = `https://${v.TAB_DOMAIN}/tab/`;
  return {
    BOT_ID: v.BOT_ID.toLowerCase(),
    AAD_APP_CLIENT_ID: v.AAD_APP_CLIENT_ID.toLowerCase(),
    TAB_DOMAIN: v.TAB_DOMAIN,
    APP_ENV: v.APP_ENV,
    APP_VERSION: v.APP_VERSION ?? defaultVersion,
    TEAMS_APP_ID: (v.TEAMS_APP_ID ?? v.BOT_ID).toLowerCase(),
    APP_NAME_SUFFIX: PRODUCTION_ENVS.has(v.APP_ENV) ? '' : ` (${v.APP_ENV})`,
    DEVELOPER_NAME: v.DEVELOPER_NAME,
    DEVELOPER_WEBSITE_URL: v.DEVELOPER_WEBSITE_URL ?? site,
    PRIVACY_URL: v.PRIVACY_URL ?? site,
    TERMS_URL: v.TERMS_URL ?? site,
  };
}
