/**
 * The import merge rule, in one place: given what the store holds and the
 * rows of an imported plan, which actions are new, which change (and which
 * fields), which are left alone, and which progress notes are added. Both
 * stores apply this diff and the dry run prints it. Pure: no I/O.
 */
import { sameLinks } from './evidence-links.js';
import type { Action, LatestUpdate, Person } from './model.js';

/** An action as an importer or the API creates it: the store assigns id, version and updatedAt. */
export type NewAction = Omit<Action, 'id' | 'version' | 'updatedAt' | 'latestUpdate'>;

/** A dated progress entry found in an imported plan. */
export interface ImportedProgress {
  text: string;
  /** ISO instant; the entry's own date when the plan gave one, else the import time. */
  submittedAt: string;
  authorName: string;
  /** Evidence links the exported plan listed with the note (checked, at most three); absent when none. */
  links?: string[];
}

/** One row of an import, already validated. Keyed by (planYear, ref). */
export interface ImportedAction {
  action: NewAction;
  history: ImportedProgress[];
}

/** How many actions an import created, updated and left unchanged, and how many notes it added. */
export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  progressAdded: number;
}

/** A progress note already in the store (from any source). */
export interface LoggedNote {
  text: string;
  submittedAt: string;
}

/** What the store holds that an import is compared with, read in bulk (never per action). */
export interface ImportBase {
  actions: readonly Action[];
  /** Ids of actions someone has updated in Teams, the tab or the API: the import no longer owns their RAG, status and latest update. */
  liveIds: ReadonlySet<string>;
  /** Every stored progress note, by action id. */
  notes: ReadonlyMap<string, readonly LoggedNote[]>;
}

/** The fields of an action an import may change. */
export type ImportField =
  'theme' | 'indicators' | 'title' | 'measure' | 'owner' | 'leadRole' | 'dueDate' | 'dueText' | 'status' | 'rag' | 'latestUpdate';

const PLAN_FIELDS = ['theme', 'indicators', 'title', 'measure', 'owner', 'leadRole', 'dueDate', 'dueText'] as const;
const STATE_FIELDS = ['status', 'rag', 'latestUpdate'] as const;

/** What the import does to one row, in the plan's order. `notes` are the progress entries to add (text trimmed). */
export type ActionChange =
  | { kind: 'new'; action: Omit<Action, 'id'>; notes: ImportedProgress[] }
  | { kind: 'updated'; before: Action; after: Action; fields: ImportField[]; notes: ImportedProgress[] }
  | { kind: 'unchanged'; action: Action };

/** The whole import: each row's change, the counts, and any (plan year, ref) the plan repeats (which refuses it). */
export interface ImportDiff {
  changes: ActionChange[];
  summary: ImportSummary;
  duplicates: { planYear: string; ref: string }[];
}

const keyOf = (a: { planYear: string; ref: string }) => `${a.planYear}\u0000${a.ref}`;
const utcDay = (iso: string) => new Date(iso).toISOString().slice(0, 10);
const sameInstant = (a: string, b: string) => a === b || Date.parse(a) === Date.parse(b);

/**
 * Compares an imported plan with the store. Actions are matched by (plan
 * year, ref). The import owns the plan fields; it owns RAG, status and the
 * latest update only while nobody has updated the action outside imports.
 * An owner who is the same person (same email, or same name when the plan
 * gives no email) keeps the Entra id and email the store knows. A note is
 * added unless the action already has its text on the same UTC day (an
 * undated note, stamped with the import time: its text on any day), so
 * importing an exported plan, or the same plan next week, adds nothing.
 */
export function diffImport(base: ImportBase, items: readonly ImportedAction[], importedAt: string): ImportDiff {
  const stored = new Map(base.actions.map((a) => [keyOf(a), a]));
  const seen = new Set<string>();
  const duplicates: ImportDiff['duplicates'] = [];
  const changes: ActionChange[] = [];
  for (const item of items) {
    const key = keyOf(item.action);
    if (seen.has(key)) duplicates.push({ planYear: item.action.planYear, ref: item.action.ref });
    seen.add(key);
    const before = stored.get(key);
    changes.push(before ? changeOf(before, item, base, importedAt) : created(item, importedAt));
  }
  return { changes, summary: summarise(changes), duplicates };
}

