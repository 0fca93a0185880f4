import type { Action, Person, ProgressUpdate } from '../domain/model.js';
import type { ImportedAction, ImportedProgress, ImportSummary, PlanStore } from '../store/plan-store.js';

/** What an import does to one action. */
export interface ImportChange {
  ref: string;
  planYear: string;
  title: string;
  change: 'new' | 'updated' | 'unchanged';
  notesAdded: number;
}

/** The outcome of `saveImport`: the store's summary (or the predicted one for a dry run) and each action's change. */
export interface SaveOutcome {
  written: boolean;
  summary: ImportSummary;
  changes: ImportChange[];
}

/**
 * Saves imported actions, or with `dryRun` only works out what saving would
 * do. Before writing it keeps what the store knows about the same owner
 * (Entra id, email) and drops progress notes the action already has (same
 * day and text, whoever wrote them), so importing an exported plan adds no
 * duplicates.
 */
export async function saveImport(
  store: PlanStore,
  items: ImportedAction[],
  options: { importedAt: string; dryRun?: boolean },
): Promise<SaveOutcome> {
  const existing = new Map((await store.listActions()).map((a) => [`${a.planYear}|${a.ref}`, a]));
  const prepared: ImportedAction[] = [];
  const changes: ImportChange[] = [];
  for (const item of items) {
    const current = existing.get(`${item.action.planYear}|${item.action.ref}`);
    const base = { ref: item.action.ref, planYear: item.action.planYear, title: item.action.title };
    if (!current) {
      prepared.push(item);
      changes.push({ ...base, change: 'new', notesAdded: item.history.length });
      continue;
    }
    const updates = await store.listUpdates(current.id);
    const action = { ...item.action, owner: keepIdentity(item.action.owner, current.owner) };
    const history = item.history.filter((entry) => !alreadyLogged(entry, updates, options.importedAt));
    prepared.push({ action, history });
    const live = updates.some((u) => u.source !== 'import');
    const changed =
      history.length > 0 || !samePlan(action, current) || (!live && (action.rag !== current.rag || action.status !== current.status));
    changes.push({ ...base, change: changed ? 'updated' : 'unchanged', notesAdded: history.length });
  }
  if (options.dryRun) return { written: false, summary: predicted(changes), changes };
  const summary = await store.importActions(prepared, options.importedAt);
  return { written: true, summary, changes };
}

function predicted(changes: ImportChange[]): ImportSummary {
  const count = (kind: ImportChange['change']) => changes.filter((c) => c.change === kind).length;
  return {
    created: count('new'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    progressAdded: changes.reduce((n, c) => n + c.notesAdded, 0),
  };
}

/** The imported owner, with the stored owner's Entra id and email when they are the same person. */
function keepIdentity(imported: Person | null, stored: Person | null): Person | null {
  if (!imported || !stored) return imported;
  const lower = (s?: string) => s?.trim().toLowerCase();
  const sameEmail = !!imported.email && lower(imported.email) === lower(stored.email);
  const sameName = !imported.email && lower(imported.displayName) === lower(stored.displayName);
  if (!sameEmail && !sameName) return imported;
  const merged: Person = { ...imported };
  if (stored.email && !merged.email) merged.email = stored.email;
  if (stored.aadObjectId && !merged.aadObjectId) merged.aadObjectId = stored.aadObjectId;
  return merged;
}

/** A note is already logged when an entry has its text on the same day; an undated note, with its text at all. */
function alreadyLogged(entry: ImportedProgress, updates: ProgressUpdate[], importedAt: string): boolean {
  const text = entry.text.trim();
  const undated = entry.submittedAt === importedAt;
  const day = utcDay(entry.submittedAt);
  return updates.some((u) => u.text.trim() === text && (undated || utcDay(u.submittedAt) === day));
}

function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function samePlan(a: ImportedAction['action'], b: Action): boolean {
  const person = (p: Person | null) => (p ? `${p.displayName}|${p.email ?? ''}|${p.aadObjectId ?? ''}` : '');
  return (
    a.theme === b.theme &&
    a.title === b.title &&
    a.measure === b.measure &&
    a.leadRole === b.leadRole &&
    a.dueDate === b.dueDate &&
    a.dueText === b.dueText &&
    a.indicators.join(',') === b.indicators.join(',') &&
    person(a.owner) === person(b.owner)
  );
}
