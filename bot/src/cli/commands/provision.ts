import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import { graphFromConfig } from '../../graph/graph-from-config.js';
import { resolveSite } from '../../graph/site.js';
import { loadListSpecs } from '../../store/sharepoint/list-definitions.js';
import { checkSchema, describeGap } from '../../store/sharepoint/list-schema.js';
import { provisionLists } from '../../store/sharepoint/provision-lists.js';
import type { CliContext } from '../context.js';

/**
 * `wres provision [--check]`: creates the SharePoint lists and columns the
 * store needs (infra/sharepoint/lists.json) on the configured site. Safe to
 * run again: it changes only what is missing and says when nothing was.
 * `--check` changes nothing and exits 1 when something is missing.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('provision')
    .description('Create the SharePoint lists and columns the app needs on SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL (safe to run again).')
    .option('--check', 'only report what is missing; change nothing')
    .action(async (flags: { check?: boolean }) => {
      const config = ctx.config();
      if (!config.SHAREPOINT_SITE_ID && !config.SHAREPOINT_SITE_URL) {
        throw new AppError(
          'config',
          'Set SHAREPOINT_SITE_ID or SHAREPOINT_SITE_URL to the site that should hold the plan, then run wres provision again.',
        );
      }
      const graph = graphFromConfig(config);
      const site = await resolveSite(graph, { siteId: config.SHAREPOINT_SITE_ID, siteUrl: config.SHAREPOINT_SITE_URL });
      const specs = loadListSpecs();
      ctx.out(`SharePoint site: ${site.displayName ?? site.id} (${site.webUrl ?? site.id})`);
      if (flags.check) {
        const { gaps } = await checkSchema(graph, site.id, specs);
        for (const g of gaps) ctx.out(`  missing: ${describeGap(g)}`);
        ctx.out(gaps.length === 0 ? 'All lists and columns are in place.' : 'Run wres provision to create what is missing.');
        if (gaps.length > 0) ctx.exitCode = 1;
        return;
      }
      const report = await provisionLists(graph, site.id, specs);
      for (const c of report.changes) ctx.out(`  ${c}`);
      for (const p of report.problems) ctx.err(`  needs a person: ${p}`);
      if (report.changes.length === 0 && report.problems.length === 0)
        ctx.out(`Nothing to change: all ${Object.keys(specs).length} lists and their columns are in place.`);
      else if (report.changes.length > 0) ctx.out(`Done: ${report.changes.length} change(s).`);
      if (report.problems.length > 0) ctx.exitCode = 1;
    });
}
