import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { BatchAnswer, BatchStep } from '../../graph/batch-steps.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { MAX_BATCH } from '../../graph/graph-api.js';
import { itemSchema, SELECT, type ListItem } from './item-fields.js';
import type { ListKey } from './list-definitions.js';

/** Page size for item reads: the most SharePoint returns in one page with fields expanded. */
const PAGE_SIZE = 999;

/** A `$filter` clause `fields/<name> eq '<value>'` (quotes doubled as OData requires). */
export function eq(field: string, value: string): string {
  return `fields/${field} eq '${value.replace(/'/g, "''")}'`;
}

/**
 * Paths and reads for the store's lists on one site. Reads ask only for
 * the fields the store uses and filter only on indexed columns.
 */
export class ListAccess {
  constructor(
    readonly graph: GraphApi,
    readonly siteId: string,
    private readonly listIds: Record<ListKey, string>,
  ) {}

  /** `/sites/{site}/lists/{list}/items[/{id}]`. */
  items(key: ListKey, id?: string): string {
    const base = `/sites/${encodeURIComponent(this.siteId)}/lists/${this.listIds[key]}/items`;
    return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
  }

  /** A read of items with the fields the store uses (or those matching `filter`), relative to the version root; for `$batch` steps too. */
  query(key: ListKey, filter?: string, top = PAGE_SIZE): string {
    const f = filter ? `&$filter=${encodeURIComponent(filter)}` : '';
    return `${this.items(key)}?$expand=fields($select=${SELECT[key]})&$top=${top}${f}`;
  }

  /** Every item of a list (or those matching `filter` on indexed columns), all pages. */
  async readAll(key: ListKey, doing: string, filter?: string): Promise<ListItem[]> {
    return (await this.graph.getAll(this.query(key, filter), doing)).map((i) => itemSchema.parse(i));
  }

  /** Just the item count of a list (ids only, all pages). */
  async count(key: ListKey, doing: string): Promise<number> {
    return (await this.graph.getAll(`${this.items(key)}?$select=id&$top=${PAGE_SIZE}`, doing)).length;
  }

  /** One item by id, or null when SharePoint has no such item. */
  async readOne(key: ListKey, id: string, doing: string): Promise<ListItem | null> {
    try {
      return itemSchema.parse(await this.graph.get(`${this.items(key, id)}?$expand=fields($select=${SELECT[key]})`, doing));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return null;
      throw e;
    }
  }

  /** The first item matching `filter`, or null. */
  async findOne(key: ListKey, filter: string, doing: string): Promise<ListItem | null> {
    const page = z.object({ value: z.array(itemSchema) }).parse(await this.graph.get(this.query(key, filter, 1), doing));
    return page.value[0] ?? null;
  }

  /**
   * Runs independent bulk writes (an import, figures) in `$batch`es of 20,
   * one after another. Each throttled step is retried by `GraphApi.batch`
   * under the bulk budget; returns every final answer.
   */
  async writeAll(steps: BatchStep[], doing: string): Promise<Map<string, BatchAnswer>> {
    const done = new Map<string, BatchAnswer>();
    const graph = this.graph.bulk();
    for (let i = 0; i < steps.length; i += MAX_BATCH) {
      for (const [id, answer] of await graph.batch(steps.slice(i, i + MAX_BATCH), doing)) done.set(id, answer);
    }
    return done;
  }
}

/** The Graph error message inside an answer body, for logs and errors. */
export function answerMessage(a: BatchAnswer): string {
  const m = (a.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof m === 'string' ? m : `HTTP ${a.status}`;
}
