import { describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress, makeRecordUpdate } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf';
const MINUTES = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/Minutes%20(March).docx';

/** Evidence links: stored with the update and the action's latest update, and part of what makes a retry the same submission. */
export function describeEvidenceContract(makeStore: MakeStore): void {
  describe('evidence links on progress updates', () => {
    const store = useStore(makeStore);

    async function importedAction(ref = '1.1') {
      await store().importActions([makeImportedAction({ ref })], IMPORTED_AT);
      return actionByRef(store(), ref);
    }

    it('stores the links with the update and on the action, and every read gives them back in order', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, { text: 'Audit done; paper to the board.', links: [AUDIT, PAPER, MINUTES] });
      const result = await store().recordUpdate(cmd);
      if (result.kind !== 'recorded') throw new Error(`not recorded: ${result.kind}`);

      expect(result.update.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect(result.history.at(-1)?.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect(result.action.latestUpdate?.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect((await store().listUpdates(action.id)).at(-1)?.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect((await store().listUpdatesSince('2026-01-01T00:00:00Z')).at(-1)?.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect((await store().getAction(action.id))?.latestUpdate?.links).toEqual([AUDIT, PAPER, MINUTES]);
      expect((await actionByRef(store(), '1.1')).latestUpdate?.links).toEqual([AUDIT, PAPER, MINUTES]);
    });

    it('keeps each update’s own links: a later update without links leaves the earlier one’s alone and the action with none', async () => {
      const action = await importedAction();
      const first = await store().recordUpdate(makeRecordUpdate(action, { text: 'With evidence', links: [AUDIT] }));
      if (first.kind !== 'recorded') throw new Error('not recorded');
      const second = await store().recordUpdate(
        makeRecordUpdate(first.action, { text: 'No evidence this time', submittedAt: '2026-01-07T10:00:00Z' }),
      );
      if (second.kind !== 'recorded') throw new Error('not recorded');

      expect(second.update).not.toHaveProperty('links');
      expect(second.action.latestUpdate).not.toHaveProperty('links');
      expect((await store().getAction(action.id))?.latestUpdate).not.toHaveProperty('links');
      expect((await store().listUpdates(action.id)).map((u) => [u.text, u.links])).toEqual([
        ['With evidence', [AUDIT]],
        ['No evidence this time', undefined],
      ]);
    });

    it('answers a retry with the same links (in any order) as a duplicate and stores it once', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, { requestId: 'evidence-retry-0001', links: [AUDIT, PAPER] });
      expect((await store().recordUpdate(cmd)).kind).toBe('recorded');
      const reordered = { ...cmd, update: { ...cmd.update, links: [PAPER, AUDIT] } };

      const retry = await store().recordUpdate(reordered);
      expect(retry.kind).toBe('duplicate');
      if (retry.kind === 'duplicate') expect(retry.update.links).toEqual([AUDIT, PAPER]);
      expect(await store().listUpdates(action.id)).toHaveLength(1);
    });

    it('refuses the same request id with different links and writes nothing', async () => {
      const action = await importedAction();
      const cmd = makeRecordUpdate(action, { requestId: 'evidence-retry-0002', links: [AUDIT] });
      const first = await store().recordUpdate(cmd);
      if (first.kind !== 'recorded') throw new Error('not recorded');

      for (const links of [[AUDIT, PAPER], [PAPER], undefined]) {
        const again = { ...cmd, update: { ...cmd.update, ...(links ? { links } : { links: undefined }) } };
        const result = await store().recordUpdate(again);
        expect(result.kind).toBe('refused');
        if (result.kind === 'refused') expect(result.reason).toContain('different note, rating or links');
      }
      expect(await store().listUpdates(action.id)).toEqual([first.update]);
      expect(await store().getAction(action.id)).toEqual(first.action);
    });

    it('imports history entries with their links, once', async () => {
      const plan = [
        makeImportedAction({
          history: [
            makeImportedProgress({ text: 'Panels audited.', submittedAt: '2019-10-06T11:00:00Z', links: [AUDIT, PAPER] }),
            makeImportedProgress({ text: 'Guidance drafted.', submittedAt: '2019-09-06T11:00:00Z' }),
          ],
        }),
      ];
      expect((await store().importActions(plan, IMPORTED_AT)).progressAdded).toBe(2);
      const action = await actionByRef(store(), '1.1');
      expect(action.latestUpdate).toMatchObject({ text: 'Panels audited.', links: [AUDIT, PAPER] });
      expect((await store().listUpdates(action.id)).map((u) => [u.text, u.links])).toEqual([
        ['Guidance drafted.', undefined],
        ['Panels audited.', [AUDIT, PAPER]],
      ]);

      expect(await store().importActions(plan, '2026-02-01T09:00:00Z')).toMatchObject({ progressAdded: 0, unchanged: 1 });
      expect(await store().listUpdates(action.id)).toHaveLength(2);
    });
  });
}
