import { describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeImportedAction, makeReminder } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

/** The reminder ledger: a reminder goes out once per (action, stage, due date). */
export function describeLedgerContract(makeStore: MakeStore): void {
  describe('reminder ledger', () => {
    const store = useStore(makeStore);

    async function actionId(ref = '1.1'): Promise<string> {
      await store().importActions([makeImportedAction({ ref })], IMPORTED_AT);
      return (await actionByRef(store(), ref)).id;
    }

    it('lets a reminder be claimed once', async () => {
      const id = await actionId();
      expect(await store().claimReminder(makeReminder(id))).toBe(true);
      expect(
        await store().claimReminder(
          makeReminder(id, {
            recipient: 'someone-else',
            sentAt: '2026-03-24T08:05:00Z',
          }),
        ),
      ).toBe(false);

      const entries = await store().listReminders(id);
      expect(entries).toEqual([{ ...makeReminder(id), state: 'pending' }]);
    });

    it('lets a released claim be claimed again by the next run', async () => {
      const id = await actionId();
      const key = { actionId: id, stage: 'due-7', dueDate: '2020-03-31' };
      expect(await store().claimReminder(makeReminder(id))).toBe(true);
      await store().releaseReminder(key);
      expect(await store().listReminders(id)).toEqual([]);
      expect(await store().claimReminder(makeReminder(id, { sentAt: '2026-03-25T08:00:00Z' }))).toBe(true);
      expect(await store().listReminders(id)).toMatchObject([{ state: 'pending', sentAt: '2026-03-25T08:00:00Z' }]);
    });

    it('keeps a sent reminder: it cannot be released or claimed again', async () => {
      const id = await actionId();
      const key = { actionId: id, stage: 'due-7', dueDate: '2020-03-31' };
      await store().claimReminder(makeReminder(id));
      await store().markReminderSent(key, '2026-03-24T08:00:03Z');

      await store().releaseReminder(key);
      expect(await store().claimReminder(makeReminder(id))).toBe(false);
      expect(await store().listReminders(id)).toEqual([{ ...makeReminder(id), state: 'sent', sentAt: '2026-03-24T08:00:03Z' }]);
    });

    it('treats a changed due date as a fresh reminder cycle', async () => {
      const id = await actionId();
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-03-31' }))).toBe(true);
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30' }))).toBe(true);
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30', stage: 'due-1' }))).toBe(true);
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30' }))).toBe(false);
      expect(await store().listReminders(id)).toHaveLength(3);
    });

    it('lists the ledger for one action or for all', async () => {
      const a = await actionId('1.1');
      const b = await actionId('1.2');
      await store().claimReminder(makeReminder(a));
      await store().claimReminder(makeReminder(b, { stage: 'overdue-7' }));
      await store().claimReminder(makeReminder(b, { stage: 'due-0', dueDate: '' }));

      expect((await store().listReminders(a)).map((r) => r.stage)).toEqual(['due-7']);
      expect((await store().listReminders(b)).map((r) => r.stage).sort()).toEqual(['due-0', 'overdue-7']);
      expect((await store().listReminders()).map((r) => `${r.actionId === a ? 'a' : 'b'}:${r.stage}:${r.dueDate}`).sort()).toEqual([
        'a:due-7:2020-03-31',
        'b:due-0:',
        'b:overdue-7:2020-03-31',
      ]);
    });
  });
}
