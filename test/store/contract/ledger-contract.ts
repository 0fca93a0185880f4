import { describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeImportedAction, makeReminder } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

/**
 * The reminder ledger: at-least-once with a lease. One claim per (action,
 * stage, due date) at a time; a lapsed or failed claim is taken over by
 * exactly one later caller; a sent reminder stays sent.
 */
export function describeLedgerContract(makeStore: MakeStore): void {
  describe('reminder ledger', () => {
    const store = useStore(makeStore);
    const KEY = { stage: 'due-7', dueDate: '2020-03-31' };

    async function actionId(ref = '1.1'): Promise<string> {
      await store().importActions([makeImportedAction({ ref })], IMPORTED_AT);
      return (await actionByRef(store(), ref)).id;
    }

    it('lets a reminder be claimed once while its lease runs', async () => {
      const id = await actionId();
      expect(await store().claimReminder(makeReminder(id))).toBe('claimed');
      expect(await store().claimReminder(makeReminder(id, { recipient: 'someone-else', sentAt: '2026-03-24T08:14:59Z' }))).toBe('held');
      expect(await store().listReminders(id)).toEqual([{ ...makeReminder(id), state: 'pending', attempts: 1 }]);
    });

    it('lets exactly one of two later runs take over a claim whose lease has run out', async () => {
      const id = await actionId();
      await store().claimReminder(makeReminder(id));
      // Two runs reminding the same person; each run's lease tells which one won.
      const runA = { sentAt: '2026-03-24T08:20:00Z', leaseUntil: '2026-03-24T08:35:00Z' };
      const runB = { sentAt: '2026-03-24T08:20:00Z', leaseUntil: '2026-03-24T08:35:01Z' };
      const results = await Promise.all([store().claimReminder(makeReminder(id, runA)), store().claimReminder(makeReminder(id, runB))]);
      expect([...results].sort()).toEqual(['held', 'retry-after-interruption']);
      const winner = results[0] === 'held' ? runB : runA;
      expect(await store().listReminders(id)).toEqual([{ ...makeReminder(id, winner), state: 'pending', attempts: 2 }]);
    });

    it('keeps a failed delivery visible, with its reason, and lets the next claim retry it at once', async () => {
      const id = await actionId();
      const key = { actionId: id, ...KEY };
      await store().claimReminder(makeReminder(id));
      await store().markReminderFailed(key, { reason: 'Teams answered HTTP 503', at: '2026-03-24T08:00:05Z' });
      expect(await store().listReminders(id)).toEqual([
        {
          actionId: id,
          ...KEY,
          recipient: makeReminder(id).recipient,
          state: 'failed',
          sentAt: '2026-03-24T08:00:05Z',
          attempts: 1,
          failure: 'Teams answered HTTP 503',
        },
      ]);

      const retry = makeReminder(id, { sentAt: '2026-03-24T08:01:00Z', leaseUntil: '2026-03-24T08:16:00Z' });
      expect(await store().claimReminder(retry)).toBe('retry-after-failure');
      expect(await store().listReminders(id)).toEqual([{ ...retry, state: 'pending', attempts: 2 }]);
    });

    it('never retries a failed or interrupted reminder as someone else’s: the new owner’s claim starts afresh', async () => {
      const id = await actionId();
      const key = { actionId: id, ...KEY };
      const oldOwner = makeReminder(id).recipient;
      const newOwner = '22222222-2222-4222-8222-222222222222';
      await store().claimReminder(makeReminder(id));
      await store().markReminderFailed(key, { reason: 'Teams answered HTTP 403', at: '2026-03-24T08:00:05Z' });

      const forNewOwner = makeReminder(id, { recipient: newOwner, sentAt: '2026-03-25T08:00:00Z', leaseUntil: '2026-03-25T08:15:00Z' });
      expect(await store().claimReminder(forNewOwner)).toBe('claimed');
      expect(await store().listReminders(id)).toEqual([{ ...forNewOwner, state: 'pending', attempts: 1 }]);

      // Their run stops mid-send; the old owner's run (had it survived) may not take it back as a retry either.
      const back = makeReminder(id, { recipient: oldOwner, sentAt: '2026-03-25T09:00:00Z', leaseUntil: '2026-03-25T09:15:00Z' });
      expect(await store().claimReminder(back)).toBe('claimed');
      const again = makeReminder(id, { recipient: oldOwner, sentAt: '2026-03-25T10:00:00Z', leaseUntil: '2026-03-25T10:15:00Z' });
      expect(await store().claimReminder(again)).toBe('retry-after-interruption');
    });

    it('keeps a sent reminder sent: a late failure report or a later claim changes nothing', async () => {
      const id = await actionId();
      const key = { actionId: id, ...KEY };
      await store().claimReminder(makeReminder(id));
      await store().markReminderSent(key, '2026-03-24T08:00:03Z');
      await store().markReminderFailed(key, { reason: 'timed out', at: '2026-03-24T08:00:04Z' });
      expect(await store().claimReminder(makeReminder(id, { sentAt: '2026-03-25T08:00:00Z', leaseUntil: '2026-03-25T08:15:00Z' }))).toBe(
        'held',
      );
      expect(await store().listReminders(id)).toEqual([
        { actionId: id, ...KEY, recipient: makeReminder(id).recipient, state: 'sent', sentAt: '2026-03-24T08:00:03Z', attempts: 1 },
      ]);
    });

    it('refuses to mark sent a reminder nobody claimed', async () => {
      const id = await actionId();
      await expect(store().markReminderSent({ actionId: id, ...KEY }, '2026-03-24T08:00:03Z')).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('treats a changed due date as a fresh reminder cycle', async () => {
      const id = await actionId();
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-03-31' }))).toBe('claimed');
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30' }))).toBe('claimed');
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30', stage: 'due-1' }))).toBe('claimed');
      expect(await store().claimReminder(makeReminder(id, { dueDate: '2020-06-30' }))).toBe('held');
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
