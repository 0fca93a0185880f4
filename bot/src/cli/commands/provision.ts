import type { Command } from 'commander';
import { AppError, isAppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { graphFromConfig } from '../../graph/graph-from-config.js';
import { PLATFORM_SITE, resolveSite, siteAccessRefusal, type SiteLocator, type SiteOwner } from '../../graph/site.js';
import { createRegistry } from '../../store/create-store.js';
import { loadListSpecs, loadPlatformListSpecs, type ListSpec } from '../../store/sharepoint/list-definitions.js';
import { checkSchema, describeGap } from '../../store/sharepoint/list-schema.js';
import { organisationSiteOwner, requireSite } from '../../store/sharepoint/organisation-site.js';
import { provisionLists } from '../../store/sharepoint/provision-lists.js';
import type { CliContext } from '../context.js';

type Specs = Readonly<Record<string, ListSpec>>;
const PLAN = 'the plan';

/**
 * `wres provision [--check]`: creates the SharePoint lists and columns the
 * app needs (infra/sharepoint/lists.json): the plan lists and the
 * organisation registry on the platform site (SHAREPOINT_SITE_ID / URL),
 * then the plan lists on each registered organisation's own site. Safe to
 * run again: it changes only what is missing and says when nothing was.
 * `--check` changes nothing and exits 1 when something is missing. A site
 * the app was not granted is named with what to grant; the others go on.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('provision')
    .description(
      "Create the SharePoint lists and columns the app needs on SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL and on each registered organisation's site (safe to run again).",
    )
    .option('--check', 'only report what is missing; change nothing')
    .action(async (flags: { check?: boolean }) => {
      const config = ctx.deployment();
      if (!config.SHAREPOINT_SITE_ID && !config.SHAREPOINT_SITE_URL) {
        throw new AppError(
          'config',
          'Set SHAREPOINT_SITE_ID or SHAREPOINT_SITE_URL to the site that should hold the plan, then run wres provision again.',
        );
      }
      const graph = graphFromConfig(config);
      const check = Boolean(flags.check);
      const platform = { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL };
      const siteId = await openSite(ctx, graph, platform, PLATFORM_SITE);
      await provisionSpecs(ctx, graph, siteId, loadListSpecs(), check, PLATFORM_SITE, PLAN);
      await provisionSpecs(ctx, graph, siteId, loadPlatformListSpecs(), check, PLATFORM_SITE, 'the organisation registry');
      for (const org of await createRegistry(config).listOrganisations()) {
        const owner = organisationSiteOwner(org);
        try {
          const orgSite = await openSite(ctx, graph, requireSite(org), owner);
          await provisionSpecs(ctx, graph, orgSite, loadListSpecs(), check, owner, PLAN);
        } catch (e) {
          if (!isAppError(e) || e.code !== 'config') throw e;
          ctx.err(e.message);
          ctx.exitCode = 1;
        }
      }
    });
}

async function openSite(ctx: CliContext, graph: GraphApi, where: SiteLocator, owner: SiteOwner): Promise<string> {
  const site = await resolveSite(graph, where, owner);
  ctx.out(`SharePoint site: ${site.displayName ?? site.id} (${site.webUrl ?? site.id}), ${owner.label}`);
  return site.id;
}

/** Checks or provisions one set of lists on one site and says what it did; a 403 names the site's owner and what to grant. */
async function provisionSpecs(
  ctx: CliContext,
  graph: GraphApi,
  siteId: string,
  specs: Specs,
  check: boolean,
  owner: SiteOwner,
  what: string,
): Promise<void> {
  const of = what === PLAN ? '' : ` of ${what}`;
  try {
    if (check) {
      const { gaps } = await checkSchema(graph, siteId, specs);
      for (const g of gaps) ctx.out(`  missing: ${describeGap(g)}`);
      ctx.out(gaps.length === 0 ? `All lists and columns${of} are in place.` : 'Run wres provision to create what is missing.');
      if (gaps.length > 0) ctx.exitCode = 1;
      return;
    }
    const report = await provisionLists(graph, siteId, specs);
    for (const c of report.changes) ctx.out(`  ${c}`);
    for (const p of report.problems) ctx.err(`  needs a person: ${p}`);
    if (report.changes.length === 0 && report.problems.length === 0)
      ctx.out(`Nothing to change: all ${Object.keys(specs).length} lists${of} and their columns are in place.`);
    else if (report.changes.length > 0) ctx.out(`Done: ${report.changes.length} change(s)${of.replace(' of', ' to')}.`);
    if (report.problems.length > 0) ctx.exitCode = 1;
  } catch (e) {
    throw siteAccessRefusal(e, owner, siteId) ?? e;
  }
}
