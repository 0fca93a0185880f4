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

const planKeys = z.enum(['actions', 'updates', 'reminders', 'conversations', 'metrics', 'holidays']);
const platformKeys = z.enum(['organisations', 'groups']);
const listSchema = z.object({
  key: z.union([planKeys, platformKeys]),
  displayName: z.string().min(1),
  description: z.string(),
  columns: z.array(columnSchema).min(1),
});

type RawList = z.output<typeof listSchema>;
const eachKeyOnce = (lists: RawList[], keys: readonly string[]) =>
  lists.length === keys.length && lists.every((l) => keys.includes(l.key)) && new Set(lists.map((l) => l.key)).size === lists.length;
const uniqueIsIndexed = (lists: RawList[]) => lists.every((l) => l.columns.every((c) => !c.unique || c.indexed));

const fileSchema = z
  .object({ lists: z.array(listSchema), platformLists: z.array(listSchema) })
  .refine((f) => eachKeyOnce(f.lists, planKeys.options), 'every plan list key must appear exactly once in "lists"')
  .refine((f) => eachKeyOnce(f.platformLists, platformKeys.options), 'every platform list key must appear exactly once in "platformLists"')
  .refine((f) => uniqueIsIndexed(f.lists) && uniqueIsIndexed(f.platformLists), 'a unique column must also be indexed');

/** One column as infra/sharepoint/lists.json defines it. */
export type ColumnSpec = z.output<typeof columnSchema>;
/** One list as infra/sharepoint/lists.json defines it. */
export type ListSpec = z.output<typeof listSchema>;
/** The plan store's name for each list (on every organisation's site). */
export type ListKey = z.output<typeof planKeys>;
/** The registry's name for each list (on the platform site only). */
export type PlatformListKey = z.output<typeof platformKeys>;
/** Every list the SharePoint plan store needs. */
export type ListSpecs = Record<ListKey, ListSpec>;
/** The lists of the organisation registry. */
export type PlatformListSpecs = Record<PlatformListKey, ListSpec>;

/** Validates list definitions (as data). Rejects with `config` when malformed. */
function parseFile(raw: unknown): z.output<typeof fileSchema> {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('config', `infra/sharepoint/lists.json is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}

/** Found by walking up from this module, so it works from the sources and from the built dist/. */
function readFile(): z.output<typeof fileSchema> {
  for (let up = 4; up <= 6; up++) {
    const path = fileURLToPath(new URL(`${'../'.repeat(up)}infra/sharepoint/lists.json`, import.meta.url));
    if (existsSync(path)) return parseFile(JSON.parse(readFileSync(path, 'utf8')));
  }
  throw new AppError('config', 'infra/sharepoint/lists.json was not found beside the app.');
}

const byKey = <K extends string>(lists: RawList[]) => Object.fromEntries(lists.map((l) => [l.key, l])) as Record<K, ListSpec>;

/**
 * Loads the plan lists of infra/sharepoint/lists.json (`lists`): the one
 * definition shared by `wres provision` and the store's start-up check.
 */
export function loadListSpecs(): ListSpecs {
  return byKey<ListKey>(readFile().lists);
}

/** Loads the registry's lists (`platformLists`), which live on the platform site only. */
export function loadPlatformListSpecs(): PlatformListSpecs {
  return byKey<PlatformListKey>(readFile().platformLists);
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
