import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { AppError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { DEMO_PEOPLE } from '../sample/demo-people.js';
import type { Identity } from '../service/roles.js';

/** Who made a request, as far as the service can prove it. */
export interface AuthResult {
  identity: Identity;
  /** True for the made-up development identity (no Entra configured, not production). */
  devIdentity: boolean;
}

/** The parts of a request authentication looks at. */
interface AuthRequest {
  authorization?: string | undefined;
  /** The `X-Dev-User` header: development only. */
  devUser?: string | undefined;
}

/** Checks who is calling; rejects with `unauthenticated` (401) or `unavailable` (503). */
export interface Authenticator {
  authenticate(req: AuthRequest): Promise<AuthResult>;
}

/** The scope the tab's SSO token must carry (Expose an API → access_as_user). */
const REQUIRED_SCOPE = 'access_as_user';
/** Leeway for clocks that disagree a little with Entra's. */
const CLOCK_TOLERANCE_SECONDS = 120;

/** The default development identity: the Agents Playground's demo user, Alex Wilber. */
export const DEV_DEFAULT_PERSON: Required<Pick<Identity, 'displayName' | 'email' | 'aadObjectId'>> = {
  displayName: DEMO_PEOPLE.alex.displayName,
  email: DEMO_PEOPLE.alex.email,
  aadObjectId: DEMO_PEOPLE.alex.aadObjectId,
};

/** True when Entra token validation is configured (an app client id is set). */
function entraConfigured(config: Pick<Config, 'AAD_APP_CLIENT_ID'>): boolean {
  return !!config.AAD_APP_CLIENT_ID;
}

/** The tenants allowed to sign in: ALLOWED_TENANTS, else the bot's own tenant. */
export function allowedTenants(config: Pick<Config, 'ALLOWED_TENANTS' | 'MicrosoftAppTenantId'>): string[] {
  const list = config.ALLOWED_TENANTS.length ? config.ALLOWED_TENANTS : config.MicrosoftAppTenantId ? [config.MicrosoftAppTenantId] : [];
  return list.map((t) => t.toLowerCase());
}

/**
 * The tab API's part of the production start-up check: in production the API
 * must validate Teams SSO tokens. Throws a `config` AppError naming the
 * missing variable; returns quietly outside production or when configured.
 */
export function assertTabApiAuthConfigured(config: Config): void {
  if (!config.isProduction) return;
  const missing: string[] = [];
  if (!config.AAD_APP_CLIENT_ID) missing.push('AAD_APP_CLIENT_ID (the Entra app registration used for tab sign-in)');
  if (!allowedTenants(config).length)
    missing.push('ALLOWED_TENANTS or MicrosoftAppTenantId (the Entra tenant ids whose staff may sign in)');
  if (new URL(config.AAD_JWKS_URL).protocol !== 'https:') missing.push('AAD_JWKS_URL must be https:// in production');
  if (missing.length) {
    throw new AppError('config', `The tab API cannot run in production without Teams sign-in. Set:\n  ${missing.join('\n  ')}`);
  }
}

const claimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  tid: z.string().min(1),
  oid: z.string().min(1),
  scp: z.string().optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  upn: z.string().optional(),
  email: z.string().optional(),
  unique_name: z.string().optional(),
  groups: z.array(z.string()).optional(),
});
type Claims = z.output<typeof claimsSchema>;

const unauthenticated = (message: string) => new AppError('unauthenticated', message);
const BAD_TOKEN =
  'Your Teams sign-in could not be verified. Please reload the tab; if this keeps happening, ask IT to check the app registration.';

/**
 * Validates Teams SSO tokens: signature against Entra's published keys,
 * v1 (`https://sts.windows.net/{tid}/`, aud the api:// URI or the client id)
 * or v2 (`https://login.microsoftonline.com/{tid}/v2.0`, aud the client id),
 * an allowed tenant, exp/nbf with a small tolerance, and `scp` containing
 * `access_as_user`. Never logs or echoes the token.
 */
