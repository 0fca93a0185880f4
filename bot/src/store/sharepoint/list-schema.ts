import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { columnDefinition, type ColumnSpec, type ListSpec } from './list-definitions.js';

const listsSchema = z.object({ value: z.array(z.object({ id: z.string(), displayName: z.string() })) });
const columnsSchema = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      indexed: z.boolean().optional(),
      enforceUniqueValues: z.boolean().optional(),
      text: z.object({ allowMultipleLines: z.boolean().optional() }).optional(),
      choice: z.looseObject({ choices: z.array(z.string()).optional() }).optional(),
      number: z.unknown().optional(),
      dateTime: z.object({ format: z.string().optional() }).optional(),
    }),
  ),
});
type FoundColumn = z.output<typeof columnsSchema>['value'][number];

/** One thing that differs between the site and infra/sharepoint/lists.json. */
export type SchemaGap =
  | { kind: 'list'; list: ListSpec }
  | { kind: 'column'; list: ListSpec; listId: string; column: ColumnSpec }
  | { kind: 'flags'; list: ListSpec; listId: string; column: ColumnSpec; columnId: string }
  /** A choice column that lacks some of the defined choices (e.g. a state added in a later version). */
  | { kind: 'choices'; list: ListSpec; listId: string; column: ColumnSpec; columnId: string; found: string[]; missing: string[] }
  | { kind: 'type'; list: ListSpec; column: ColumnSpec; found: string };

/** What the site holds: list ids by key (for lists that exist) and every gap. */
export interface SchemaCheck<K extends string = string> {
  listIds: Partial<Record<K, string>>;
  gaps: SchemaGap[];
}

function typeOf(c: FoundColumn): string {
  if (c.text) return c.text.allowMultipleLines ? 'note' : 'text';
  if (c.choice) return 'choice';
  if (c.number) return 'number';
  if (c.dateTime) return c.dateTime.format === 'dateOnly' ? 'date' : 'dateTime';
  return 'other';
}

/**
 * Compares the site's lists and columns with the definitions: three Graph
 * requests (the lists, then every list's columns in one `$batch`).
 */
export async function checkSchema<K extends string>(graph: GraphApi, siteId: string, specs: Record<K, ListSpec>): Promise<SchemaCheck<K>> {
  const site = `/sites/${encodeURIComponent(siteId)}`;
  const found = listsSchema.parse(await graph.get(`${site}/lists?$select=id,displayName&$top=999`, 'reading the SharePoint lists')).value;
  const listIds: Partial<Record<K, string>> = {};
  const gaps: SchemaGap[] = [];
  const all = Object.entries(specs) as [K, ListSpec][];
  for (const [key, spec] of all) {
    const list = found.find((l) => l.displayName === spec.displayName);
    if (list) listIds[key] = list.id;
    else gaps.push({ kind: 'list', list: spec });
  }
  const present = all.filter(([key]) => listIds[key]).map(([, spec]) => spec);
  const steps = present.map((s) => ({
    id: s.key,
    method: 'GET' as const,
    url: `${site}/lists/${listIds[s.key as K]}/columns?$select=id,name,indexed,enforceUniqueValues,text,choice,number,dateTime`,
  }));
  const answers = await graph.batch(steps, 'reading the SharePoint columns');
  for (const spec of present) {
    const answer = answers.get(spec.key);
    if (!answer || answer.status !== 200) {
      throw new AppError(
        'unavailable',
        `SharePoint did not return the columns of "${spec.displayName}" (${answer?.status ?? 'no answer'}). Please try again.`,
      );
    }
    const columns = columnsSchema.parse(answer.body).value;
    const listId = listIds[spec.key as K]!;
    for (const column of spec.columns) {
      const c = columns.find((x) => x.name === column.name);
      if (!c) gaps.push({ kind: 'column', list: spec, listId, column });
      else if (typeOf(c) !== column.type) gaps.push({ kind: 'type', list: spec, column, found: typeOf(c) });
      else if ((column.indexed && !c.indexed) || (column.unique && !c.enforceUniqueValues))
        gaps.push({ kind: 'flags', list: spec, listId, column, columnId: c.id });
      else if (column.type === 'choice') {
        const found = c.choice?.choices ?? [];
        const missing = (column.choices ?? []).filter((x) => !found.includes(x));
        if (missing.length > 0) gaps.push({ kind: 'choices', list: spec, listId, column, columnId: c.id, found, missing });
      }
    }
  }
  return { listIds, gaps };
}

/** A gap in words an administrator can act on. */
export function describeGap(g: SchemaGap): string {
  switch (g.kind) {
    case 'list':
      return `list "${g.list.displayName}" is missing`;
    case 'column':
      return `column "${g.column.name}" is missing from "${g.list.displayName}"`;
    case 'flags':
      return `column "${g.column.name}" in "${g.list.displayName}" must be ${g.column.unique ? 'indexed and enforce unique values' : 'indexed'}`;
    case 'type':
      return `column "${g.column.name}" in "${g.list.displayName}" is ${g.found}, not ${g.column.type} (fix or delete it by hand, then run wres provision)`;
    case 'choices':
      return `column "${g.column.name}" in "${g.list.displayName}" lacks the ${quoted(g.missing)} ${g.missing.length === 1 ? 'choice' : 'choices'}`;
  }
}

function quoted(words: string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

/** Closes one gap (not a wrong type: that needs a person) and returns what was done. */
export async function closeGap(graph: GraphApi, siteId: string, g: SchemaGap): Promise<string> {
  const site = `/sites/${encodeURIComponent(siteId)}`;
  switch (g.kind) {
    case 'list':
      await graph.post(
        `${site}/lists`,
        {
          displayName: g.list.displayName,
          description: g.list.description,
          columns: g.list.columns.map(columnDefinition),
          list: { template: 'genericList' },
        },
        `creating the list "${g.list.displayName}"`,
      );
      return `Created list "${g.list.displayName}" with ${g.list.columns.length} columns`;
    case 'column':
      await graph.post(`${site}/lists/${g.listId}/columns`, columnDefinition(g.column), `adding the column "${g.column.name}"`);
      return `Added column "${g.column.name}" to "${g.list.displayName}"`;
    case 'flags':
      await graph.patch(
        `${site}/lists/${g.listId}/columns/${g.columnId}`,
        { indexed: true, ...(g.column.unique ? { enforceUniqueValues: true } : {}) },
        `indexing the column "${g.column.name}"`,
      );
      return `${g.column.unique ? 'Indexed and made unique' : 'Indexed'} column "${g.column.name}" in "${g.list.displayName}"`;
    case 'choices':
      // Keep any choice someone added by hand; add the missing ones.
      await graph.patch(
        `${site}/lists/${g.listId}/columns/${g.columnId}`,
        { choice: { ...(columnDefinition(g.column).choice as object), choices: [...g.found, ...g.missing] } },
        `adding choices to the column "${g.column.name}"`,
      );
      return `Added the ${quoted(g.missing)} ${g.missing.length === 1 ? 'choice' : 'choices'} to column "${g.column.name}" in "${g.list.displayName}"`;
    case 'type':
      throw new AppError('config', describeGap(g));
  }
}
