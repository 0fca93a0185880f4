import type { Action, ProgressUpdate } from '../../domain/model.js';
import type { ImportBase, ImportDiff, ImportedAction, ImportedProgress, ImportSummary, LoggedNote } from '../../domain/plan-import.js';
import { AppError } from '../../errors.js';
import type { BatchStep } from '../../graph/batch-steps.js';
import { checkedImportDiff, importRequestId } from '../import-writes.js';
import type { KnownAction } from './action-index.js';
import { fitPlanFields, itemSchema, planFields, stateFields, updateItemFields } from './item-fields.js';
import { answerMessage, type ListAccess } from './list-access.js';

/**
 * What an import is compared with, from one paged read of the actions and
 * one of the progress log. An action is live once a person moved it: it
 * records the update that did (`LastRequestId`) or has a note from outside imports.
 */
function importBase(existing: KnownAction[], log: ProgressUpdate[]): ImportBase {
  const notes = new Map<string, LoggedNote[]>();
  const liveIds = new Set(existing.filter((k) => k.lastRequestId !== undefined).map((k) => k.action.id));
  for (const u of log) {
    notes.set(u.actionId, [...(notes.get(u.actionId) ?? []), { text: u.text, submittedAt: u.submittedAt }]);
    if (u.source !== 'import') liveIds.add(u.actionId);
  }
  return { actions: existing.map((k) => k.action), liveIds, notes };
}

/** The import diff against SharePoint as read, with the plan's text cut to what its columns hold. */
export function previewSharePointImport(
  existing: KnownAction[],
  log: ProgressUpdate[],
  items: ImportedAction[],
  importedAt: string,
): ImportDiff {
  const fitted = items.map((i) => ({ ...i, action: fitPlanFields(i.action) }));
  return checkedImportDiff(importBase(existing, log), fitted, importedAt);
}

function noteStep(id: string, lists: ListAccess, action: Action, note: ImportedProgress): BatchStep {
  const update = {
    actionId: action.id,
    text: note.text,
    ragFrom: action.rag,
    ragTo: action.rag,
    statusFrom: action.status,
    statusTo: action.status,
    author: { name: note.authorName },
    submittedAt: note.submittedAt,
    source: 'import' as const,
    requestId: importRequestId(action.planYear, action.ref, note.submittedAt, note.text),
    ...(note.links?.length ? { links: note.links } : {}),
  };
  return { id, method: 'POST', url: lists.items('updates'), body: { fields: updateItemFields(update) } };
}

/**
 * importActions for SharePoint: the domain's diff, then `$batch`es of up
 * to 20 writes — new actions first (their ids are needed), then changed
 * actions (PATCH with If-Match) and new notes. SharePoint has no
 * transactions: a failed import may stop part way, and running it again
 * completes it (every step is idempotent by key).
 */
export async function importToSharePoint(
  lists: ListAccess,
  existing: KnownAction[],
  log: ProgressUpdate[],
  items: ImportedAction[],
  importedAt: string,
): Promise<ImportSummary> {
  const diff = previewSharePointImport(existing, log, items, importedAt);
  const eTags = new Map(existing.map((k) => [k.action.id, k.eTag]));
  const summary: ImportSummary = { ...diff.summary, progressAdded: 0 };
  const fresh = diff.changes.flatMap((c) => (c.kind === 'new' ? [c] : []));
  const createSteps: BatchStep[] = fresh.map((c, n) => ({
    id: `new${n}`,
    method: 'POST',
    url: lists.items('actions'),
    body: { fields: { ...dropNulls(planFields(c.action)), ...dropNulls(stateFields(c.action)) } },
  }));
  const created = await lists.writeAll(createSteps, 'importing the plan');
  const later: BatchStep[] = [];
  fresh.forEach((c, n) => {
    const answer = created.get(`new${n}`)!;
    if (answer.status !== 201) throw importFailed(c.action.ref, answer.status, answerMessage(answer));
    const action: Action = { ...c.action, id: itemSchema.parse(answer.body).id };
    c.notes.forEach((note, m) => later.push(noteStep(`h${n}.${m}`, lists, action, note)));
  });
  diff.changes.forEach((c, n) => {
    if (c.kind !== 'updated') return;
    c.notes.forEach((note, m) => later.push(noteStep(`x${n}.${m}`, lists, c.after, note)));
    const body = { ...planFields(c.after), ...stateFields(c.after) };
    const headers = { 'If-Match': eTags.get(c.before.id) ?? '*' };
    later.push({ id: `u${n}`, method: 'PATCH', url: `${lists.items('actions', c.before.id)}/fields`, headers, body });
  });

  for (const [id, answer] of await lists.writeAll(later, 'importing the plan')) {
    const note = id.startsWith('h') || id.startsWith('x');
    if (answer.status < 300) {
      if (note) summary.progressAdded++;
      continue;
    }
    // 409 on a note: its RequestId is already stored (another import got there first).
    if (note && answer.status === 409) continue;
    if (answer.status === 412)
      throw new AppError(
        'conflict',
        'Someone changed the plan in SharePoint during the import. Run the import again: it carries on where it stopped.',
      );
    throw importFailed(id, answer.status, answerMessage(answer));
  }
  return summary;
}

function importFailed(what: string, status: number, message: string): AppError {
  const code = status === 429 || status >= 500 ? 'unavailable' : 'internal';
  return new AppError(
    code,
    `SharePoint stopped the import at ${what} (${status}: ${message}). Run the import again: it carries on where it stopped.`,
  );
}

function dropNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}
