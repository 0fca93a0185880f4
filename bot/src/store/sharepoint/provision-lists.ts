import type { GraphApi } from '../../graph/graph-api.js';
import type { ListSpec } from './list-definitions.js';
import { checkSchema, closeGap, describeGap } from './list-schema.js';

/** What `wres provision` did. Empty `changes` means the site already matched. */
export interface ProvisionReport {
  changes: string[];
  /** Gaps that need a person (a column of the wrong type). */
  problems: string[];
}

/**
 * Creates, idempotently, every list and column in `specs` on the site, with
 * indexes and unique-value enforcement. Lists are created with all their
 * columns in one request; a list that exists gets only what it lacks.
 * Running it again changes nothing. Runs under the bulk retry budget.
 */
export async function provisionLists(
  client: GraphApi,
  siteId: string,
  specs: Readonly<Record<string, ListSpec>>,
): Promise<ProvisionReport> {
  const graph = client.bulk();
  const { gaps } = await checkSchema(graph, siteId, specs);
  const changes: string[] = [];
  const problems: string[] = [];
  for (const gap of gaps) {
    if (gap.kind === 'type') problems.push(describeGap(gap));
    else changes.push(await closeGap(graph, siteId, gap));
  }
  return { changes, problems };
}
