import { z } from 'zod';
import type { DueDateParse } from '../domain/dates.js';
import { parseIndicatorCell, parseIndicatorRefs } from '../domain/indicators.js';
import type { IndicatorNumber } from '../domain/model.js';
import { normaliseState } from '../domain/rules.js';
import type { ImportedProgress, NewAction } from '../domain/plan-import.js';
import { combineLeads } from './lead.js';
import { normalisePlanYear } from './plan-year.js';
import type { PlanRow } from './plan-rows.js';
import { splitEvidenceLines } from '../domain/evidence-links.js';
import { splitDatedNotes } from '../domain/progress-notes.js';
import { initialStatus, readStateWords } from './state-words.js';

/** What the whole import shares when mapping a row. */
export interface RowContext {
  planYear: string;
  importedAt: string;
  timeZone: string;
  authorName: string;
  /** Reads a due date or a note's date (the domain's parseDueDate, remembered per import). */
  parseDate: (text: string) => DueDateParse;
}

/** A mapped row: the action (ref may still be blank), its history, and notes for the user. */
export type MappedRow = { ok: true; action: NewAction; history: ImportedProgress[]; warnings: string[] } | { ok: false; message: string };

const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);
const actionSchema = z.object({
  ref: text(40),
  planYear: z.string().regex(/^\d{4}\/\d{2}$/),
  theme: text(4000),
  title: text(4000).min(1, 'has no action text'),
  measure: text(4000),
  leadRole: text(500),
  dueText: text(200),
});

/**
 * Turns one plan row into an action: indicators from the indicator column
 * (else from the theme and action text), the due date (ongoing → status
 * Ongoing; an impossible date refuses the row), owner or lead role, RAG and
 * status words, and dated progress notes split into history entries.
 */
export function mapRow(row: PlanRow, ctx: RowContext): MappedRow {
  const warnings: string[] = [];
  const due = row.due ? ctx.parseDate(row.due) : ({ kind: 'none' } as const);
  if (due.kind === 'invalid') return { ok: false, message: `due date ${due.reason}` };

  const planYear = row.planYear ? normalisePlanYear(row.planYear) : ctx.planYear;
  if (!planYear) return { ok: false, message: `plan year "${row.planYear}" should look like 2019/20` };

  const actionNotes = splitDatedNotes(row.action, ctx.timeZone, ctx.parseDate);
  const progressNotes = splitDatedNotes(row.progress, ctx.timeZone, ctx.parseDate);
  for (const bad of [...actionNotes.badDates, ...progressNotes.badDates]) {
    warnings.push(`the progress note date "${bad}" is not a real date, so that note was kept with the text before it`);
  }
  const title = actionNotes.leading || actionNotes.notes[0]?.text || '';
  const history = toHistory([...actionNotes.notes, ...progressNotes.notes], progressNotes.leading, ctx).map((entry) =>
    withEvidence(entry, warnings),
  );

  const words = readStateWords(row.states);
  if (words.unknown.length)
    warnings.push(`the status "${row.states.filter(Boolean).join(' / ')}" was not recognised and was left as not rated`);
  const status = initialStatus(words, due.kind === 'ongoing', history.length > 0);
  const state = normaliseState(words.rag ?? 'None', status);

  const theme = row.theme || row.sectionTheme;
  const indicators = readIndicators(row.indicators, [theme, title], warnings);
  const lead = combineLeads(row.leads, row.ownerEmail);
  if (row.ownerEmail && !lead.owner?.email) warnings.push(`"${row.ownerEmail}" is not an email address, so it was ignored`);

  const action: NewAction = {
    ref: row.ref,
    planYear,
    theme,
    indicators,
    title,
    measure: row.measure,
    owner: lead.owner,
    leadRole: lead.leadRole,
    dueDate: due.kind === 'date' ? due.date : null,
    dueText: row.due,
    status: state.status,
    rag: state.rag,
  };
  const checked = actionSchema.safeParse(action);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const field = issue.path[0] === 'title' ? 'the action text' : `the ${String(issue.path[0] ?? 'row')}`;
    return { ok: false, message: issue.path[0] === 'title' && !action.title ? 'there is no action text' : `${field} ${issue.message}` };
  }
  return { ok: true, action, history, warnings };
}

function toHistory(dated: { submittedAt: string | null; text: string }[], leading: string, ctx: RowContext): ImportedProgress[] {
  const entries = dated
    .filter((n): n is { submittedAt: string; text: string } => n.submittedAt !== null)
    .map((n) => ({ text: n.text, submittedAt: n.submittedAt, authorName: ctx.authorName }))
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  if (leading) {
    // Text before the first dated note was written no later than that note; alone, it is as of the import.
    const firstDated = dated.find((n) => n.submittedAt !== null)?.submittedAt;
    const at = firstDated ? new Date(Date.parse(firstDated) - 60_000).toISOString() : ctx.importedAt;
    entries.unshift({ text: leading, submittedAt: at, authorName: ctx.authorName });
  }
  return entries;
}

/** A note's trailing "Evidence: https://…" lines as its links; lines that fail the check stay in the text, with a warning. */
function withEvidence(entry: ImportedProgress, warnings: string[]): ImportedProgress {
  const found = splitEvidenceLines(entry.text);
  if (found.problem) warnings.push(`the evidence links of a progress note were kept as text: ${lowerFirst(found.problem)}`);
  return found.links.length > 0 ? { ...entry, text: found.text, links: found.links } : entry;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function readIndicators(cell: string, fallbackTexts: string[], warnings: string[]): IndicatorNumber[] {
  if (cell) {
    const refs = parseIndicatorCell(cell);
    if (refs.length) return refs;
    warnings.push(`the indicator "${cell}" was not recognised`);
  }
  const found = new Set<IndicatorNumber>();
  for (const t of fallbackTexts) for (const n of parseIndicatorRefs(t)) found.add(n);
  return [...found].sort((a, b) => a - b);
}