function created(item: ImportedAction, importedAt: string): ActionChange {
  const notes = notesToAdd(item.history, [], importedAt);
  return { kind: 'new', action: { ...item.action, latestUpdate: newest(null, notes), updatedAt: importedAt, version: 1 }, notes };
}

function changeOf(before: Action, item: ImportedAction, base: ImportBase, importedAt: string): ActionChange {
  const notes = notesToAdd(item.history, base.notes.get(before.id) ?? [], importedAt);
  const ownsState = !base.liveIds.has(before.id);
  const { ref: _ref, planYear: _planYear, rag, status, ...plan } = item.action;
  const after: Action = { ...before, ...plan, owner: keepIdentity(item.action.owner, before.owner) };
  if (ownsState) {
    after.rag = rag;
    after.status = status;
    if (notes.length > 0) after.latestUpdate = newest(before.latestUpdate, notes);
  }
  const fields = [...PLAN_FIELDS, ...STATE_FIELDS].filter((f) => !sameValue(f, before, after));
  if (fields.length === 0 && notes.length === 0) return { kind: 'unchanged', action: before };
  return { kind: 'updated', before, after: { ...after, updatedAt: importedAt, version: before.version + 1 }, fields, notes };
}

/** The entries not yet logged, trimmed, without blanks or repeats within the row. */
function notesToAdd(history: readonly ImportedProgress[], logged: readonly LoggedNote[], importedAt: string): ImportedProgress[] {
  const days = new Set(logged.map((n) => `${utcDay(n.submittedAt)}|${n.text.trim()}`));
  const texts = new Set(logged.map((n) => n.text.trim()));
  const added: ImportedProgress[] = [];
  for (const entry of history) {
    const text = entry.text.trim();
    const day = `${utcDay(entry.submittedAt)}|${text}`;
    if (!text || days.has(day) || (sameInstant(entry.submittedAt, importedAt) && texts.has(text))) continue;
    days.add(day);
    added.push({ ...entry, text });
  }
  return added;
}

/** The newest of the current latest update and the added notes; a later entry wins a tie. */
function newest(current: LatestUpdate | null, notes: readonly ImportedProgress[]): LatestUpdate | null {
  let best = current;
  for (const n of notes)
    if (!best || Date.parse(n.submittedAt) >= Date.parse(best.submittedAt))
      best = { text: n.text, authorName: n.authorName, submittedAt: n.submittedAt, ...(n.links?.length ? { links: n.links } : {}) };
  return best;
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

function sameValue(field: ImportField, a: Action, b: Action): boolean {
  if (field === 'owner') {
    const person = (p: Person | null) => (p ? `${p.displayName}|${p.email ?? ''}|${p.aadObjectId ?? ''}` : '');
    return person(a.owner) === person(b.owner);
  }
  if (field === 'indicators') return a.indicators.join(',') === b.indicators.join(',');
  if (field === 'latestUpdate') {
    const [x, y] = [a.latestUpdate, b.latestUpdate];
    return (
      x === y ||
      (!!x &&
        !!y &&
        x.text === y.text &&
        x.authorName === y.authorName &&
        sameInstant(x.submittedAt, y.submittedAt) &&
        sameLinks(x.links, y.links))
    );
  }
  return a[field] === b[field];
}

function summarise(changes: readonly ActionChange[]): ImportSummary {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, progressAdded: 0 };
  for (const c of changes) {
    if (c.kind === 'new') summary.created++;
    else if (c.kind === 'updated') summary.updated++;
    else summary.unchanged++;
    if (c.kind !== 'unchanged') summary.progressAdded += c.notes.length;
  }
  return summary;
}
