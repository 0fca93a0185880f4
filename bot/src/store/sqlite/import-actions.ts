import { randomUUID } from 'node:crypto';
import type { Action } from '../../domain/model.js';
import type { ImportBase, ImportDiff, ImportedAction, ImportedProgress, ImportSummary, LoggedNote } from '../../domain/plan-import.js';
import { checkedImportDiff, importRequestId } from '../import-writes.js';
import { actionFromRow, actionToRow, instantMs, linksColumn, type ActionRow, type Scoped, type UpdateRow } from './rows.js';
import * as SQL from './sql.js';
import type { StatementCache } from './statement-cache.js';

/** Every stored note, with its action: what an import is compared with. */
const SELECT_NOTES = 'SELECT action_id, text, submitted_at FROM progress_updates WHERE org_id = ?';

/** Reads what the import diff needs in three queries, whatever the size of the plan. */
function importBase(sql: StatementCache, orgId: string): ImportBase {
  const actions = sql.get<[string], ActionRow>(SQL.SELECT_ACTIONS).all(orgId).map(actionFromRow);
  const liveIds = new Set(sql.get<[string], string>(SQL.SELECT_LIVE_ACTION_IDS).pluck().all(orgId));
  const notes = new Map<string, LoggedNote[]>();
  for (const n of sql.get<[string], { action_id: string; text: string; submitted_at: string }>(SELECT_NOTES).iterate(orgId)) {
    const list = notes.get(n.action_id) ?? [];
    list.push({ text: n.text, submittedAt: n.submitted_at });
    notes.set(n.action_id, list);
  }
  return { actions, liveIds, notes };
}

/** The import diff against organisation `orgId`'s plan as it stands (call inside a read or the write transaction). */
export function previewImport(sql: StatementCache, orgId: string, items: ImportedAction[], importedAt: string): ImportDiff {
  return checkedImportDiff(importBase(sql, orgId), items, importedAt);
}

/**
 * Applies an import to organisation `orgId`'s plan inside the caller's transaction: the domain's diff,
 * then one insert or rewrite per changed action and one insert per new
 * note. Rejects with `bad_input` when a (planYear, ref) repeats within `items`.
 */
export function applyImport(sql: StatementCache, orgId: string, items: ImportedAction[], importedAt: string): ImportSummary {
  const diff = previewImport(sql, orgId, items, importedAt);
  const summary: ImportSummary = { ...diff.summary, progressAdded: 0 };
  for (const change of diff.changes) {
    if (change.kind === 'unchanged') continue;
    if (change.kind === 'new') {
      const action = { ...change.action, id: randomUUID() };
      sql.get<[Scoped<ActionRow>]>(SQL.INSERT_ACTION).run({ ...actionToRow(action), org_id: orgId });
      summary.progressAdded += addNotes(sql, orgId, action, change.notes);
    } else {
      sql.get<[Scoped<ActionRow>]>(SQL.REPLACE_ACTION).run({ ...actionToRow(change.after), org_id: orgId });
      summary.progressAdded += addNotes(sql, orgId, change.after, change.notes);
    }
  }
  return summary;
}

/** Inserts the notes (each keyed by `importRequestId`, so a repeat inserts nothing) and returns how many were added. */
function addNotes(sql: StatementCache, orgId: string, action: Action, notes: ImportedProgress[]): number {
  let added = 0;
  for (const note of notes) {
    const result = sql.get<[Scoped<UpdateRow>]>(SQL.INSERT_UPDATE).run({
      org_id: orgId,
      id: randomUUID(),
      action_id: action.id,
      text: note.text,
      rag_from: action.rag,
      rag_to: action.rag,
      status_from: action.status,
      status_to: action.status,
      author_name: note.authorName,
      author_aad: null,
      submitted_at: note.submittedAt,
      submitted_ms: instantMs(note.submittedAt),
      source: 'import',
      request_id: importRequestId(action.planYear, action.ref, note.submittedAt, note.text),
      links: linksColumn(note.links),
      event: null,
    });
    added += result.changes;
  }
  return added;
}
