import { z } from 'zod';
import { AppError } from '../errors.js';
import type { GraphApi } from './graph-api.js';

const siteSchema = z.object({ id: z.string().min(1), displayName: z.string().optional(), webUrl: z.string().optional() });

/** A SharePoint site as the store uses it. */
export type Site = z.output<typeof siteSchema>;

/** How the configuration names the site: SHAREPOINT_SITE_ID, or SHAREPOINT_SITE_URL. */
export interface SiteLocator {
  siteId?: string | undefined;
  siteUrl?: string | undefined;
}

/**
 * Finds the site: by id (`GET /sites/{id}`) or by URL
 * (`GET /sites/{hostname}:/{path}`). Rejects with `config` when neither is
 * configured or the site does not exist.
 */
export async function resolveSite(graph: GraphApi, where: SiteLocator): Promise<Site> {
  let path: string;
  if (where.siteId) {
    path = `/sites/${encodeURIComponent(where.siteId).replace(/%2C/gi, ',')}`;
  } else if (where.siteUrl) {
    let url: URL;
    try {
      url = new URL(where.siteUrl);
    } catch {
      throw new AppError('config', `SHAREPOINT_SITE_URL is not a URL: ${where.siteUrl}`);
    }
    const rel = url.pathname.replace(/\/+$/, '');
    path = rel ? `/sites/${url.hostname}:${rel}` : `/sites/${url.hostname}`;
  } else {
    throw new AppError('config', 'Set SHAREPOINT_SITE_ID or SHAREPOINT_SITE_URL to say which SharePoint site holds the plan.');
  }
  try {
    return siteSchema.parse(await graph.get(`${path}?$select=id,displayName,webUrl`, 'finding the SharePoint site'));
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') {
      throw new AppError(
        'config',
        `The SharePoint site ${where.siteId ?? where.siteUrl} was not found. Check SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL.`,
        { cause: e },
      );
    }
    throw e;
  }
}
