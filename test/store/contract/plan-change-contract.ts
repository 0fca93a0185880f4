import { describe, expect, it } from 'vitest';
import { carriedCopy, linkTo } from '../../../bot/src/domain/carry-over.js';
import type { Person } from '../../../bot/src/domain/model.js';
import type { RecordUpdateCommand } from '../../../bot/src/store/plan-store.js';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

const ADELE: Required<Person> = {
  displayName: 'Adele Vance',
  email: 'adele.vance@example.nhs.uk',
  aadObjectId: 'aaaa0000-0000-4000-8000-00000000000a',
};
const AT = '2026-03-10T09:00:00Z';

/** Progress-log entries that change more than the state: a reassignment (the owner) and a carry-over (status and links). */
export function describePlanChangeContract(makeStore: MakeStore): void {
  describe('reassignment and carry-over entries', () => {
    const store = useStore(makeStore);

    it('moves the owner, keeps the RAG, status and latest progress note, and logs the reassignment as one', async () => {
      await store().importActions(
        [makeImportedAction({ history: [makeImportedProgress({ text: 'Panels audited', submittedAt: '2026-02-12T10:00:00Z' })] })],
        IMPORTED_AT,
      );
      const action = await actionByRef(store(), '1.1');
      const cmd: RecordUpdateCommand = {
        expectedVersion: action.version,
        update: {
          actionId: action.id,
          text: 'Reassigned from Asha Patel to Adele Vance by Lena Hart',
          ragFrom: action.rag,
          ragTo: action.rag,
          statusFrom: action.status,
          statusTo: action.status,
          author: { name: 'Lena Hart', aadObjectId: '33333333-3333-4333-8333-333333333333' },
          submittedAt: AT,
          source: 'tab',
          requestId: 'reassign-contract-01',
          event: { kind: 'reassigned', from: action.owner, to: ADELE },
        },
        next: { rag: action.rag, status: action.status, owner: ADELE, updatedAt: AT },
      };
      const result = await store().recordUpdate(cmd);
      expect(result.kind).toBe('recorded');
      const expected = { ...action, owner: ADELE, updatedAt: AT, version: action.version + 1 };
      expect(await store().getAction(action.id)).toEqual(expected);
      expect((await store().listUpdates(action.id)).at(-1)).toMatchObject({ text: cmd.update.text, event: cmd.update.event });
      expect(await store().recordUpdate(cmd)).toMatchObject({ kind: 'duplicate', action: expected });
      expect(await store().listUpdates(action.id)).toHaveLength(2);
    });

    it('creates a carried copy with its link back, and marks the original carried over with a link forward', async () => {
      await store().importActions([makeImportedAction({ ref: '2.3', planYear: '2026/27', dueDate: '2027-03-31' })], IMPORTED_AT);
      const original = await actionByRef(store(), '2.3', '2026/27');
      await store().importActions([{ action: carriedCopy(original, '2027/28', '2028-03-31'), history: [] }], AT);
      const copy = await actionByRef(store(), '2.3', '2027/28');
      expect(copy).toMatchObject({ dueDate: '2028-03-31', dueText: '31 March 2028', carriedFrom: linkTo(original) });
      expect(copy.carriedTo).toBeUndefined();

      const result = await store().recordUpdate({
        expectedVersion: original.version,
        update: {
          actionId: original.id,
          text: 'Carried over into 2027/28 as 2.3 by Lena Hart',
          ragFrom: original.rag,
          ragTo: original.rag,
          statusFrom: original.status,
          statusTo: 'CarriedOver',
          author: { name: 'Lena Hart' },
          submittedAt: AT,
          source: 'api',
          requestId: `carry-over:${original.id}:2027/28`,
          event: { kind: 'carried-over', to: linkTo(copy) },
        },
        next: { rag: original.rag, status: 'CarriedOver', carriedTo: linkTo(copy), updatedAt: AT },
      });
      expect(result.kind).toBe('recorded');
      expect(await store().getAction(original.id)).toEqual({
        ...original,
        status: 'CarriedOver',
        carriedTo: linkTo(copy),
        updatedAt: AT,
        version: original.version + 1,
      });
      // A re-import of the old year's plan leaves the carried-over state and the links alone.
      await store().importActions([makeImportedAction({ ref: '2.3', planYear: '2026/27', dueDate: '2027-03-31' })], AT);
      expect(await actionByRef(store(), '2.3', '2026/27')).toMatchObject({ status: 'CarriedOver', carriedTo: linkTo(copy) });
      expect((await actionByRef(store(), '2.3', '2027/28')).carriedFrom).toEqual(linkTo(original));
    });
  });
}
