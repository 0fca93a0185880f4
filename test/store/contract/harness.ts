import { afterEach, beforeEach } from 'vitest';
import type { Action } from '../../../bot/src/domain/model.js';
import type { PlanStore } from '../../../bot/src/store/plan-store.js';

/** Builds a fresh, initialised store for one test and says how to dispose of it. */
export type MakeStore = () => Promise<{
  store: PlanStore;
  cleanup(): Promise<void>;
}>;

/** Gives each test in the enclosing describe its own store; returns a getter for it. */
export function useStore(makeStore: MakeStore): () => PlanStore {
  let current: Awaited<ReturnType<MakeStore>> | null = null;
  beforeEach(async () => {
    current = await makeStore();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  return () => {
    if (!current) throw new Error('The store is only available inside a test.');
    return current.store;
  };
}

/** The stored action with `ref` (in any plan year unless given); fails the test when absent. */
export async function actionByRef(store: PlanStore, ref: string, planYear?: string): Promise<Action> {
  const found = (await store.listActions()).find((a) => a.ref === ref && (planYear === undefined || a.planYear === planYear));
  if (!found) throw new Error(`No action ${ref} in the store`);
  return found;
}

/** Actions sorted by plan year then ref, so assertions do not depend on an adapter's order. */
export function sortActions(actions: Action[]): Action[] {
  return [...actions].sort((a, b) => a.planYear.localeCompare(b.planYear) || a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}
