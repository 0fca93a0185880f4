/**
 * LOAD_SAMPLE_ORGANISATIONS: two made-up trusts, each with its own sample
 * plan, and an ICB over both — only on an empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { SAMPLE_ACTIONS } from '../../bot/src/sample/sample-actions.js';
import { loadSampleOrganisationsIfEmpty } from '../../bot/src/sample/sample-organisations.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { IMPORTED_AT, makeImportedPlan } from '../store/fixtures.js';

const clock = fixedClock('2026-11-30T09:00:00Z');

describe('sample organisations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let registry: SqliteRegistry;
  let implicit: SqlitePlanStore;
  const opened: SqlitePlanStore[] = [];
  const storeFor = (org: Organisation) => {
    const store = new SqlitePlanStore(tmp.path('wres.db'), org.id);
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    tmp = tempDir('wres-sample-orgs-');
    registry = new SqliteRegistry(tmp.path('wres.db'));
    implicit = new SqlitePlanStore(tmp.path('wres.db'));
    await implicit.init();
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await implicit.close();
    await registry.close();
    tmp.remove();
  });

  async function plans(): Promise<Map<string, string[]>> {
    const byOrg = new Map<string, string[]>();
    for (const org of await registry.listOrganisations()) {
      const store = storeFor(org);
      await store.init();
      byOrg.set(
        org.id,
        (await store.listActions()).map((a) => a.id),
      );
    }
    return byOrg;
  }

  it('registers two trusts, each with its own plan, and an ICB over both, once', async () => {
    const registered = await loadSampleOrganisationsIfEmpty({ registry, storeFor, implicitStore: implicit, clock });
    expect(registered.map((o) => o.id)).toEqual(['ZZ1', 'ZZ2']);
    const byOrg = await plans();
    const [first, second] = [byOrg.get('ZZ1')!, byOrg.get('ZZ2')!];
    expect(first).toHaveLength(SAMPLE_ACTIONS.length);
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThan(first.length);
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect(await registry.listGroups()).toMatchObject([{ id: 'QZZ', kind: 'icb', members: ['ZZ1', 'ZZ2'] }]);
    expect(await implicit.health()).toMatchObject({ actions: 0 });
    expect(await loadSampleOrganisationsIfEmpty({ registry, storeFor, implicitStore: implicit, clock })).toEqual([]);
    expect((await plans()).get('ZZ1')).toHaveLength(SAMPLE_ACTIONS.length);
  });

  it('does nothing when the store already holds a plan, which would otherwise be hidden', async () => {
    await implicit.importActions(makeImportedPlan(2), IMPORTED_AT);
    expect(await loadSampleOrganisationsIfEmpty({ registry, storeFor, implicitStore: implicit, clock })).toEqual([]);
    expect(await registry.listOrganisations()).toEqual([]);
  });
});
