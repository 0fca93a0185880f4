import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../errors.js';

const columnSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/),
  displayName: z.string().min(1),
  type: z.enum(['text', 'note', 'choice', 'number', 'date', 'dateTime']),
  indexed: z.boolean().default(false),
  unique: z.boolean().default(false),
  choices: z.array(z.string()).optional(),
});

const listSchema = z.object({
  key: z.enum(['actions', 'updates', 'reminders', 'conversations', 'metrics', 'holidays']),
  displayName: z.string().min(1),
  description: z.string(),
  columns: z.array(columnSchema).min(1),
});

const fileSchema = z
  .object({ lists: z.array(listSchema) })
  .refine(
    (f) => f.lists.length === listSchema.shape.key.options.length && new Set(f.lists.map((l) => l.key)).size === f.lists.length,
    'every list key must appear exactly once',
  )
  .refine((f) => f.lists.every((l) => l.columns.every((c) => !c.unique || c.indexed)), 'a unique column must also be indexed');

/** One column as infra/sharepoint/lists.json defines it. */
export type ColumnSpec = z.output<typeof columnSchema>;
/** One list as infra/sharepoint/lists.json defines it. */
export type ListSpec = z.output<typeof listSchema>;
/** The store's name for each list. */
export type ListKey = ListSpec['key'];
/** Every list the SharePoint store needs. */
export type ListSpecs = Record<ListKey, ListSpec>;

/** Validates list definitions (as data) and indexes them by key. Rejects with `config` when malformed. */
function parseListSpecs(raw: unknown): ListSpecs {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('config', `infra/sharepoint/lists.json is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return Object.fromEntries(parsed.data.lists.map((l) => [l.key, l])) as ListSpecs;
}

/**
 * Loads infra/sharepoint/lists.json: the one definition of the lists, shared
 * by `wres provision` and the store's start-up check. Found by walking up from
 * this module, so it works from the sources and from the built dist/.
 */
export function loadListSpecs(): ListSpecs {
  for (let up = 4; up <= 6; up++) {
    const path = fileURLToPath(new URL(`${'../'.repeat(up)}infra/sharepoint/lists.json`, import.meta.url));
    if (existsSync(path)) return parseListSpecs(JSON.parse(readFileSync(path, 'utf8')));
  }
  throw new AppError('config', 'infra/sharepoint/lists.json was not found beside the app.');
}

/** The Graph `columnDefinition` body that creates `col`. */
export function columnDefinition(col: ColumnSpec): Record<string, unknown> {
  const base = { name: col.name, displayName: col.displayName, indexed: col.indexed, enforceUniqueValues: col.unique };
  switch (col.type) {
    case 'text':
      return { ...base, text: { allowMultipleLines: false, maxLength: 255 } };
    case 'note':
      return { ...base, text: { allowMultipleLines: true, textType: 'plain', linesForEditing: 6 } };
    case 'choice':
      return { ...base, choice: { allowTextEntry: false, choices: col.choices ?? [], displayAs: 'dropDownMenu' } };
    case 'number':
      return { ...base, number: { decimalPlaces: 'automatic' } };
    case 'date':
      return { ...base, dateTime: { displayAs: 'standard', format: 'dateOnly' } };
    case 'dateTime':
      return { ...base, dateTime: { displayAs: 'standard', format: 'dateTime' } };
  }
}
