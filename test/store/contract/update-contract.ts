import { describe, expect, it } from 'vitest';
import { AppError } from '../../../bot/src/errors.js';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress, makeRecordUpdate } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

/** recordUpdate (idempotency, optimistic concurrency) and reading the progress log. */
export function describeUpdateContract(makeStore: MakeStore): void {
  describe('recordUpdate and the progress log', () => {
    const store = useStore(makeStore);

    async function importedAction(ref = '1.1') {
      await store().importActions([makeImportedAction({ ref })], IMPORTED_AT);
      return actionByRef(store(), ref);
    }

    it('stores the update, moves the action and bumps its version', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, {
        rag: 'Green',
        status: 'InProgress',
        text: 'Two panels held.',
      });
      const result = await store().recordUpdate(cmd);

      expect(result.kind).toBe('recorded');
      if (result.kind !== 'recorded') return;
      expect(result.update).toEqual({ ...cmd.update, id: result.update.id });
      expect(result.update.id).toBeTruthy();
      const expected = {
        ...action,
        rag: 'Green',
        status: 'InProgress',
        latestUpdate: cmd.next.latestUpdate,
        updatedAt: cmd.next.updatedAt,
        version: action.version + 1,
      };
      expect(result.action).toEqual(expected);
      expect(await store().getAction(action.id)).toEqual(expected);
      expect(await store().listUpdates(action.id)).toEqual([result.update]);
    });

    it('stores a retried submission once and answers the retry with the earlier update', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, { requestId: 'card-submit-0001' });
      const first = await store().recordUpdate(cmd);
      const retry = await store().recordUpdate(cmd);

      expect(retry.kind).toBe('duplicate');
      if (first.kind !== 'recorded' || retry.kind !== 'duplicate') return;
      expect(retry.update).toEqual(first.update);
      expect(retry.action.version).toBe(first.action.version);
      expect(await store().listUpdates(action.id)).toHaveLength(1);
    });

    it('reports a late retry as a duplicate, not a conflict, after the action has moved on', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, { requestId: 'card-submit-0002' });
      const first = await store().recordUpdate(cmd);
      if (first.kind !== 'recorded') throw new Error('first update not recorded');
      await store().recordUpdate(
        makeRecordUpdate(first.action, {
          text: 'A later note',
          submittedAt: '2026-01-07T10:00:00Z',
        }),
      );

      const retry = await store().recordUpdate(cmd);
      expect(retry.kind).toBe('duplicate');
      expect(retry.action.version).toBe(action.version + 2);
      expect(await store().listUpdates(action.id)).toHaveLength(2);
    });

    it('answers a recorded update with the action’s progress log, oldest first, the new update last', async () => {
      await store().importActions(
        [makeImportedAction({ history: [makeImportedProgress({ text: 'Imported note', submittedAt: '2019-10-06T00:00:00Z' })] })],
        IMPORTED_AT,
      );
      const action = await actionByRef(store(), '1.1');
      const result = await store().recordUpdate(makeRecordUpdate(action, { text: 'New note' }));
      if (result.kind !== 'recorded') throw new Error('not recorded');
      expect(result.history.map((u) => u.text)).toEqual(['Imported note', 'New note']);
      expect(result.history.at(-1)).toEqual(result.update);
      expect(result.history).toEqual(await store().listUpdates(action.id));
    });

    describe('a requestId is the key of one submission: the same action, author and note', () => {
      async function twoActions() {
        await store().importActions([makeImportedAction({ ref: '1.1' }), makeImportedAction({ ref: '1.2' })], IMPORTED_AT);
        return { a: await actionByRef(store(), '1.1'), c: await actionByRef(store(), '1.2') };
      }

      it('refuses a requestId reused on another action: C’s note is not stored and neither action moves', async () => {
        const { a, c } = await twoActions();
        const first = await store().recordUpdate(makeRecordUpdate(a, { requestId: 'reused-0001', text: 'A’s note' }));
        if (first.kind !== 'recorded') throw new Error('not recorded');

        const reused = await store().recordUpdate(makeRecordUpdate(c, { requestId: 'reused-0001', text: 'C’s note', rag: 'Red' }));

        expect(reused).toMatchObject({ kind: 'refused', action: c, reason: expect.stringContaining('another action') });
        expect(await store().getAction(c.id)).toEqual(c);
        expect(await store().getAction(a.id)).toEqual(first.action);
        expect(await store().listUpdates(c.id)).toEqual([]);
        expect((await store().listUpdates(a.id)).map((u) => u.text)).toEqual(['A’s note']);
      });

      it('refuses a requestId reused with a different note on the same action, keeping the first', async () => {
        const { a } = await twoActions();
        const first = await store().recordUpdate(makeRecordUpdate(a, { requestId: 'reused-0002', text: 'First words' }));
        if (first.kind !== 'recorded') throw new Error('not recorded');

        const edited = await store().recordUpdate(makeRecordUpdate(a, { requestId: 'reused-0002', text: 'Edited words' }));

        expect(edited).toMatchObject({ kind: 'refused', action: first.action, reason: expect.stringContaining('different note') });
        expect((await store().listUpdates(a.id)).map((u) => u.text)).toEqual(['First words']);
        expect(await store().getAction(a.id)).toEqual(first.action);
      });

      it('refuses a requestId reused by someone else', async () => {
        const { a } = await twoActions();
        await store().recordUpdate(makeRecordUpdate(a, { requestId: 'reused-0003' }));
        const lead = { name: 'Lena Hart', aadObjectId: '33333333-3333-4333-8333-333333333333' };

        const other = await store().recordUpdate(makeRecordUpdate(a, { requestId: 'reused-0003', author: lead }));

        expect(other).toMatchObject({ kind: 'refused', reason: expect.stringContaining('someone else') });
        expect((await store().listUpdates(a.id)).map((u) => u.author.name)).toEqual(['Asha Patel']);
      });

      it('still answers the same submission sent again as a duplicate, with the log', async () => {
        const { a } = await twoActions();
        const cmd = makeRecordUpdate(a, { requestId: 'retried-0004', text: 'Sent twice' });
        const first = await store().recordUpdate(cmd);
        const again = await store().recordUpdate(cmd);
        expect(again).toMatchObject({ kind: 'duplicate' });
        if (first.kind !== 'recorded' || again.kind !== 'duplicate') return;
        expect(again.update).toEqual(first.update);
        expect(again.history).toEqual(first.history);
      });
    });

    it('refuses an update made against a stale version and stores nothing', async () => {
      const action = await importedAction();
      const seenByBoth = action;
      const winner = await store().recordUpdate(makeRecordUpdate(seenByBoth, { rag: 'Green', text: 'Owner note' }));
      if (winner.kind !== 'recorded') throw new Error('first update not recorded');

      const loser = await store().recordUpdate(
        makeRecordUpdate(seenByBoth, {
          rag: 'Red',
          text: 'Lead note',
          submittedAt: '2026-01-06T11:00:00Z',
        }),
      );
      expect(loser).toEqual({ kind: 'conflict', action: winner.action });
      expect(await store().getAction(action.id)).toEqual(winner.action);
      expect((await store().listUpdates(action.id)).map((u) => u.text)).toEqual(['Owner note']);
    });

    it('rejects an update for an unknown action with not_found', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate({ ...action, id: 'no-such-action' });
      const attempt = store().recordUpdate(cmd);
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
      expect((await store().health()).updates).toBe(0);
    });

    it('lists an action’s progress oldest first, whatever order it arrived in', async () => {
      await store().importActions(
        [
          makeImportedAction({
            history: [
              makeImportedProgress({
                text: 'October',
                submittedAt: '2019-10-06T00:00:00Z',
              }),
            ],
          }),
        ],
        IMPORTED_AT,
      );
      const action = await actionByRef(store(), '1.1');
      await store().recordUpdate(
        makeRecordUpdate(action, {
          text: 'January',
          submittedAt: '2026-01-06T10:30:00Z',
        }),
      );
      const older = makeImportedProgress({
        text: 'March',
        submittedAt: '2020-03-02T00:00:00Z',
      });
      await store().importActions(
        [
          makeImportedAction({
            history: [
              makeImportedProgress({
                text: 'October',
                submittedAt: '2019-10-06T00:00:00Z',
              }),
              older,
            ],
          }),
        ],
        IMPORTED_AT,
      );

      expect((await store().listUpdates(action.id)).map((u) => u.text)).toEqual(['October', 'March', 'January']);
      expect(await store().listUpdates('no-such-action')).toEqual([]);
    });

    it('lists every update submitted at or after an instant, across actions, oldest first', async () => {
      const a = await importedAction('1.1');
      const b = await importedAction('1.2');
      const r1 = await store().recordUpdate(
        makeRecordUpdate(a, {
          text: 'a1',
          submittedAt: '2026-01-06T09:00:00Z',
        }),
      );
      if (r1.kind !== 'recorded') throw new Error('not recorded');
      await store().recordUpdate(
        makeRecordUpdate(b, {
          text: 'b1',
          submittedAt: '2026-01-08T09:00:00Z',
        }),
      );
      await store().recordUpdate(
        makeRecordUpdate(r1.action, {
          text: 'a2',
          submittedAt: '2026-01-07T09:00:00Z',
        }),
      );

      const since = await store().listUpdatesSince('2026-01-07T09:00:00Z');
      expect(since.map((u) => [u.text, u.actionId])).toEqual([
        ['a2', a.id],
        ['b1', b.id],
      ]);
      expect(await store().listUpdatesSince('2026-02-01T00:00:00Z')).toEqual([]);
    });
  });
}
