import type { Action, ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { BatchStep } from '../../graph/graph-api.js';
import type { ImportedAction, ImportedProgress, ImportSummary } from '../plan-store.js';
import { importRequestId } from '../sqlite/import-actions.js';
import type { KnownAction } from './action-index.js';
import { actionKey, itemSchema, planFields, stateFields, updateItemFields } from './item-fields.js';
import { answerMessage, type ListAccess } from './list-access.js';

type Latest = Action['latestUpdate'];

function newest(entries: { text: string; authorName: string; submittedAt: string }[]): Latest {
  let best: Latest = null;
  for (const e of entries)
    if (!best || Date.parse(e.submittedAt) >= Date.parse(best.submittedAt))
      best = { text: e.text, authorName: e.authorName, submittedAt: e.submittedAt };
  return best;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Imported entries not yet in `log` (same identity as the SQLite store: plan year, ref, date and text). */
function newEntries(item: ImportedAction, log: ProgressUpdate[], importedAt: string): ImportedProgress[] {
  const ids = new Set(log.map((u) => u.requestId));
  const importTexts = new Set(log.filter((u) => u.source === 'import').map((u) => u.text));
  const a = item.action;
  const seen = new Set<string>();
  return item.history
    .map((h) => ({ ...h, text: h.text.trim() }))
    .filter((h) => {
      if (!h.text) return false;
      const id = importRequestId(a.planYear, a.ref, h.submittedAt, h.text);
      // An undated entry is stamped with the import time; on a later re-import it matches by text.
      if (ids.has(id) || seen.has(id) || (h.submittedAt === importedAt && importTexts.has(h.text))) return false;
      seen.add(id);
      return true;
    });
}

function historyStep(id: string, lists: ListAccess, action: Action, h: ImportedProgress): BatchStep {
  const update = {
    actionId: action.id,
    text: h.text,
    ragFrom: action.rag,
    ragTo: action.rag,
    statusFrom: action.status,
    statusTo: action.status,
    author: { name: h.authorName },
    submittedAt: h.submittedAt,
    source: 'import' as const,
    requestId: importRequestId(action.planYear, action.ref, h.submittedAt, h.text),
  };
  return { id, method: 'POST', url: lists.items('updates'), body: { fields: updateItemFields(update) } };
}

/**
 * importActions for SharePoint: one paged read of actions and of the log,
 * then `$batch`es of up to 20 writes — new actions first (their ids are
 * needed), then changed actions (PATCH with If-Match) and new history.
 * SharePoint has no transactions: a failed import may stop part way, and
 * running it again completes it (every step is idempotent by key).
 */
export async function importToSharePoint(
  lists: ListAccess,
  existing: KnownAction[],
  log: ProgressUpdate[],
  items: ImportedAction[],
  importedAt: string,
): Promise<ImportSummary> {
  const keys = new Set<string>();
  for (const { action: a } of items) {
    if (keys.has(actionKey(a.planYear, a.ref)))
      throw new AppError('bad_input', `The plan lists action ${a.ref} (${a.planYear}) more than once.`);
    keys.add(actionKey(a.planYear, a.ref));
  }
  const byKey = new Map(existing.map((k) => [actionKey(k.action.planYear, k.action.ref), k]));
  const logOf = new Map<string, ProgressUpdate[]>();
  for (const u of log) logOf.set(u.actionId, [...(logOf.get(u.actionId) ?? []), u]);
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, progressAdded: 0 };

  const fresh = items.filter((i) => !byKey.has(actionKey(i.action.planYear, i.action.ref)));
  const createSteps: BatchStep[] = fresh.map((i, n) => {
    const latest = newest(newEntries(i, [], importedAt));
    const state = stateFields({ status: i.action.status, rag: i.action.rag, latestUpdate: latest, updatedAt: importedAt, version: 1 });
    return {
      id: `new${n}`,
      method: 'POST',
      url: lists.items('actions'),
      body: { fields: { ...dropNulls(planFields(i.action)), ...dropNulls(state) } },
    };
  });
  const created = await lists.writeAll(createSteps, 'importing the plan');
  const later: BatchStep[] = [];
  fresh.forEach((i, n) => {
    const answer = created.get(`new${n}`)!;
    if (answer.status !== 201) throw importFailed(i.action.ref, answer.status, answerMessage(answer));
    const action = { ...i.action, id: itemSchema.parse(answer.body).id } as Action;
    newEntries(i, [], importedAt).forEach((h, m) => later.push(historyStep(`h${n}.${m}`, lists, action, h)));
    summary.created++;
  });

  items.forEach((i, n) => {
    const known = byKey.get(actionKey(i.action.planYear, i.action.ref));
    if (!known) return;
    const a = known.action;
    const added = newEntries(i, logOf.get(a.id) ?? [], importedAt);
    const live = known.lastRequestId !== undefined;
    const imports = (logOf.get(a.id) ?? [])
      .filter((u) => u.source === 'import')
      .map((u) => ({ text: u.text, authorName: u.author.name, submittedAt: u.submittedAt }));
    const state = live
      ? a
      : {
          ...a,
          rag: i.action.rag,
          status: i.action.status,
          latestUpdate: added.length > 0 ? newest([...imports, ...added]) : a.latestUpdate,
        };
    added.forEach((h, m) => later.push(historyStep(`x${n}.${m}`, lists, state, h)));
    const plan = planFields(i.action);
    if (added.length === 0 && same(plan, planFields(a)) && same(stateFields(state), stateFields(a))) {
      summary.unchanged++;
      return;
    }
    const body = { ...plan, ...stateFields({ ...state, updatedAt: importedAt, version: a.version + 1 }) };
    later.push({ id: `u${n}`, method: 'PATCH', url: `${lists.items('actions', a.id)}/fields`, headers: { 'If-Match': known.eTag }, body });
    summary.updated++;
  });

  for (const [id, answer] of await lists.writeAll(later, 'importing the plan')) {
    const history = id.startsWith('h') || id.startsWith('x');
    if (answer.status < 300) {
      if (history) summary.progressAdded++;
      continue;
    }
    // 409 on a history entry: its RequestId is already stored (another import got there first).
    if (history && answer.status === 409) continue;
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
