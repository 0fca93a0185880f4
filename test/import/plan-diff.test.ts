import { describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { diffImport, type ImportBase, type LoggedNote } from '../../bot/src/domain/plan-import.js';
import { makeImportedAction, makeImportedProgress, makeNewAction } from '../store/fixtures.js';

const AT = '2026-02-10T14:00:00.000Z';

function stored(overrides: Partial<Action> = {}): Action {
  return { ...makeNewAction(), id: 'a1', latestUpdate: null, updatedAt: '2026-01-05T09:00:00Z', version: 3, ...overrides };
}

function base(actions: Action[], opts: { live?: string[]; notes?: Record<string, LoggedNote[]> } = {}): ImportBase {
  return { actions, liveIds: new Set(opts.live ?? []), notes: new Map(Object.entries(opts.notes ?? {})) };
}

describe('the import merge rule (diffImport)', () => {
  it('creates a new action at version 1, its newest note as the latest update, and drops repeated notes', () => {
    const early = makeImportedProgress({ text: 'Drafted.', submittedAt: '2019-10-06T11:00:00Z' });
    const late = makeImportedProgress({ text: 'Agreed.', submittedAt: '2019-12-01T12:00:00Z' });
    const repeat = { ...early, text: '  Drafted. ', submittedAt: '2019-10-06T15:00:00Z' };
    const diff = diffImport(base([]), [makeImportedAction({ history: [early, late, repeat] })], AT);
    expect(diff.summary).toEqual({ created: 1, updated: 0, unchanged: 0, progressAdded: 2 });
    const change = diff.changes[0]!;
    if (change.kind !== 'new') throw new Error(change.kind);
    expect(change.action).toMatchObject({ version: 1, updatedAt: AT, latestUpdate: { text: 'Agreed.' } });
    expect(change.notes.map((n) => n.text)).toEqual(['Drafted.', 'Agreed.']);
  });

  it('leaves an identical action unchanged, and names exactly the fields an edit changes', () => {
    const same = diffImport(base([stored()]), [makeImportedAction()], AT);
    expect(same.changes).toEqual([{ kind: 'unchanged', action: stored() }]);

    const edited = makeImportedAction({ title: 'Reworded', dueDate: '2020-06-30', dueText: 'June 2020', rag: 'Red' });
    const diff = diffImport(base([stored()]), [edited], AT);
    const change = diff.changes[0]!;
    if (change.kind !== 'updated') throw new Error(change.kind);
    expect(change.fields).toEqual(['title', 'dueDate', 'dueText', 'rag']);
    expect(change.after).toMatchObject({ id: 'a1', title: 'Reworded', rag: 'Red', version: 4, updatedAt: AT });
  });

  it('keeps RAG, status and latest update of an action someone updated in Teams, but takes the plan fields', () => {
    const latest = { text: 'Four panels held.', authorName: 'Asha Patel', submittedAt: '2026-01-20T10:00:00Z' };
    const live = stored({ rag: 'Green', latestUpdate: latest });
    const plan = makeImportedAction({ rag: 'Red', status: 'NotStarted', measure: 'New measure' });
    plan.history.push(makeImportedProgress({ text: 'Board paper noted.', submittedAt: '2026-02-01T12:00:00Z' }));
    const change = diffImport(base([live], { live: ['a1'] }), [plan], AT).changes[0]!;
    if (change.kind !== 'updated') throw new Error(change.kind);
    expect(change.fields).toEqual(['measure']);
    expect(change.after).toMatchObject({ rag: 'Green', status: 'InProgress', latestUpdate: latest, measure: 'New measure' });
    expect(change.notes.map((n) => n.text)).toEqual(['Board paper noted.']);
  });

  it('adds no note the action already has: same text the same day (any source), or an undated note with the same text', () => {
    const notes = {
      a1: [
        { text: 'Panels audited.', submittedAt: '2019-10-06T09:00:00Z' },
        { text: 'Awaiting data.', submittedAt: '2026-01-05T09:00:00Z' },
      ],
    };
    const plan = makeImportedAction({
      history: [
        makeImportedProgress({ text: 'Panels audited.', submittedAt: '2019-10-06T11:00:00Z' }),
        makeImportedProgress({ text: 'Awaiting data.', submittedAt: AT }),
        makeImportedProgress({ text: 'Panels audited.', submittedAt: '2019-11-06T11:00:00Z' }),
      ],
    });
    const change = diffImport(base([stored()], { notes }), [plan], AT).changes[0]!;
    if (change.kind !== 'updated') throw new Error(change.kind);
    expect(change.notes.map((n) => n.submittedAt)).toEqual(['2019-11-06T11:00:00Z']);
    expect(change.after.latestUpdate?.submittedAt).toBe('2019-11-06T11:00:00Z');
  });

  it("keeps the owner's Entra id and email when the plan names the same person", () => {
    const plan = makeImportedAction({ owner: { displayName: 'asha patel' } });
    const change = diffImport(base([stored()]), [plan], AT).changes[0]!;
    if (change.kind !== 'updated') throw new Error(change.kind);
    expect(change.after.owner).toEqual({ ...stored().owner, displayName: 'asha patel' });
    const other = diffImport(base([stored()]), [makeImportedAction({ owner: { displayName: 'Sam Lee' } })], AT).changes[0]!;
    expect(other.kind === 'updated' && other.after.owner).toEqual({ displayName: 'Sam Lee' });
  });

  it('reports a (plan year, ref) the plan repeats', () => {
    const diff = diffImport(base([]), [makeImportedAction(), makeImportedAction(), makeImportedAction({ planYear: '2020/21' })], AT);
    expect(diff.duplicates).toEqual([{ planYear: '2019/20', ref: '1.1' }]);
  });
});
