import { BatchRequestContent, GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Attempt, RetryPolicy } from '../retry.js';
import { longestRetryAfter, noAnswer, stepsToRepeat, type BatchAnswer, type BatchStep } from './batch-steps.js';
import { isRetryableStatus, toAppError } from './graph-errors.js';

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

/** How one attempt at a Graph call ended, as the retry loop sees it. */
type Failed = { ok: false; error: unknown };
type Sent<T> = { ok: true; value: T } | Failed;

/**
 * Thin typed face of the Graph client. Every call runs under one
 * `RetryPolicy`: a request answered 429/503/504 is sent again after its
 * Retry-After (or a back-off), and so is each such step of a `$batch`, in the
 * same loop and budget. Every method rejects with an `AppError` (see
 * `toAppError`); `doing` words the message for a user.
 */
export class GraphApi {
  private bulkView: GraphApi | null = null;

  constructor(
    private readonly client: Client,
    /** scheme://host[:port] of the Graph endpoint. */
    readonly origin: string,
    private readonly retries: RetryPolicy,
    /** The budget `bulk()` runs under. */
    private readonly bulkRetries: RetryPolicy = retries,
  ) {}

  /**
   * The same client under the bulk budget: for work a person waits for at a
   * terminal and that must not stop part-way for a passing throttle (import
   * writes, provisioning, start-up checks). Everything else — a card, the
   * tab — keeps the short budget and leaves the rest to the outbox or a retry.
   */
  bulk(): GraphApi {
    this.bulkView ??= new GraphApi(this.client, this.origin, this.bulkRetries);
    return this.bulkView;
  }

  /** GET a path (relative, or an absolute nextLink on this origin). */
  async get(path: string, doing: string): Promise<unknown> {
    this.checkOrigin(path);
    return this.send(doing, () => this.client.api(path).get());
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
    return this.send(doing, () => this.client.api(path).post(body));
  }

  /** PATCH; with `eTag`, only if the resource still has it (else `conflict`, status 412). */
  async patch(path: string, body: unknown, doing: string, eTag?: string): Promise<unknown> {
    return this.send(doing, () => {
      const req = this.client.api(path);
      if (eTag) req.header('If-Match', eTag);
      return req.patch(body);
    });
  }

  /** DELETE; with `eTag`, only if the resource still has it. */
  async delete(path: string, doing: string, eTag?: string): Promise<void> {
    await this.send(doing, () => {
      const req = this.client.api(path);
      if (eTag) req.header('If-Match', eTag);
      return req.delete();
    });
  }

  /**
   * Sends up to 20 requests as one JSON `$batch` and returns each step's
   * final answer by id. Steps answered 429/503/504 — and steps skipped (424)
   * because such a step failed before them — are sent again after the
   * longest Retry-After among them, the step and not the batch, under the
   * same budget as a single request; once it is spent their last answers are
   * returned. Other inner failures are answers, not rejections; the call
   * rejects only when the batch request itself fails.
   */
  async batch(steps: BatchStep[], doing: string): Promise<Map<string, BatchAnswer>> {
    if (steps.length === 0) return new Map();
    if (steps.length > MAX_BATCH) throw new AppError('internal', `A Graph batch holds at most ${MAX_BATCH} requests.`);
    const answers = new Map<string, BatchAnswer>();
    let todo = steps;
    const sent = await this.retries.run<Sent<null>>(async () => {
      // The batch is a POST, but one made only of reads can be sent again after a timeout like a GET.
      const readsOnly = todo.every((s) => s.method === 'GET');
      const round = await this.attempt(() => this.postBatch(todo), readsOnly);
      if ('retry' in round) return round;
      if (!round.done.ok) return { done: round.done };
      const got = round.done.value;
      for (const step of todo) answers.set(step.id, got.get(step.id) ?? noAnswer(step.id));
      const again = stepsToRepeat(todo, answers);
      if (again.length === 0) return { done: { ok: true, value: null } };
      const retryAfter = longestRetryAfter(again.map((s) => answers.get(s.id)!));
      todo = again;
      return { retry: { ok: true, value: null }, ...(retryAfter ? { retryAfter } : {}) };
    });
    if (!sent.value.ok) throw toAppError(sent.value.error, doing);
    return answers;
  }

  /** One call under the retry policy; its last failure becomes an `AppError`. */
  private async send<T>(doing: string, call: () => Promise<T>): Promise<T> {
    const sent = await this.retries.run<Sent<T>>(() => this.attempt(call));
    if (sent.value.ok) return sent.value.value;
    throw toAppError(sent.value.error, doing);
  }

  /**
   * Makes one request: done, or worth repeating (a 429/503/504 from Graph,
   * with its Retry-After; or, when `safeToRepeat`, no answer at all).
   */
  private async attempt<T>(call: () => Promise<T>, safeToRepeat = false): Promise<Attempt<Sent<T>, Failed>> {
    try {
      return { done: { ok: true, value: await call() } };
    } catch (error) {
      const unanswered = error instanceof GraphError && error.statusCode === -1;
      if (!(error instanceof GraphError) || !(isRetryableStatus(error.statusCode) || (safeToRepeat && unanswered)))
        return { done: { ok: false, error } };
      const retryAfter = error.headers?.get('retry-after') ?? undefined;
      return { retry: { ok: false, error }, ...(retryAfter ? { retryAfter } : {}) };
    }
  }

  /** One `$batch` round trip (no retries of its own). */
  private async postBatch(steps: BatchStep[]): Promise<Map<string, BatchAnswer>> {
    const content = new BatchRequestContent(
      steps.map((s) => ({
        id: s.id,
        ...(s.dependsOn?.length ? { dependsOn: s.dependsOn } : {}),
        // The SDK strips scheme and host; a URL without the version segment leaves the relative URL Graph expects.
        request: new Request(`${this.origin}${s.url}`, {
          method: s.method,
          headers: { ...(s.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...s.headers },
          ...(s.body === undefined ? {} : { body: JSON.stringify(s.body) }),
        }),
      })),
    );
    const raw: unknown = await this.client.api('/$batch').post(await content.getContent());
    const parsed = batchResponseSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('unavailable', 'SharePoint sent an unreadable batch answer.');
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
