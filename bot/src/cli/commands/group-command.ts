import type { Command } from 'commander';
import { z } from 'zod';
import { orgLabel, parseOdsCode, type OrgGroup } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import type { OrganisationRegistry } from '../../store/organisation-registry.js';
import type { CliContext } from '../context.js';
import { findGroup, groupCode, withRegistry } from '../groups.js';
import { listing, plural } from '../text.js';

interface GroupFlags {
  name?: string;
  kind?: string;
  member: string[];
  viewer: string[];
  removeMember: string[];
  removeViewer: string[];
}

const KINDS = ['icb', 'region'] as const;
const KIND_WORDS: Record<OrgGroup['kind'], string> = { icb: 'ICB', region: 'NHS England region' };

/**
 * `wres group add|list|set|remove`: the oversight groups (ICBs and NHS
 * England regions) whose viewers see the roll-up of their member
 * organisations. Members are ODS codes; viewers emails or Entra object or
 * group ids. A member not registered here is allowed (with a note): the
 * roll-up shows it as "not on this service".
 */
export function register(program: Command, ctx: CliContext): void {
  const group = program.command('group').description('Manage oversight groups (ICBs, regions) and who may see their roll-up.');
  const repeatable = (cmd: Command, verb: string) =>
    cmd
      .option('--member <code...>', `${verb} member organisations by ODS code (repeatable, or comma-separated)`, collect, [])
      .option('--viewer <who...>', `${verb} viewers of the roll-up: emails or Entra object or group ids (repeatable)`, collect, []);

  repeatable(
    group
      .command('add')
      .description('Register an ICB or region, its member organisations and the viewers of its roll-up.')
      .argument('<code>', 'the group’s ODS code, e.g. QWE')
      .requiredOption('--name <name>', 'its name, e.g. "NHS North East London ICB"')
      .requiredOption('--kind <kind>', 'icb or region'),
    'add',
  ).action(async (code: string, flags: GroupFlags) => withRegistry(ctx, (r) => addGroup(ctx, r, code, flags)));

  group
    .command('list')
    .description('List the oversight groups, their members and viewers.')
    .action(async () => withRegistry(ctx, (r) => listGroups(ctx, r)));

  repeatable(
    group
      .command('set')
      .description('Change a group: its name or kind, add or remove members and viewers.')
      .argument('<code>', 'the group’s ODS code')
      .option('--name <name>', 'a new name')
      .option('--kind <kind>', 'icb or region')
      .option('--remove-member <code...>', 'remove member organisations (repeatable)', collect, [])
      .option('--remove-viewer <who...>', 'remove viewers (repeatable)', collect, []),
    'add',
  ).action(async (code: string, flags: GroupFlags) => withRegistry(ctx, (r) => setGroup(ctx, r, code, flags)));

  group
    .command('remove')
    .description('Remove a group (its members’ plans are untouched).')
    .argument('<code>', 'the group’s ODS code')
    .action(async (code: string) =>
      withRegistry(ctx, async (r) => {
        const id = groupCode(code);
        await r.removeGroup(id).catch((e: unknown) => {
          throw notFoundAs(e, id);
        });
        ctx.out(`Removed group ${id}.`);
      }),
    );
}

function collect(value: string | string[], previous: string[]): string[] {
  const values = Array.isArray(value) ? value : [value];
  return [...previous, ...values.flatMap((v) => v.split(',')).map((v) => v.trim())].filter(Boolean);
}

function kindOf(text: string): OrgGroup['kind'] {
  const kind = text.trim().toLowerCase();
  if (!(KINDS as readonly string[]).includes(kind)) throw new AppError('bad_input', `--kind must be icb or region, not “${text}”.`);
  return kind as OrgGroup['kind'];
}

const viewerSchema = z.union([z.email(), z.string().regex(/^[0-9a-f-]{36}$/i)]);

