import { randomUUID } from 'node:crypto';
import type { Action } from '../../domain/model.js';
import type { ImportBase, ImportDiff, ImportedAction, ImportedProgress, ImportSummary, LoggedNote } from '../../domain/plan-import.js';
import { checkedImportDiff, importRequestId } from '../import-writes.js';
import { actionFromRow, actionToRow, instantMs, linksColumn, type ActionRow, type UpdateRow } from './rows.js';
import * as SQL from './sql.js';
import type { StatementCache } from './statement-cache.js';

/** Every stored note, with its action: what an import is compared with. */
const SELECT_NOTES = 'SELECT action_id, text, submitted_at FROM progress_updates';

/** Reads what the import diff needs in three queries, whatever the size of the plan. */
function importBase(sql: StatementCache): ImportBase {
  const actions = sql.get<[], ActionRow>(SQL.SELECT_ACTIONS).all().map(actionFromRow);
  const liveIds = new Set(sql.get<[], string>(SQL.SELECT_LIVE_ACTION_IDS).pluck().all());
  const notes = new Map<string, LoggedNote[]>();
  for (const n of sql.get<[], { action_id: string; text: string; submitted_at: string }>(SELECT_NOTES).iterate()) {
    const list = notes.get(n.action_id) ?? [];
    list.push({ text: n.text, submittedAt: n.submitted_at });
    notes.set(n.action_id, list);
  }
  return { actions, liveIds, notes };
}

/** The import diff against the database as it stands (call inside a read or the write transaction). */
export function previewImport(sql: StatementCache, items: ImportedAction[], importedAt: string): ImportDiff {
  return checkedImportDiff(importBase(sql), items, importedAt);
}

/**
 * Applies an import inside the caller's transaction: the domain's diff,
 * then one insert or rewrite per changed action and one insert per new
 * note. Rejects with `bad_input` when a (planYear, ref) repeats within `items`.
 */
export function applyImport(sql: StatementCache, items: ImportedAction[], importedAt: string): ImportSummary {
  const diff = previewImport(sql, items, importedAt);
  const summary: ImportSummary = { ...diff.summary, progressAdded: 0 };
  for (const change of diff.changes) {
    if (change.kind === 'unchanged') continue;
    if (change.kind === 'new') {
      const action = { ...change.action, id: randomUUID() };
      sql.get<[ActionRow]>(SQL.INSERT_ACTION).run(actionToRow(action));
      summary.progressAdded += addNotes(sql, action, change.notes);
    } else {
      sql.get<[ActionRow]>(SQL.REPLACE_ACTION).run(actionToRow(change.after));
      summary.progressAdded += addNotes(sql, change.after, change.notes);
    }
  }
  return summary;
}

/** Inserts the notes (each keyed by `importRequestId`, so a repeat inserts nothing) and returns how many were added. */
function addNotes(sql: StatementCache, action: Action, notes: ImportedProgress[]): number {
  let added = 0;
  for (const note of notes) {
    const result = sql.get<[UpdateRow]>(SQL.INSERT_UPDATE).run({
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
