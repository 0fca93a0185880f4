import type { Command } from 'commander';
import { orgLabel, parseOdsCode, type Organisation } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import { adoptionOf } from '../../store/create-store.js';
import type { CliContext } from '../context.js';
import { describeSettings, ORG_OPTIONS, organisationFrom, type OrgFlags } from '../org-flags.js';
import { listing, plural } from '../text.js';
import { warnUnadopted } from '../unadopted.js';

/**
 * `wres org add|list|set|remove`: the organisations this deployment serves.
 * Registering the first one ends the implicit organisation (its plan is then
 * shown to nobody until adopted with --adopt); removing one never deletes
 * its plan.
 */
export function register(program: Command, ctx: CliContext): void {
  const org = program.command('org').description('Register and change the organisations (NHS trusts, by ODS code) this deployment serves.');
  const add = org
    .command('add')
    .description('Register an organisation: its ODS code, name, E&D leads, viewers and settings.')
    .argument('<code>', 'its ODS code, like RXX')
    .requiredOption('--name <name>', 'its name, like "Northshire Community Health NHS Trust"');
  for (const [flags, description] of ORG_OPTIONS) add.option(flags, description);
  add.action((code: string, flags: OrgFlags) => addOrganisation(ctx, code, flags));

  org
    .command('list')
    .description('List the registered organisations with their leads, viewers, settings and how many actions each holds.')
    .option('--json', 'print them as JSON')
    .action((flags: { json?: boolean }) => listOrganisations(ctx, flags.json === true));

  const set = org
    .command('set')
    .description(
      'Change a registered organisation: --lead/--viewer replace a list, --add-…/--remove-… edit it, an empty value clears a setting.',
    )
    .argument('<code>', 'its ODS code')
    .option('--name <name>', 'its new name');
  for (const [flags, description] of ORG_OPTIONS) set.option(flags, description);
  set
    .option('--add-lead <who...>', 'add E&D leads')
    .option('--remove-lead <who...>', 'remove E&D leads')
    .option('--add-viewer <who...>', 'add viewers')
    .option('--remove-viewer <who...>', 'remove viewers')
    .action((code: string, flags: OrgFlags) => setOrganisation(ctx, code, flags));

  org
    .command('remove')
    .description(
      'Take an organisation out of the registry. Its plan is never deleted: it stays in the store and returns if the code is registered again.',
    )
    .argument('<code>', 'its ODS code')
    .option('--force', 'remove it even though it still holds a plan (the plan is kept, but nobody can reach it)')
    .action((code: string, flags: { force?: boolean }) => removeOrganisation(ctx, code, flags.force === true));
}

function odsCode(text: string): string {
  const code = parseOdsCode(text);
  if (!code) throw new AppError('bad_input', `"${text}" is not an ODS code: 3 to 5 letters and digits, like RXX or R1H01.`);
  return code;
}

async function addOrganisation(ctx: CliContext, code: string, flags: OrgFlags): Promise<void> {
  const id = odsCode(code);
  const registry = ctx.registry();
  if (await registry.getOrganisation(id))
    throw new AppError('bad_input', `${id} is already registered: change it with wres org set ${id} …`);
  const org = organisationFrom(id, flags);
  const wasFirst = (await registry.listOrganisations()).length === 0;
  if (flags.adopt) await adopt(ctx, org);
  await registry.saveOrganisation(org);
  ctx.out(`Registered ${orgLabel(org)}: ${describe(org)}.`);
  const held = (await (await ctx.storeOf(org)).health()).actions;
  if (held > 0 && !flags.adopt) ctx.out(`${id} already holds ${plural(held, 'action')} from when it was registered before.`);
  if (wasFirst && !flags.adopt) await warnUnadopted(ctx);
}

async function setOrganisation(ctx: CliContext, code: string, flags: OrgFlags): Promise<void> {
  const id = odsCode(code);
  const registry = ctx.registry();
  const current = await registry.getOrganisation(id);
  if (!current) throw new AppError('not_found', `${id} is not registered: add it with wres org add ${id} --name "…".`);
  const org = organisationFrom(id, flags, current);
  if (flags.adopt) await adopt(ctx, org);
  await registry.saveOrganisation(org);
  ctx.out(`Changed ${orgLabel(org)}: ${describe(org)}.`);
}

async function listOrganisations(ctx: CliContext, json: boolean): Promise<void> {
  const orgs = await ctx.registry().listOrganisations();
  const rows = [];
  for (const org of orgs) rows.push({ ...org, actions: (await (await ctx.storeOf(org)).health()).actions });
  if (json) return ctx.out(JSON.stringify(rows, null, 2));
  if (rows.length === 0) {
    ctx.out('No organisations are registered: the deployment serves one organisation, configured by its environment.');
    ctx.out('Register one with: wres org add CODE --name "…" --lead EMAIL (add --adopt to move the current plan into it).');
    return;
  }
  for (const row of rows) ctx.out(`${row.id}  ${row.name}: ${plural(row.actions, 'action')}; ${describe(row)}.`);
  await warnUnadopted(ctx);
}

async function removeOrganisation(ctx: CliContext, code: string, force: boolean): Promise<void> {
  const id = odsCode(code);
  const registry = ctx.registry();
  const org = await registry.getOrganisation(id);
  if (!org) throw new AppError('not_found', `${id} is not registered.`);
  const health = await (await ctx.storeOf(org)).health();
  const holds = `${plural(health.actions, 'action')} and ${plural(health.updates, 'progress note')}`;
  if (health.actions > 0 && !force) {
    throw new AppError(
      'bad_input',
      `${orgLabel(org)} still holds ${holds}. Removing it stops everyone reaching them but deletes nothing: ` +
        `they stay in the store and return if ${id} is registered again. Export the plan first ` +
        `(wres --org ${id} export plan.xlsx), then run wres org remove ${id} --force.`,
    );
  }
  await registry.removeOrganisation(id);
  const groups = (await registry.listGroups()).filter((g) => g.members.includes(id)).map((g) => g.id);
  ctx.out(
    `Removed ${orgLabel(org)} from the registry.${health.actions > 0 ? ` Its ${holds} stay in the store (nothing was deleted) and return if ${id} is registered again.` : ''}`,
  );
  if (groups.length) ctx.err(`${id} is still listed as a member of ${listing(groups)}: change the group with wres group set.`);
}

/** Moves the implicit organisation's data into `org`; refused when the store cannot, or when `org` already holds data. */
async function adopt(ctx: CliContext, org: Organisation): Promise<void> {
  const move = adoptionOf(await ctx.storeOf(org));
  if (!move) {
    throw new AppError(
      'bad_input',
      `--adopt moves a plan inside the SQLite file; with SharePoint give ${org.id} the site that holds the plan (--site).`,
    );
  }
  const moved = await move();
  ctx.out(`Moved ${plural(moved, 'action')} with their progress, reminders and figures from the unregistered plan into ${org.id}.`);
}

function describe(org: Organisation): string {
  const leads = org.leads.length ? `leads ${listing(org.leads)}` : 'no leads yet';
  const viewers = org.viewers.length ? `viewers ${listing(org.viewers)}` : 'no viewers';
  const byDirectory = org.directoryValues?.length
    ? `; viewers by directory value ${listing(org.directoryValues.map((v) => `"${v}"`))}`
    : '';
  const site = org.site?.siteUrl ? `; site ${org.site.siteUrl}` : '';
  return `${leads}; ${viewers}${byDirectory}; ${describeSettings(org.settings)}${site}`;
}
