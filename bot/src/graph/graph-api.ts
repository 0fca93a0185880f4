import { BatchRequestContent, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { toAppError } from './graph-errors.js';

/** One request inside a JSON `$batch`. `url` is relative to the version root, e.g. `/sites/{id}/lists/{id}/items`. */
export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  dependsOn?: string[];
}

/** One answer from a `$batch`. A step skipped because its dependency failed answers 424. */
export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

const pageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/** Graph allows at most 20 requests in one `$batch`. */
export const MAX_BATCH = 20;
/** A bound on pages followed, so a misbehaving server cannot loop us forever (200,000 items at 999 a page). */
const MAX_PAGES = 200;

/**
 * Thin typed face of the Graph client. Every method rejects with an
 * `AppError` (see `toAppError`); `doing` words the message for a user.
 */
export class GraphApi {
  constructor(
    private readonly client: Client,
    /** scheme://host[:port] of the Graph endpoint. */
    readonly origin: string,
  ) {}

  /** GET a path (relative, or an absolute nextLink on this origin). */
  async get(path: string, doing: string): Promise<unknown> {
    this.checkOrigin(path);
    try {
      return await this.client.api(path).get();
    } catch (e) {
      throw toAppError(e, doing);
    }
  }

  /** GET every page of a collection, following `@odata.nextLink` exactly as Graph returned it. */
  async getAll(path: string, doing: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;
    for (let pages = 0; next !== undefined; pages++) {
      if (pages >= MAX_PAGES) throw new AppError('internal', `SharePoint kept paging past ${MAX_PAGES} pages while ${doing}.`);
      const page = pageSchema.parse(await this.get(next, doing));
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return items;
  }

  async post(path: string, body: unknown, doing: string): Promise<unknown> {
    try {
      return await this.client.api(path).post(body);
    } catch (e) {
      throw toAppError(e, doing);
    }
  }

  /** PATCH; with `eTag`, only if the resource still has it (else `conflict`, status 412). */
  async patch(path: string, body: unknown, doing: string, eTag?: string): Promise<unknown> {
    try {
      const req = this.client.api(path);
      if (eTag) req.header('If-Match', eTag);
      return await req.patch(body);
    } catch (e) {
      throw toAppError(e, doing);
    }
  }

  /** DELETE; with `eTag`, only if the resource still has it. */
  async delete(path: string, doing: string, eTag?: string): Promise<void> {
    try {
      const req = this.client.api(path);
      if (eTag) req.header('If-Match', eTag);
      await req.delete();
    } catch (e) {
      throw toAppError(e, doing);
    }
  }

  /**
   * Sends up to 20 requests as one JSON `$batch` (one HTTP round trip) and
   * returns each answer by id. Inner failures are answers, not rejections;
   * the batch itself rejects only when the whole request fails.
   */
  async batch(steps: BatchStep[], doing: string): Promise<Map<string, BatchAnswer>> {
    if (steps.length === 0) return new Map();
    if (steps.length > MAX_BATCH) throw new AppError('internal', `A Graph batch holds at most ${MAX_BATCH} requests.`);
    const content = new BatchRequestContent(
      steps.map((s) => ({
        id: s.id,
        ...(s.dependsOn ? { dependsOn: s.dependsOn } : {}),
        // The SDK strips scheme and host; a URL without the version segment leaves the relative URL Graph expects.
        request: new Request(`${this.origin}${s.url}`, {
          method: s.method,
          headers: { ...(s.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...s.headers },
          ...(s.body === undefined ? {} : { body: JSON.stringify(s.body) }),
        }),
      })),
    );
    const raw = await this.post('/$batch', await content.getContent(), doing);
    const parsed = batchResponseSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('unavailable', `SharePoint sent an unreadable batch answer while ${doing}.`);
    return new Map(parsed.data.responses.map((r) => [r.id, { id: r.id, status: r.status, headers: lower(r.headers ?? {}), body: r.body }]));
  }

  private checkOrigin(path: string): void {
    if (/^https?:\/\//i.test(path) && !path.startsWith(`${this.origin}/`)) {
      throw new AppError('internal', 'Graph returned a next page on another host; refusing to follow it.');
    }
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
