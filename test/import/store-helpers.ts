import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import type { Action, ProgressUpdate } from '../../bot/src/domain/model.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';

/** A fresh SQLite store in memory. */
export async function memoryStore(): Promise<PlanStore> {
  const store = new SqlitePlanStore(':memory:');
  await store.init();
  return store;
}

/** The plan as a user sees it: actions without store identity, each with its notes (text and time). */
export async function planView(store: PlanStore): Promise<unknown[]> {
  const actions = await store.listActions();
  const view = [];
  for (const a of actions) view.push({ ...planFields(a), notes: (await store.listUpdates(a.id)).map(noteFields) });
  return view;
}

function planFields(a: Action) {
  const { id: _id, version: _v, updatedAt: _u, ...rest } = a;
  return rest;
}

function noteFields(u: ProgressUpdate) {
  return { text: u.text, at: new Date(u.submittedAt).toISOString() };
}
