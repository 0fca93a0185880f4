/** The oversight groups as the `group` and `rollup` commands reach them: the registry, a group by its code. */
import type { OrgGroup } from '../domain/organisation.js';
import { parseOdsCode } from '../domain/organisation.js';
import { AppError } from '../errors.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import type { CliContext } from './context.js';

/** Runs `work` on the deployment's registry (closed by `main`). */
export async function withRegistry<T>(ctx: CliContext, work: (registry: OrganisationRegistry) => Promise<T>): Promise<T> {
  return work(ctx.registry());
}

/** The group `code` names, or a `bad_input` error naming it (exit 2). */
export async function findGroup(registry: OrganisationRegistry, code: string): Promise<OrgGroup> {
  const id = groupCode(code);
  const found = (await registry.listGroups()).find((g) => g.id === id);
  if (!found) throw new AppError('bad_input', `There is no group ${id}. See "wres group list".`);
  return found;
}

/** The ODS code in `text`, or a `bad_input` error naming it. */
export function groupCode(text: string): string {
  const id = parseOdsCode(text);
  if (!id) throw new AppError('bad_input', `“${text}” is not an ODS code (3 to 5 letters and digits, e.g. QWE).`);
  return id;
}
