import { z } from 'zod';
import { AppError } from './errors.js';

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
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/**
 * Every environment variable the service reads, with its default. The README's
 * configuration table documents the same names.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Public base URL of the service, used in links from cards and digests to the tab. */
  PUBLIC_URL: z.url().default('http://localhost:3978'),
  STORE: z.enum(['sqlite', 'sharepoint']).default('sqlite'),
  DATABASE_PATH: z.string().min(1).default('data/wres.db'),
  /** Load the built-in sample plan into an empty store (default: on, except in production). */
  LOAD_SAMPLE_PLAN: bool(true).optional(),
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

  /** E&D leads: emails or Entra object/group ids. They update any action and get digests. */
  ED_LEADS: list,
  /** Board members and other readers: emails or Entra object/group ids. Empty: anyone signed in to an allowed tenant can read. */
  VIEWERS: list,

  /** Tab SSO: the Entra app (client) id, its api:// URI, and the tenants allowed to sign in. */
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_ID_URI: optional,
  ALLOWED_TENANTS: list,
});

export type Config = z.output<typeof envSchema> & { LOAD_SAMPLE_PLAN: boolean; isProduction: boolean };

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
  const isProduction = c.NODE_ENV === 'production';
  return { ...c, isProduction, LOAD_SAMPLE_PLAN: c.LOAD_SAMPLE_PLAN ?? !isProduction };
}
