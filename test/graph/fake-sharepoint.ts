// In-memory SharePoint behind the local Graph server: sites, lists, columns and items,
// with the rules the real service enforces (indexed filters, unique columns, eTags).
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { matches, parseFilter } from './odata-filter.js';

/** A failure the server turns into a Graph error response. */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeColumn {
  id: string;
  name: string;
  displayName: string;
  indexed: boolean;
  enforceUniqueValues: boolean;
  /** The type facet as sent (text, choice, number, dateTime…). */
  facets: Record<string, unknown>;
}

export interface FakeItem {
  id: string;
  guid: string;
  version: number;
  fields: Record<string, unknown>;
  created: string;
  modified: string;
}

export interface FakeList {
  id: string;
  displayName: string;
  description: string;
  columns: FakeColumn[];
  items: Map<string, FakeItem>;
  nextId: number;
}

export interface FakeSite {
  id: string;
  hostname: string;
  path: string;
  displayName: string;
  lists: FakeList[];
  /**
   * Whether the app was granted this site (Sites.Selected). A site not
   * granted answers every request, its lookup by path included, with 403
   * accessDenied, as Graph does.
   */
  granted: boolean;
}

const BUILT_IN = new Set(['id', 'Title', 'Created', 'Modified', 'ContentType', 'Attachments']);
/** SharePoint's site time zone for date-only columns (a UK trust's site). */
const SITE_ZONE = 'Europe/London';

/** The eTag SharePoint gives an item: `"{guid},version"`. */
function eTagOf(item: FakeItem): string {
  return `"${item.guid},${item.version}"`;
}

/** Creates a site to hold lists. */
export function newSite(hostname: string, path: string): FakeSite {
  return { id: `${hostname},${randomUUID()},${randomUUID()}`, hostname, path, displayName: 'WRES', lists: [], granted: true };
}

/** Adds a column as `POST …/columns` does; a second column of the same name is refused. */
export function addColumn(list: FakeList, def: Record<string, unknown>): FakeColumn {
  const name = String(def.name ?? '');
  if (!name) throw new GraphFault(400, 'invalidRequest', 'A column needs a name.');
  if (list.columns.some((c) => c.name === name) || BUILT_IN.has(name)) {
    throw new GraphFault(409, 'nameAlreadyExists', `A field with the name '${name}' already exists in the list.`);
  }
  const enforce = def.enforceUniqueValues === true;
  if (enforce && def.indexed !== true) {
    throw new GraphFault(400, 'invalidRequest', 'enforceUniqueValues requires the column to be indexed.');
  }
  const facets = Object.fromEntries(Object.entries(def).filter(([k]) => ['text', 'choice', 'number', 'dateTime', 'boolean'].includes(k)));
  const col = {
    id: randomUUID(),
    name,
    displayName: String(def.displayName ?? name),
    indexed: def.indexed === true,
    enforceUniqueValues: enforce,
    facets,
  };
  list.columns.push(col);
  return col;
}

/** Writes field values the way SharePoint stores them (dates normalised, unknown columns refused). */
function normalise(list: FakeList, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith('@odata')) continue;
    const col = list.columns.find((c) => c.name === k);
    if (!col && !BUILT_IN.has(k)) throw new GraphFault(400, 'invalidRequest', `Field '${k}' is not recognized`);
    const dt = col?.facets.dateTime as { format?: string } | undefined;
    if (dt && typeof v === 'string' && v) {
      const at = DateTime.fromISO(v, { zone: 'utc' });
      if (!at.isValid) throw new GraphFault(400, 'invalidRequest', `Cannot convert '${v}' to a date for field '${k}'.`);
      // Date-only values come back as site-local midnight in UTC, which moves with daylight saving.
      out[k] =
        dt.format === 'dateOnly'
          ? at.setZone(SITE_ZONE).startOf('day').toUTC().toISO({ suppressMilliseconds: true })
          : at.toISO({ suppressMilliseconds: true });
      out[k] = String(out[k]).replace('.000', '');
      continue;
    }
    out[k] = v;
  }
  return out;
}

function checkUnique(list: FakeList, fields: Record<string, unknown>, selfId?: string): void {
  const dupes = list.columns.filter((c) => {
    if (!c.enforceUniqueValues) return false;
    const v = fields[c.name];
    if (v === undefined || v === null || v === '') return false;
    const key = String(v).toLowerCase();
    return [...list.items.values()].some((i) => i.id !== selfId && String(i.fields[c.name] ?? '').toLowerCase() === key);
  });
  if (dupes.length > 0) {
    throw new GraphFault(
      409,
      'nameAlreadyExists',
      `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${dupes.map((d) => d.name).join(', ')}].`,
    );
  }
}

