import type { Clock } from '../domain/clock.js';
import type { OrgGroup, Organisation } from '../domain/organisation.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import type { PlanStore } from '../store/plan-store.js';
import { DEMO_ED_LEADS, DEMO_PEOPLE } from './demo-people.js';
import { SAMPLE_ACTIONS } from './sample-actions.js';
import { loadSamplePlanIfEmpty } from './sample-plan.js';

/**
 * Two made-up NHS trusts (the codes are not real ODS codes) for trying the
 * app as a shared-tenant deployment: the sample plan's own organisation, led
 * by the demo leads, and a smaller one where the Playground's signed-in user
 * (Alex Wilber) only reads, led by Lynne Robbins.
 */
const SAMPLE_ORGANISATIONS: readonly Organisation[] = [
  {
    id: 'ZZ1',
    name: 'Northshire Community Health NHS Trust (sample)',
    leads: [...DEMO_ED_LEADS],
    viewers: [DEMO_PEOPLE.nestor.email],
    settings: {},
  },
  {
    id: 'ZZ2',
    name: 'Southvale Hospitals NHS Foundation Trust (sample)',
    leads: [DEMO_PEOPLE.lynne.email],
    viewers: [DEMO_PEOPLE.alex.email, DEMO_PEOPLE.nestor.email],
    settings: { reminderOffsetsDays: [10, 3], staleAfterDays: 21 },
  },
];

/** A made-up integrated care board over both sample organisations. */
const SAMPLE_GROUP: OrgGroup = {
  id: 'QZZ',
  name: 'Northshire and Southvale Integrated Care Board (sample)',
  kind: 'icb',
  members: SAMPLE_ORGANISATIONS.map((o) => o.id),
  viewers: [DEMO_PEOPLE.nestor.email],
};

/** The second trust's smaller plan: every third action of the sample plan. */
const SMALLER_PLAN = SAMPLE_ACTIONS.filter((_, i) => i % 3 === 0);

/**
 * Registers the sample organisations and their ICB and loads a sample plan
 * into each, when nothing is there yet: no organisation registered and no
 * plan in the implicit organisation (whose data would otherwise be hidden).
 * Returns the organisations registered (none when it did nothing).
 */
export async function loadSampleOrganisationsIfEmpty(deps: {
  registry: OrganisationRegistry;
  storeFor: (org: Organisation) => PlanStore;
  implicitStore: PlanStore;
  clock: Clock;
}): Promise<Organisation[]> {
  if ((await deps.registry.listOrganisations()).length > 0) return [];
  if ((await deps.implicitStore.health()).actions > 0) return [];
  for (const [i, org] of SAMPLE_ORGANISATIONS.entries()) {
    const store = deps.storeFor(org);
    await store.init();
    try {
      await loadSamplePlanIfEmpty(store, deps.clock, i === 0 ? SAMPLE_ACTIONS : SMALLER_PLAN);
    } finally {
      await store.close();
    }
    await deps.registry.saveOrganisation(org);
  }
  await deps.registry.saveGroup(SAMPLE_GROUP);
  return [...SAMPLE_ORGANISATIONS];
}
