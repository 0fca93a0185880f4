import type { Config } from '../config.js';
import type { Identity } from '../service/roles.js';

/**
 * True when `who` is listed in PLATFORM_ADMINS (by Entra object id, group id
 * or email). A platform admin manages the registry of organisations; it gives
 * no access to any organisation's plan.
 */
export function isPlatformAdmin(config: Pick<Config, 'PLATFORM_ADMINS'>, who: Identity): boolean {
  const listed = new Set(config.PLATFORM_ADMINS.map((k) => k.trim().toLowerCase()));
  return [who.aadObjectId, who.email, ...(who.groups ?? [])].some((k) => !!k && listed.has(k.trim().toLowerCase()));
}
