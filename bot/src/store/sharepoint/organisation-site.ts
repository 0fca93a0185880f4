import { orgLabel, type Organisation } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { resolveSite, siteName, type SiteOwner } from '../../graph/site.js';

/** How an organisation's site is named in messages, and where it is set. */
export function organisationSiteOwner(org: Pick<Organisation, 'id' | 'name'>): SiteOwner {
  return { label: `organisation ${orgLabel(org)}`, setting: `its site (wres org set ${org.id} --site URL)` };
}

/**
 * With the SharePoint store every registered organisation keeps its plan on
 * its own site. Rejects with `config`, naming the organisation, when it has
 * none.
 */
export function requireSite(org: Organisation): { siteId?: string; siteUrl?: string } {
  if (org.site?.siteId || org.site?.siteUrl) return org.site;
  throw new AppError(
    'config',
    `Organisation ${orgLabel(org)} has no SharePoint site. With STORE=sharepoint each organisation's plan lives on its own site: ` +
      `set it with wres org set ${org.id} --site https://<tenant>.sharepoint.com/sites/<site>, have it granted to the app, then run wres provision.`,
  );
}

/**
 * The organisation with its site checked through Graph: found by URL or id
 * (`GET /sites/{hostname}:/{path}`), granted to the app, and kept as both
 * its id and its address. Rejects with `config` naming the organisation and
 * the site when it has none, Graph does not know it, or the app was not
 * granted it (403, with what a SharePoint administrator must grant).
 */
export async function withCheckedSite(graph: GraphApi, org: Organisation): Promise<Organisation> {
  const where = requireSite(org);
  const site = await resolveSite(graph, where, organisationSiteOwner(org));
  return { ...org, site: { siteId: site.id, siteUrl: site.webUrl ?? siteName(where) } };
}

/** A site's address as two are compared: trimmed, lower case, without trailing slashes. */
export function siteAddressKey(url: string): string {
  return url.trim().toLowerCase().replace(/\/+$/, '');
}
