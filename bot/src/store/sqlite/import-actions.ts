import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { ImportedAction, ImportedProgress, ImportSummary } from '../plan-store.js';
import { instantMs, PLAN_FIELDS, planColumns, type ActionRow, type UpdateRow } from './rows.js';
import * as SQL from './sql.js';
import type { StatementCache } from './statement-cache.js';

/**
 * The idempotency key of an imported history entry: its plan year, ref,
 * calendar date (UTC) and text. Re-importing the same plan produces the same keys.
 */
export function importRequestId(planYear: string, ref: string, submittedAt: string, text: string): string {
  const day = new Date(instantMs(submittedAt)).toISOString().slice(0, 10);
  const digest = createHash('sha256').update(`${planYear}|${ref}|${day}|${text}`).digest('hex');
  return `import:${digest}`;
}

const STATE_FIELDS = ['status', 'rag', 'latest_text', 'latest_author', 'latest_at'] as const satisfies readonly (keyof ActionRow)[];

function sameFields(a: ActionRow, b: ActionRow, fields: readonly (keyof ActionRow)[]): boolean {
  return fields.every((f) => a[f] === b[f]);
}

function keyOf(planYear: string, ref: string): string {
  return `${planYear}\u0000${ref}`;
}

function rejectDuplicateKeys(items: ImportedAction[]): void {
  const seen = new Set<string>();
  const duplicates: { planYear: string; ref: string }[] = [];
  for (const { action } of items) {
    const key = keyOf(action.planYear, action.ref);
    if (seen.has(key)) duplicates.push({ planYear: action.planYear, ref: action.ref });
    seen.add(key);
  }
  if (duplicates.length > 0) {
    const refs = duplicates.map((d) => `${d.ref} (${d.planYear})`).join(', ');
    throw new AppError('bad_input', `The plan lists these action references more than once: ${refs}.`, { details: { duplicates } });
  }
}

function sameInstant(a: string, b: string): boolean {
  return a === b || Date.parse(a) === Date.parse(b);
}

/**
 * Applies an import inside the caller's transaction: creates actions new to
 * (planYear, ref), updates changed ones, adds history entries not already
 * stored. An action that people have updated (Teams, tab, API) keeps its
 * RAG, status and latest update; otherwise the import sets them. Rejects
 * with `bad_input` when a (planYear, ref) repeats within `items`.
 */
export function applyImport(sql: StatementCache, items: ImportedAction[], importedAt: string): ImportSummary {
  rejectDuplicateKeys(items);
  const byKey = new Map<string, ActionRow>();
  for (const row of sql.get<[], ActionRow>(SQL.SELECT_ACTIONS).iterate()) byKey.set(keyOf(row.plan_year, row.ref), row);
  const live = new Set(sql.get<[], string>(SQL.SELECT_LIVE_ACTION_IDS).pluck().all());
  const known = new Set(sql.get<[], string>(SQL.SELECT_IMPORT_REQUEST_IDS).pluck().all());
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, progressAdded: 0 };

  for (const item of items) {
    const existing = byKey.get(keyOf(item.action.planYear, item.action.ref));
    const ownsState = !existing || !live.has(existing.id);
    const row = planRow(item, existing, importedAt);
    if (ownsState) Object.assign(row, { rag: item.action.rag, status: item.action.status });
    if (!existing) {
      Object.assign(row, latestFields(newestEntry(item.history)));
      sql.get<[ActionRow]>(SQL.INSERT_ACTION).run(row);
      summary.progressAdded += addHistory(sql, known, row, item.history, importedAt, false);
      summary.created += 1;
      continue;
    }
    const added = addHistory(sql, known, row, item.history, importedAt, true);
    summary.progressAdded += added;
    if (ownsState && added > 0) {
      const newest = sql.get<[string], UpdateRow>(SQL.SELECT_NEWEST_UPDATE).get(row.id);
      if (newest) Object.assign(row, { latest_text: newest.text, latest_author: newest.author_name, latest_at: newest.submitted_at });
    }
    if (added === 0 && sameFields(existing, row, PLAN_FIELDS) && sameFields(existing, row, STATE_FIELDS)) {
      summary.unchanged += 1;
      continue;
    }
    row.version = existing.version + 1;
    row.updated_at = importedAt;
    sql.get<[ActionRow]>(SQL.REPLACE_ACTION).run(row);
    summary.updated += 1;
  }
  return summary;
}

/** The row the import asks for: plan fields from the import, state and identity from what is stored. */
function planRow(item: ImportedAction, existing: ActionRow | undefined, importedAt: string): ActionRow {
  if (existing) return { ...existing, ...planColumns(item.action) };
  return {
    id: randomUUID(),
    plan_year: item.action.planYear,
    ref: item.action.ref,
    ...planColumns(item.action),
    status: item.action.status,
    rag: item.action.rag,
    latest_text: null,
    latest_author: null,
    latest_at: null,
    updated_at: importedAt,
    version: 1,
  };
}

function newestEntry(history: ImportedProgress[]): { text: string; authorName: string; submittedAt: string } | null {
  let newest: ImportedProgress | null = null;
  for (const entry of history) {
    if (!entry.text.trim()) continue;
    if (!newest || Date.parse(entry.submittedAt) >= Date.parse(newest.submittedAt)) newest = entry;
  }
  return (
    newest && {
      text: newest.text.trim(),
      authorName: newest.authorName,
      submittedAt: newest.submittedAt,
    }
  );
}

function latestFields(latest: { text: string; authorName: string; submittedAt: string } | null): Partial<ActionRow> {
  return {
    latest_text: latest?.text ?? null,
    latest_author: latest?.authorName ?? null,
    latest_at: latest?.submittedAt ?? null,
  };
}

/**
 * Inserts the entries not yet in the log and returns how many were added.
 * An undated entry (stamped with the import time) matches a stored imported
 * entry with the same text, so re-importing the same file on a later day
 * adds nothing.
 */
function addHistory(
  sql: StatementCache,
  known: Set<string>,
  row: ActionRow,
  history: ImportedProgress[],
  importedAt: string,
  existed: boolean,
): number {
  let added = 0;
  for (const entry of history) {
    const text = entry.text.trim();
    if (!text) continue;
    if (existed && sameInstant(entry.submittedAt, importedAt) && sql.get<[string, string]>(SQL.SELECT_IMPORT_TEXT).get(row.id, text)) {
      continue;
    }
    const requestId = importRequestId(row.plan_year, row.ref, entry.submittedAt, text);
    if (known.has(requestId)) continue;
    known.add(requestId);
    const result = sql.get<[UpdateRow]>(SQL.INSERT_UPDATE).run({
      id: randomUUID(),
      action_id: row.id,
      text,
      rag_from: row.rag,
      rag_to: row.rag,
      status_from: row.status,
      status_to: row.status,
      author_name: entry.authorName,
      author_aad: null,
      submitted_at: entry.submittedAt,
      submitted_ms: instantMs(entry.submittedAt),
      source: 'import',
      request_id: requestId,
    });
    added += result.changes;
  }
  return added;
}
