import { z } from 'zod';
import { isIndicatorNumber } from '../domain/indicators.js';
import { RAGS, STATUSES, UPDATE_SOURCES } from '../domain/model.js';
import { EXPORT_COLUMNS, planTable } from '../domain/plan-table.js';
import { AppError } from '../errors.js';
import type { ImportRowError, RawDocument } from './types.js';

const text = z.string().max(20_000);
const person = z.object({ displayName: text, email: text.optional(), aadObjectId: text.optional() });
const links = z.array(z.string().max(20_000)).max(20).optional();
const note = z.object({ text, submittedAt: z.iso.datetime({ offset: true }), links });
const action = z.object({
  id: text,
  ref: text,
  planYear: text,
  theme: text,
  indicators: z.array(z.number().refine(isIndicatorNumber, 'is not a WRES indicator (1–9)')),
  title: text,
  measure: text,
  owner: person.nullable(),
  leadRole: text,
  dueDate: z.iso.date().nullable(),
  dueText: text,
  status: z.enum(STATUSES),
  rag: z.enum(RAGS),
  latestUpdate: z.object({ text, authorName: text, submittedAt: z.iso.datetime({ offset: true }), links }).nullable(),
  updatedAt: text,
  version: z.number(),
  history: z.array(note.extend({ source: z.enum(UPDATE_SOURCES).optional() })).optional(),
});
const exportFile = z.object({ actions: z.array(z.unknown()) });

/**
 * Reads the app's own JSON export (`wres export --format json`) as one
 * table under the export's columns, so it is mapped exactly as the CSV and
 * Excel exports are. An action that does not match the export's shape is
 * reported by its place in the file (row N + 1, the header being row 1).
 */
export function readJson(buffer: Buffer, name: string): RawDocument {
  let body: unknown;
  try {
    body = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('bad_input', `${name} is not valid JSON.`);
  }
  const file = exportFile.safeParse(body);
  if (!file.success) throw new AppError('bad_input', `${name} is not a plan exported by this app: it has no "actions" list.`);
  const rows: RawDocument['tables'][number]['rows'] = [{ rowNumber: 1, location: 'the header', cells: [...EXPORT_COLUMNS] }];
  const rejected: ImportRowError[] = [];
  file.data.actions.forEach((item, i) => {
    const row = i + 2;
    const parsed = action.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'value';
      rejected.push({ row, location: `action ${i + 1}`, message: `its "${field}" is not as this app exports it (${issue.message})` });
      return;
    }
    const { history, ...a } = parsed.data;
    const cells = planTable([a], history ? { history: new Map([[a.id, history]]) } : {})[0]!;
    rows.push({ rowNumber: row, location: `action ${i + 1}`, cells });
  });
  return { tables: [{ rows, preamble: '', continuesPrevious: false }], rejected };
}