function entraAuthenticator(config: Config, clock: Clock, logger: Logger, keys?: JWTVerifyGetKey): Authenticator {
  const clientId = config.AAD_APP_CLIENT_ID;
  if (!clientId) throw new AppError('config', 'AAD_APP_CLIENT_ID is not set: Teams sign-in cannot be checked.');
  const appIdUri = config.AAD_APP_ID_URI;
  const tenants = new Set(allowedTenants(config));
  const jwks = keys ?? createRemoteJWKSet(new URL(config.AAD_JWKS_URL), { timeoutDuration: 5000 });
  const audiences = appIdUri ? [clientId, appIdUri] : [clientId];

  const checkClaims = (c: Claims) => {
    const tid = c.tid.toLowerCase();
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
    const v1 = c.iss === `https://sts.windows.net/${c.tid}/`;
    const v2 = c.iss === `https://login.microsoftonline.com/${c.tid}/v2.0`;
    if (!v1 && !v2) throw unauthenticated(BAD_TOKEN);
    if (v2 && !aud.includes(clientId)) throw unauthenticated(BAD_TOKEN);
    if (!tenants.has(tid))
      throw unauthenticated(
        'Your organisation is not set up to use this WRES action plan. Ask your E&D lead or IT team to add your tenant.',
      );
    if (!(c.scp ?? '').split(' ').includes(REQUIRED_SCOPE)) throw unauthenticated(BAD_TOKEN);
  };

  return {
    async authenticate(req) {
      if (req.devUser !== undefined)
        throw unauthenticated('The X-Dev-User header is only accepted in development, without Entra sign-in configured.');
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization ?? '');
      if (!match) throw unauthenticated('Please open the WRES action plan from Microsoft Teams so that it can sign you in.');
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(match[1]!, jwks, {
          audience: audiences,
          algorithms: ['RS256'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: clock.now(),
          requiredClaims: ['exp', 'iss', 'aud'],
        }));
      } catch (e) {
        throw verificationError(e, logger);
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw unauthenticated(BAD_TOKEN);
      checkClaims(claims.data);
      return { identity: identityFrom(claims.data), devIdentity: false };
    },
  };
}

/**
 * True when Entra's keys could not be had: a timeout, an unreadable key set,
 * a key endpoint answering other than 200 (jose's generic error), or a
 * network failure (not a jose error at all).
 */
function keysUnavailable(e: unknown): boolean {
  if (!(e instanceof joseErrors.JOSEError)) return true;
  return e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid || e.code === joseErrors.JOSEError.code;
}

function verificationError(e: unknown, logger: Logger): AppError {
  if (e instanceof joseErrors.JWTExpired) return unauthenticated('Your Teams sign-in has expired. Please reload the tab.');
  if (keysUnavailable(e)) {
    logger.warn('Could not fetch Entra signing keys', { reason: describeError(e) });
    return new AppError('unavailable', 'Sign-in could not be checked just now. Please try again in a minute.');
  }
  logger.info('Rejected a sign-in token', { reason: e instanceof joseErrors.JOSEError ? e.code : 'unknown' });
  return unauthenticated(BAD_TOKEN);
}

function identityFrom(c: Claims): Identity {
  const email = [c.preferred_username, c.upn, c.email, c.unique_name].find((v) => v?.includes('@'));
  return {
    displayName: c.name?.trim() || email || 'Signed-in user',
    aadObjectId: c.oid,
    ...(email ? { email } : {}),
    ...(c.groups?.length ? { groups: c.groups } : {}),
  };
}

const devUserSchema = z.email();

/**
 * Development only (no AAD_APP_CLIENT_ID, not production): everyone is a
 * clearly labelled demo identity. Alex Wilber by default; `X-Dev-User:
 * <email>` picks another person: one of the Playground's demo people, or
 * anyone else by email (the caller fills in name and object id from the
 * plan when that person owns an action).
 */
function devAuthenticator(config: Config): Authenticator {
  if (config.isProduction) throw new AppError('config', 'The development identity is never used in production.');
  return {
    async authenticate(req) {
      if (req.devUser === undefined) return { identity: { ...DEV_DEFAULT_PERSON }, devIdentity: true };
      const parsed = devUserSchema.safeParse(req.devUser.trim());
      if (!parsed.success) throw unauthenticated('X-Dev-User must be an email address.');
      const email = parsed.data.toLowerCase();
      const demo = Object.values(DEMO_PEOPLE).find((p) => p.email === email);
      if (demo) return { identity: { displayName: demo.displayName, email: demo.email, aadObjectId: demo.aadObjectId }, devIdentity: true };
      return { identity: { displayName: displayNameFromEmail(email), email }, devIdentity: true };
    },
  };
}

function displayNameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** Entra validation when configured, else (outside production) the development identity. */
export function createAuthenticator(config: Config, clock: Clock, logger: Logger): Authenticator {
  if (entraConfigured(config)) return entraAuthenticator(config, clock, logger);
  assertTabApiAuthConfigured(config);
  return devAuthenticator(config);
}
