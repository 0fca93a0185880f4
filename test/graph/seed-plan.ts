// Fills the local SharePoint's lists directly (no Graph requests) with a plan of `size`
// actions and one progress update each, in the fields the store itself writes.
import type { Person } from '../../bot/src/domain/model.js';
import { planFields, stateFields, updateItemFields } from '../../bot/src/store/sharepoint/item-fields.js';
import { makeNewAction } from '../store/fixtures.js';
import { seedItem } from './fake-sharepoint.js';
import type { GraphServer } from './graph-server.js';

/** Seeds `size` actions (refs 1.1, 1.2, …; 1.1 owned by `owner`) and `size` updates; returns the id of action 1.1. */
export function seedPlan(server: GraphServer, size: number, owner: Person): string {
  const actions = server.list('WRES Actions')!;
  const updates = server.list('WRES Progress Updates')!;
  let first = '';
  for (let i = 0; i < size; i++) {
    const ref = `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`;
    const plan = makeNewAction({
      ref,
      planYear: '2025/26',
      title: `Action ${i + 1}`,
      ...(i === 0 ? { owner } : {}),
      dueDate: '2026-03-31',
    });
    const latestUpdate = { text: `Progress on ${ref}`, authorName: 'WRES action plan', submittedAt: '2026-01-05T09:00:00Z' };
    const state = { status: 'InProgress' as const, rag: 'Amber' as const, latestUpdate, updatedAt: '2026-01-05T09:00:00Z', version: 1 };
    const item = seedItem(actions, { ...planFields(plan), ...stateFields(state) });
    if (i === 0) first = item.id;
    seedItem(
      updates,
      updateItemFields({
        actionId: item.id,
        text: latestUpdate.text,
        ragFrom: 'Amber',
        ragTo: 'Amber',
        statusFrom: 'NotStarted',
        statusTo: 'InProgress',
        author: { name: latestUpdate.authorName },
        submittedAt: latestUpdate.submittedAt,
        source: 'import',
        requestId: `seed-${item.id}`,
      }),
    );
  }
  return first;
}
