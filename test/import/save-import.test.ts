import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mapDocument, readDocument } from '../../bot/src/importers/import-plan.js';
import type { ActionChange } from '../../bot/src/domain/plan-import.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { issuePlanXlsx } from '../fixtures/plan-fixtures.js';
import { memoryStore } from './store-helpers.js';

const refOf = (c: ActionChange) => (c.kind === 'updated' ? c.after.ref : c.action.ref);

async function parseFixture(importedAt: string) {
  return mapDocument(await readDocument(await issuePlanXlsx(), 'xlsx'), { importedAt });
}

describe('saving an import (the store applies the domain diff)', () => {
  let store: PlanStore;
  beforeEach(async () => {
    store = await memoryStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates the actions and their notes', async () => {
    const parsed = await parseFixture('2018-11-01T10:00:00.000Z');
    const outcome = { summary: await store.importActions(parsed.actions, '2018-11-01T10:00:00.000Z') };
    expect(outcome.summary).toEqual({ created: 5, updated: 0, unchanged: 0, progressAdded: 4 });
    expect((await store.health()).updates).toBe(4);
  });

  it('changes nothing when the same file is imported again later', async () => {
    const first = await parseFixture('2018-11-01T10:00:00.000Z');
    await store.importActions(first.actions, '2018-11-01T10:00:00.000Z');
    const again = await parseFixture('2018-11-20T15:00:00.000Z');
    const outcome = { summary: await store.importActions(again.actions, '2018-11-20T15:00:00.000Z') };
    expect(outcome.summary).toEqual({ created: 0, updated: 0, unchanged: 5, progressAdded: 0 });
    expect(await store.health()).toMatchObject({ actions: 5, updates: 4 });
  });

  it('in a dry run, predicts the change and writes nothing', async () => {
    const first = await parseFixture('2018-11-01T10:00:00.000Z');
    const preview = await store.previewImport(first.actions, '2018-11-01T10:00:00.000Z');
    expect(preview.summary).toEqual({ created: 5, updated: 0, unchanged: 0, progressAdded: 4 });
    expect(preview.changes.map((c) => c.kind)).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(await store.health()).toMatchObject({ actions: 0, updates: 0 });
  });

  it('predicts an update when a row changed since the last import', async () => {
    const first = await parseFixture('2018-11-01T10:00:00.000Z');
    await store.importActions(first.actions, '2018-11-01T10:00:00.000Z');
    const edited = await parseFixture('2018-11-02T10:00:00.000Z');
    edited.actions[1]!.action.dueDate = '2019-04-30';
    const preview = await store.previewImport(edited.actions, '2018-11-02T10:00:00.000Z');
    expect(preview.changes.map((c) => `${refOf(c)}:${c.kind}`)).toEqual([
      '1.1:unchanged',
      '1.2:updated',
      '1.3:unchanged',
      '2.1:unchanged',
      '2.2:unchanged',
    ]);
    const saved = { summary: await store.importActions(edited.actions, '2018-11-02T10:00:00.000Z') };
    expect(saved.summary).toEqual(preview.summary);
  });

  it("keeps the owner's Teams identity when the plan gives only their email", async () => {
    const first = await parseFixture('2018-11-01T10:00:00.000Z');
    const megan = first.actions.find((a) => a.action.ref === '1.1')!;
    megan.action.owner = { ...megan.action.owner!, aadObjectId: '00000000-0000-0000-0000-0000000000021' };
    await store.importActions(first.actions, '2018-11-01T10:00:00.000Z');
    const again = await parseFixture('2018-11-03T10:00:00.000Z');
    const outcome = { summary: await store.importActions(again.actions, '2018-11-03T10:00:00.000Z') };
    expect(outcome.summary.updated).toBe(0);
    const stored = (await store.listActions()).find((a) => a.ref === '1.1');
    expect(stored?.owner?.aadObjectId).toBe('00000000-0000-0000-0000-0000000000021');
  });
});
