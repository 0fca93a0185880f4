import type { Action, ProgressUpdate } from './model.js';
import { RAG_LABELS, STATUS_LABELS } from './rules.js';
import { withEvidenceLines } from './evidence-links.js';
import { withoutControlCharacters } from './text-hygiene.js';
import { formatNoteDate } from './progress-notes.js';

/** The exported columns, named so the plan importer maps each one back. */
export const EXPORT_COLUMNS = [
  'Ref',
  'Plan year',
  'Indicators',
  'Theme',
  'Action',
  'Measure',
  'Lead',
  'Owner',
  'Owner email',
  'Due by',
  'Status',
  'RAG',
  'Progress update',
] as const;

/** Options shared by the exporters. */
export interface ExportOptions {
  /** Each action's progress log (oldest first), by action id; without it the latest update is exported. */
  history?: ReadonlyMap<string, readonly Pick<ProgressUpdate, 'submittedAt' | 'text' | 'links'>[]>;
  /** Time zone for progress-note dates (default Europe/London). */
  timeZone?: string;
}

/**
 * The plan as rows of text under `EXPORT_COLUMNS`, in the order given.
 * Progress notes are written "06.10.2015: text", one per line, the way
 * plans write them and the importer reads them, each followed by its
 * evidence links as "Evidence: https://…" lines. Control characters are
 * taken out (whatever the store holds); not escaped for spreadsheets: the
 * CSV and XLSX writers do that.
 */
export function planTable(actions: Action[], options: ExportOptions = {}): string[][] {
  const timeZone = options.timeZone ?? 'Europe/London';
  return actions.map((a) =>
    [
      a.ref,
      a.planYear,
      a.indicators.join(', '),
      a.theme,
      a.title,
      a.measure,
      a.leadRole,
      a.owner ? (a.owner.email ? `${a.owner.displayName} <${a.owner.email}>` : a.owner.displayName) : '',
      a.owner?.email ?? '',
      a.dueText || (a.dueDate ? ukDate(a.dueDate) : ''),
      STATUS_LABELS[a.status],
      RAG_LABELS[a.rag],
      progressText(a, options.history?.get(a.id), timeZone),
    ].map(withoutControlCharacters),
  );
}

function progressText(
  action: Action,
  history: readonly Pick<ProgressUpdate, 'submittedAt' | 'text' | 'links'>[] | undefined,
  timeZone: string,
): string {
  const notes = history ?? (action.latestUpdate ? [action.latestUpdate] : []);
  return notes.map((n) => `${formatNoteDate(n.submittedAt, timeZone)}: ${withEvidenceLines(n.text.trim(), n.links)}`).join('\n');
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
