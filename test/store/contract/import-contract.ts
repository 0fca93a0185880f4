import { describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress, makeRecordUpdate } from '../fixtures.js';
import { actionByRef, sortActions, useStore, type MakeStore } from './harness.js';

const LATER = '2026-02-10T14:00:00Z';
const EARLY = makeImportedProgress({
  text: 'Panel guidance drafted.',
  submittedAt: '2019-10-06T00:00:00Z',
});
const NEWER = makeImportedProgress({
  text: 'Guidance agreed at the People Committee.',
  submittedAt: '2019-12-01T00:00:00Z',
});

function twoActionPlan() {
  return [
    makeImportedAction({ ref: '1.1', history: [EARLY, NEWER] }),
    makeImportedAction({
      ref: '1.2',
      title: 'Publish the WRES report on the trust website',
      owner: null,
      leadRole: 'E&D Lead',
      indicators: [5, 6],
      dueDate: null,
      dueText: 'Ongoing',
      status: 'Ongoing',
      rag: 'None',
    }),
  ];
}

/** Import: create, re-import, update in place, and what a re-import may not overwrite. */
export function describeImportContract(makeStore: MakeStore): void {
  describe('importActions', () => {
    const store = useStore(makeStore);

    it('creates each action with its plan fields, version 1 and its history', async () => {
      const plan = twoActionPlan();
      const summary = await store().importActions(plan, IMPORTED_AT);
      expect(summary).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        progressAdded: 2,
      });

      const [first, second] = sortActions(await store().listActions());
      expect(first).toMatchObject({ ...plan[0]!.action, version: 1 });
      expect(first!.latestUpdate).toEqual({
        text: NEWER.text,
        authorName: NEWER.authorName,
        submittedAt: NEWER.submittedAt,
      });
      expect(second).toMatchObject({
        ...plan[1]!.action,
        owner: null,
        dueDate: null,
        latestUpdate: null,
        version: 1,
      });
      expect(first!.id).toBeTruthy();
      expect(first!.id).not.toBe(second!.id);
      expect(await store().getAction(first!.id)).toEqual(first);

      const history = await store().listUpdates(first!.id);
      expect(history.map((u) => [u.text, u.submittedAt, u.source, u.actionId])).toEqual([
        [EARLY.text, EARLY.submittedAt, 'import', first!.id],
        [NEWER.text, NEWER.submittedAt, 'import', first!.id],
      ]);
      expect(await store().listUpdates(second!.id)).toEqual([]);
    });

    it('keeps the same ref in different plan years apart', async () => {
      await store().importActions([makeImportedAction({ ref: '1.1', planYear: '2019/20' })], IMPORTED_AT);
      const summary = await store().importActions(
        [
          makeImportedAction({
            ref: '1.1',
            planYear: '2020/21',
            title: 'Next year',
          }),
        ],
        LATER,
      );
      expect(summary).toMatchObject({ created: 1, updated: 0 });
      expect((await actionByRef(store(), '1.1', '2019/20')).title).not.toBe('Next year');
      expect((await actionByRef(store(), '1.1', '2020/21')).title).toBe('Next year');
    });

    it('changes nothing when the same plan is imported again', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const before = sortActions(await store().listActions());
      const updatesBefore = (await store().health()).updates;

      const summary = await store().importActions(twoActionPlan(), LATER);
      expect(summary).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2,
        progressAdded: 0,
      });
      expect(sortActions(await store().listActions())).toEqual(before);
      expect((await store().health()).updates).toBe(updatesBefore);
    });

    it('does not duplicate an undated progress note when the plan is imported again on a later day', async () => {
      const undated = (at: string) => [
        makeImportedAction({
          history: [
            makeImportedProgress({
              text: 'Awaiting data from ESR.',
              submittedAt: at,
            }),
          ],
        }),
      ];
      await store().importActions(undated(IMPORTED_AT), IMPORTED_AT);
      const summary = await store().importActions(undated(LATER), LATER);
      expect(summary).toMatchObject({ progressAdded: 0, unchanged: 1 });
      const action = await actionByRef(store(), '1.1');
      expect(await store().listUpdates(action.id)).toHaveLength(1);
    });

    it('updates a changed action in place and bumps its version', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const original = await actionByRef(store(), '1.1');
      const changed = twoActionPlan();
      changed[0]!.action.title = 'Include a trained BME panel member on every band 8a+ panel';
      changed[0]!.action.dueDate = '2020-06-30';
      changed[0]!.action.dueText = 'June 2020';

      const summary = await store().importActions(changed, LATER);
      expect(summary).toEqual({
        created: 0,
        updated: 1,
        unchanged: 1,
        progressAdded: 0,
      });
      const after = await actionByRef(store(), '1.1');
      expect(after).toMatchObject({
        id: original.id,
        title: changed[0]!.action.title,
        dueDate: '2020-06-30',
        dueText: 'June 2020',
        version: 2,
        updatedAt: LATER,
      });
      expect((await actionByRef(store(), '1.2')).version).toBe(1);
    });

    it('adds a new progress entry once and makes the newest entry the latest update', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const newest = makeImportedProgress({
        text: 'First panels held in January.',
        submittedAt: '2020-01-20T00:00:00Z',
      });
      const plan = twoActionPlan();
      plan[0]!.history.push(newest);

      expect(await store().importActions(plan, LATER)).toEqual({
        created: 0,
        updated: 1,
        unchanged: 1,
        progressAdded: 1,
      });
      expect(await store().importActions(plan, LATER)).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2,
        progressAdded: 0,
      });
      const action = await actionByRef(store(), '1.1');
      expect(action.latestUpdate?.text).toBe(newest.text);
      expect((await store().listUpdates(action.id)).map((u) => u.text)).toEqual([EARLY.text, NEWER.text, newest.text]);
    });

    it('takes RAG and status from the plan while nobody has updated the action', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const plan = twoActionPlan();
      plan[0]!.action.rag = 'Red';
      plan[0]!.action.status = 'NotStarted';
      expect(await store().importActions(plan, LATER)).toMatchObject({
        updated: 1,
      });
      expect(await actionByRef(store(), '1.1')).toMatchObject({
        rag: 'Red',
        status: 'NotStarted',
        version: 2,
      });
    });

    it('previews exactly what an import will do, writing nothing', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const before = sortActions(await store().listActions());
      const plan = twoActionPlan();
      plan[0]!.action.title = 'A reworded action';
      plan[1]!.history.push(makeImportedProgress({ text: 'Report published.', submittedAt: '2020-01-10T00:00:00Z' }));
      plan.push(makeImportedAction({ ref: '1.3', title: 'A new action' }));

      const preview = await store().previewImport(plan, LATER);
      expect(preview.changes.map((c) => (c.kind === 'updated' ? [c.kind, c.fields, c.notes.length] : [c.kind]))).toEqual([
        ['updated', ['title'], 0],
        ['updated', ['latestUpdate'], 1],
        ['new'],
      ]);
      expect(sortActions(await store().listActions())).toEqual(before);
      expect(await store().importActions(plan, LATER)).toEqual(preview.summary);
    });

    it('refuses a plan that lists a (plan year, ref) twice, writing nothing', async () => {
      await expect(store().importActions([makeImportedAction(), makeImportedAction()], IMPORTED_AT)).rejects.toMatchObject({
        code: 'bad_input',
      });
      expect(await store().listActions()).toEqual([]);
    });

    it('keeps progress made in Teams when the plan is imported again, but takes new plan fields', async () => {
      await store().importActions(twoActionPlan(), IMPORTED_AT);
      const imported = await actionByRef(store(), '1.1');
      const cmd = makeRecordUpdate(imported, {
        rag: 'Green',
        status: 'InProgress',
        text: 'Four panels held.',
      });
      expect((await store().recordUpdate(cmd)).kind).toBe('recorded');

      const plan = twoActionPlan();
      Object.assign(plan[0]!.action, {
        rag: 'Red',
        status: 'NotStarted',
        title: 'A reworded action',
      });
      plan[0]!.history.push(
        makeImportedProgress({
          text: 'Board paper noted.',
          submittedAt: '2020-02-01T00:00:00Z',
        }),
      );
      expect(await store().importActions(plan, LATER)).toMatchObject({
        updated: 1,
        progressAdded: 1,
      });

      const after = await actionByRef(store(), '1.1');
      expect(after).toMatchObject({
        rag: 'Green',
        status: 'InProgress',
        title: 'A reworded action',
        version: 3,
      });
      expect(after.latestUpdate).toEqual(cmd.next.latestUpdate);
      expect((await store().listUpdates(after.id)).map((u) => u.source)).toEqual(['import', 'import', 'import', 'teams']);
    });
  });
}