function viewers(list: string[]): string[] {
  const bad = list.filter((v) => !viewerSchema.safeParse(v).success);
  if (bad.length) throw new AppError('bad_input', `Not an email or Entra id: ${listing(bad.map((b) => `“${b}”`))}.`);
  return list.map((v) => v.toLowerCase());
}

function members(list: string[]): string[] {
  const codes = list.map((m) => ({ text: m, code: parseOdsCode(m) }));
  const bad = codes.filter((c) => !c.code).map((c) => `“${c.text}”`);
  if (bad.length) throw new AppError('bad_input', `Not an ODS code: ${listing(bad)}.`);
  return codes.map((c) => c.code!);
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

async function addGroup(ctx: CliContext, registry: OrganisationRegistry, code: string, flags: GroupFlags): Promise<void> {
  const id = groupCode(code);
  if ((await registry.listGroups()).some((g) => g.id === id))
    throw new AppError('bad_input', `Group ${id} already exists: change it with "wres group set ${id} …".`);
  const name = flags.name?.trim();
  if (!name) throw new AppError('bad_input', '--name must not be empty.');
  const group: OrgGroup = {
    id,
    name,
    kind: kindOf(flags.kind ?? ''),
    members: union([], members(flags.member)),
    viewers: union([], viewers(flags.viewer)),
  };
  await registry.saveGroup(group);
  ctx.out(
    `Added ${KIND_WORDS[group.kind]} ${name} (${id}) with ${plural(group.members.length, 'member')} and ${plural(group.viewers.length, 'viewer')}.`,
  );
  await noteUnregistered(ctx, registry, group.members);
}

async function setGroup(ctx: CliContext, registry: OrganisationRegistry, code: string, flags: GroupFlags): Promise<void> {
  const current = await findGroup(registry, code);
  const removeMembers = new Set(members(flags.removeMember));
  const removeViewers = new Set(viewers(flags.removeViewer));
  const name = flags.name?.trim();
  if (flags.name !== undefined && !name) throw new AppError('bad_input', '--name must not be empty.');
  const next: OrgGroup = {
    ...current,
    ...(name ? { name } : {}),
    ...(flags.kind !== undefined ? { kind: kindOf(flags.kind) } : {}),
    members: union(current.members, members(flags.member)).filter((m) => !removeMembers.has(m)),
    viewers: union(current.viewers, viewers(flags.viewer)).filter((v) => !removeViewers.has(v)),
  };
  await registry.saveGroup(next);
  ctx.out(`Updated ${next.name} (${next.id}): ${plural(next.members.length, 'member')}, ${plural(next.viewers.length, 'viewer')}.`);
  await noteUnregistered(ctx, registry, next.members);
}

async function listGroups(ctx: CliContext, registry: OrganisationRegistry): Promise<void> {
  const groups = await registry.listGroups();
  if (!groups.length) {
    ctx.out('No oversight groups. Add one with "wres group add CODE --name NAME --kind icb|region".');
    return;
  }
  const names = new Map((await registry.listOrganisations()).map((o) => [o.id, orgLabel(o)]));
  for (const g of groups) {
    ctx.out(`${g.id}  ${g.name} (${KIND_WORDS[g.kind]})`);
    ctx.out(`  Members: ${g.members.length ? g.members.map((m) => names.get(m) ?? `${m} (not on this service)`).join('; ') : 'none'}`);
    ctx.out(`  Viewers: ${g.viewers.length ? g.viewers.join(', ') : 'none (nobody can see its roll-up yet)'}`);
  }
}

async function noteUnregistered(ctx: CliContext, registry: OrganisationRegistry, codes: string[]): Promise<void> {
  const known = new Set((await registry.listOrganisations()).map((o) => o.id));
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length)
    ctx.err(
      `Note: ${listing(missing)} ${missing.length === 1 ? 'is' : 'are'} not registered here; the roll-up shows them as not on this service.`,
    );
}

function notFoundAs(e: unknown, id: string): unknown {
  return e instanceof AppError && e.code === 'not_found' ? new AppError('bad_input', `There is no group ${id}. See "wres group list".`) : e;
}