/** `POST …/items`: creates an item, enforcing unique columns. */
export function createItem(list: FakeList, fields: Record<string, unknown>): FakeItem {
  const values = normalise(list, fields);
  checkUnique(list, values);
  const now = new Date().toISOString();
  const item = { id: String(list.nextId++), guid: randomUUID(), version: 1, fields: values, created: now, modified: now };
  list.items.set(item.id, item);
  return item;
}

/** Adds an item for test set-up without the unique-column check (which is O(n) per item): only for data unique by construction. */
export function seedItem(list: FakeList, fields: Record<string, unknown>): FakeItem {
  const now = new Date().toISOString();
  const item = { id: String(list.nextId++), guid: randomUUID(), version: 1, fields: normalise(list, fields), created: now, modified: now };
  list.items.set(item.id, item);
  return item;
}

/** `PATCH …/items/{id}/fields`: updates fields if `ifMatch` (when given) is the current eTag. */
export function patchItem(list: FakeList, id: string, fields: Record<string, unknown>, ifMatch: string | undefined): FakeItem {
  const item = list.items.get(id);
  if (!item) throw new GraphFault(404, 'itemNotFound', 'The specified list item was not found.');
  if (ifMatch && ifMatch !== '*' && ifMatch !== eTagOf(item)) {
    throw new GraphFault(412, 'resourceModified', 'The resource has changed since the caller last read it; usually an eTag mismatch');
  }
  const values = normalise(list, fields);
  checkUnique(list, { ...item.fields, ...values }, id);
  Object.assign(item.fields, values);
  item.version++;
  item.modified = new Date().toISOString();
  return item;
}

/** `DELETE …/items/{id}`. */
export function deleteItem(list: FakeList, id: string, ifMatch: string | undefined): void {
  const item = list.items.get(id);
  if (!item) throw new GraphFault(404, 'itemNotFound', 'The specified list item was not found.');
  if (ifMatch && ifMatch !== '*' && ifMatch !== eTagOf(item)) throw new GraphFault(412, 'resourceModified', 'eTag mismatch');
  list.items.delete(id);
}

/**
 * Items matching `$filter`, in id order. A filter on a column that is not
 * indexed is refused as SharePoint refuses it, unless the caller sent the
 * Prefer header — and then it still fails once the list passes the threshold.
 */
export function queryItems(list: FakeList, filter: string | undefined, preferNonIndexed: boolean, threshold: number): FakeItem[] {
  const all = [...list.items.values()].sort((a, b) => Number(a.id) - Number(b.id));
  if (!filter) return all;
  const clauses = parseFilter(filter);
  if (!clauses) throw new GraphFault(400, 'invalidRequest', `Invalid filter clause: ${filter}`);
  for (const c of clauses) {
    const col = list.columns.find((x) => x.name === c.field);
    if (!col && c.field !== 'id') throw new GraphFault(400, 'invalidRequest', `Field '${c.field}' is not recognized`);
    if (col && !col.indexed) {
      if (!preferNonIndexed) {
        throw new GraphFault(
          400,
          'invalidRequest',
          `Field '${c.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
      if (list.items.size > threshold) {
        throw new GraphFault(500, 'generalException', 'The attempted operation is prohibited because it exceeds the list view threshold.');
      }
    }
  }
  return all.filter((i) => clauses.every((c) => matches(c, c.field === 'id' ? i.id : i.fields[c.field])));
}

/** The JSON Graph returns for an item, with `fields` cut to `select` when given. */
export function itemJson(
  site: FakeSite,
  list: FakeList,
  item: FakeItem,
  origin: string,
  expandFields: boolean,
  select: string[] | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    '@odata.etag': eTagOf(item),
    id: item.id,
    eTag: eTagOf(item),
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    webUrl: `https://${site.hostname}${site.path}/Lists/${encodeURIComponent(list.displayName)}/DispForm.aspx?ID=${item.id}`,
  };
  if (expandFields) out.fields = fieldsJson(item, select);
  void origin;
  return out;
}

/** The `fields` (fieldValueSet) of an item, cut to `select` when given. */
export function fieldsJson(item: FakeItem, select: string[] | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    '@odata.etag': eTagOf(item),
    id: item.id,
    ...item.fields,
    Created: item.created,
    Modified: item.modified,
  };
  if (!select) return all;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === '@odata.etag' || select.includes(k)));
}

/** The JSON Graph returns for a column definition. */
export function columnJson(c: FakeColumn): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    indexed: c.indexed,
    enforceUniqueValues: c.enforceUniqueValues,
    ...c.facets,
  };
}
