import { implicitOrganisation } from '../service/tenancy.js';
import type { CliContext } from './context.js';
import { plural } from './text.js';

/** Warns (stderr) when the plan kept before organisations were registered is still there, shown to nobody once any organisation is registered. Resolves with how many actions it holds. */
export async function warnUnadopted(ctx: CliContext): Promise<number> {
  const left = (await (await ctx.storeOf(implicitOrganisation(ctx.deployment()))).health()).actions;
  if (left > 0 && (await ctx.registry().listOrganisations()).length > 0) {
    ctx.err(
      `${plural(left, 'action')} belong${left === 1 ? 's' : ''} to no organisation and nobody can see them: run wres org add CODE --adopt (or wres org set CODE --adopt) to move them into one.`,
    );
  }
  return left;
}
