import { z } from 'zod';
import { AppError } from '../errors.js';
import type { GraphApi } from './graph-api.js';
import { graphFailure } from './graph-errors.js';

const siteSchema = z.object({ id: z.string().min(1), displayName: z.string().optional(), webUrl: z.string().optional() });

/** A SharePoint site as the store uses it. */
export type Site = z.output<typeof siteSchema>;

/** How the configuration names the site: SHAREPOINT_SITE_ID, or SHAREPOINT_SITE_URL. */
export interface SiteLocator {
  siteId?: string | undefined;
  siteUrl?: string | undefined;
}

/**
 * Whose site it is, for messages: "the platform site" (the deployment's
 * SHAREPOINT_SITE_*) or an organisation's, with the setting that names it.
 */
export interface SiteOwner {
  /** e.g. `organisation Trust A (RXX)`. */
  label: string;
  /** Where the site is configured, e.g. `SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL` or `wres org set RXX --site URL`. */
  setting: string;
}

/** The deployment's own site, as configured by the environment. */
export const PLATFORM_SITE: SiteOwner = { label: 'the platform site', setting: 'SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL' };

/**
 * The refusal a user can act on when Graph answered 403 for a site: with
 * `Sites.Selected` the app reaches only the sites an administrator granted
 * it one by one. Names the owner and the site and says what to grant. Null
 * when `e` is not such a refusal.
 */
export function siteAccessRefusal(e: unknown, owner: SiteOwner, site: string): AppError | null {
  // 401 is a sign-in problem (wrong secret, expired token), reported as such by toAppError.
  const status = graphFailure(e)?.status;
  if (status !== 403) return null;
  return new AppError(
    'config',
    `The app may not use the SharePoint site ${site} of ${owner.label} (Microsoft Graph answered ${status}). ` +
      `A SharePoint administrator must grant the app write access to that site (Sites.Selected): ` +
      `POST https://graph.microsoft.com/v1.0/sites/{site-id}/permissions with {"roles":["write"],"grantedToIdentities":[{"application":{"id":"<app client id>"}}]} ` +
      `(see docs/deploy.md, "Shared tenant (NHSmail)").`,
    { cause: e, details: { status, site, owner: owner.label } },
  );
}

/** How a locator is named in messages: its URL, else its id. */
export function siteName(where: SiteLocator): string {
  return where.siteUrl ?? where.siteId ?? '(none)';
}

/**
 * Finds the site: by id (`GET /sites/{id}`) or by URL
 * (`GET /sites/{hostname}:/{path}`). Rejects with `config` when neither is
 * given, the site does not exist or the app cannot see it (404), or the app
 * was not granted it (403) — each message naming `owner` and the site.
 */
export async function resolveSite(graph: GraphApi, where: SiteLocator, owner: SiteOwner = PLATFORM_SITE): Promise<Site> {
  let path: string;
  if (where.siteId) {
    path = `/sites/${encodeURIComponent(where.siteId).replace(/%2C/gi, ',')}`;
  } else if (where.siteUrl) {
    let url: URL;
    try {
      url = new URL(where.siteUrl);
    } catch {
      throw new AppError('config', `The SharePoint site of ${owner.label} is not a URL: ${where.siteUrl} (${owner.setting}).`);
    }
    const rel = url.pathname.replace(/\/+$/, '');
    path = rel ? `/sites/${url.hostname}:${rel}` : `/sites/${url.hostname}`;
  } else {
    throw new AppError('config', `Set ${owner.setting} to say which SharePoint site holds the plan of ${owner.label}.`);
  }
  try {
    return siteSchema.parse(await graph.get(`${path}?$select=id,displayName,webUrl`, 'finding the SharePoint site'));
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') {
      throw new AppError(
        'config',
        `The SharePoint site ${siteName(where)} of ${owner.label} was not found, or the app cannot see it. Check ${owner.setting}, and that the site was granted to the app (Sites.Selected).`,
        { cause: e },
      );
    }
    throw siteAccessRefusal(e, owner, siteName(where)) ?? e;
  }
}
