import express from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';

/** A Teams user the fake connector knows (answers GET …/members/:id). */
export interface FakeTeamsUser {
  /** Teams user id, `29:…`. */
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

/** One request the bot made, as recorded. */
export interface RecordedRequest {
  method: string;
  path: string;
  conversationId?: string;
  /** For reply and update requests: the activity id in the path. */
  activityId?: string;
  body: unknown;
  /** The status the fake answered with. */
  status: number;
}

/** An injected failure: the next `times` requests that match get `status` (with headers/body). */
export interface FailureRule {
  method?: string;
  /** Matched against the request path. */
  path?: RegExp;
  conversationId?: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail; default 1, Infinity for all. */
  times?: number;
}

/** Options of the fake; later options (e.g. rate-limit enforcement) are added here. */
export interface BotConnectorOptions {
  users?: FakeTeamsUser[];
  /** Tenant id put on created conversations; default `tenant-1`. */
  tenantId?: string;
  /** Enforce Teams' rate limits on sent activities: beyond them answer 429 Throttled with Retry-After. */
  rateLimits?: ConnectorRateLimits;
}

/** Sliding-window limits the fake enforces on POSTed activities, as Teams documents them. */
export interface ConnectorRateLimits {
  /** Per conversation, e.g. 7 / 1 s, 8 / 2 s, 60 / 30 s, 1,800 / hour. */
  perConversation?: { limit: number; windowMs: number }[];
  /** Per app per tenant: activities per second across all conversations. */
  perSecond?: number;
  /** Seconds put in Retry-After; default 1. */
  retryAfterSeconds?: number;
}

/**
 * A local stand-in for the Bot Connector REST API (the `serviceUrl` Teams
 * gives the bot): create conversation, send, reply, update and delete
 * activities, and read members. Records every request and can be told to
 * fail some (403 for a blocked user, 429 with Retry-After, …).
 */
export class FakeBotConnector {
  readonly requests: RecordedRequest[] = [];
  private readonly rules: (FailureRule & { left: number })[] = [];
  private readonly users: FakeTeamsUser[];
  private server?: Server;
  private nextId = 1;
  private readonly accepted = { all: [] as number[], byConversation: new Map<string, number[]>() };
  /** How many sends the rate limits turned away with 429. */
  throttledCount = 0;
  url = '';

  constructor(private readonly options: BotConnectorOptions = {}) {
    this.users = [...(options.users ?? [])];
  }

  /** Starts listening on 127.0.0.1 on a free port; `url` is then the serviceUrl (with a trailing slash). */
  async start(): Promise<this> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.use((req, res, next) => this.injected(req, res, next));
    app.use((req, res, next) => this.rateLimited(req, res, next));
    app.post('/v3/conversations', (req, res) => {
      const id = `a:conv-${this.nextId++}`;
      this.answer(req, res, 200, { id, activityId: `act-${this.nextId++}`, serviceUrl: this.url }, id);
    });
    app.post('/v3/conversations/:conversationId/activities', (req, res) =>
      this.answer(req, res, 200, { id: `act-${this.nextId++}` }, req.params.conversationId),
    );
    app.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) =>
      this.answer(req, res, 200, { id: `act-${this.nextId++}` }, req.params.conversationId, req.params.activityId),
    );
    app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) =>
      this.answer(req, res, 200, { id: req.params.activityId }, req.params.conversationId, req.params.activityId),
    );
    app.delete('/v3/conversations/:conversationId/activities/:activityId', (req, res) =>
      this.answer(req, res, 200, {}, req.params.conversationId, req.params.activityId),
    );
    app.get('/v3/conversations/:conversationId/members/:userId', (req, res) => {
      const user = this.findUser(req.params.userId);
      if (!user)
        return this.answer(
          req,
          res,
          404,
          { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation.' } },
          req.params.conversationId,
        );
      this.answer(req, res, 200, this.member(user), req.params.conversationId);
    });
    app.get('/v3/conversations/:conversationId/members', (req, res) =>
      this.answer(
        req,
        res,
        200,
        this.users.map((u) => this.member(u)),
        req.params.conversationId,
      ),
    );
    app.get('/v3/conversations/:conversationId/pagedmembers', (req, res) =>
      this.answer(req, res, 200, { members: this.users.map((u) => this.member(u)) }, req.params.conversationId),
    );
    app.use((req, res) =>
      this.answer(req, res, 404, { error: { code: 'NotFound', message: `The fake connector has no ${req.method} ${req.path}` } }),
    );
    this.server = createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Adds a user to the member directory. */
  addUser(user: FakeTeamsUser): void {
    this.users.push(user);
  }

  /** Makes matching requests fail (see FailureRule). */
  fail(rule: FailureRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** 403 for everything sent to `conversationId`, as Teams answers a user who blocked or removed the bot. */
  blockConversation(conversationId: string, code = 'ConversationBlockedByUser'): void {
    this.fail({
      conversationId,
      status: 403,
      times: Infinity,
      body: { error: { code, message: 'User blocked the conversation with the bot.' } },
    });
  }

  /** 429 with Retry-After for the next `times` requests. */
  throttle(times: number, retryAfterSeconds = 1): void {
    this.fail({
      status: 429,
      times,
      headers: { 'Retry-After': String(retryAfterSeconds) },
      body: { error: { code: 'Throttled', message: 'Too many requests.' } },
    });
  }

  /** The activities the bot sent (new messages and replies) that were accepted, in order. */
  sentActivities(conversationId?: string): Record<string, unknown>[] {
    return this.requests
      .filter((r) => r.method === 'POST' && /\/activities(\/[^/]+)?$/.test(r.path) && r.status < 300)
      .filter((r) => !conversationId || r.conversationId === conversationId)
      .map((r) => r.body as Record<string, unknown>);
  }

  /** The Adaptive Cards among the sent activities, in order. */
  sentCards(conversationId?: string): Record<string, unknown>[] {
    return this.sentActivities(conversationId).flatMap((a) =>
      ((a.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
        .filter((att) => att.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((att) => att.content),
    );
  }

  private injected(req: express.Request, res: express.Response, next: express.NextFunction): void {
    const conversationId = /^\/v3\/conversations\/([^/]+)/.exec(req.path)?.[1];
    const decoded = conversationId ? decodeURIComponent(conversationId) : undefined;
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (!r.method || r.method === req.method) &&
        (!r.path || r.path.test(req.path)) &&
        (!r.conversationId || r.conversationId === decoded),
    );
    if (!rule) return next();
    rule.left--;
    for (const [k, v] of Object.entries(rule.headers ?? {})) res.setHeader(k, v);
    this.answer(req, res, rule.status, rule.body ?? {}, decoded);
  }

  private answer(
    req: express.Request,
    res: express.Response,
    status: number,
    body: unknown,
    conversationId?: string,
    activityId?: string,
  ): void {
    this.requests.push({
      method: req.method,
      path: req.path,
      ...(conversationId ? { conversationId: decodeURIComponent(conversationId) } : {}),
      ...(activityId ? { activityId: decodeURIComponent(activityId) } : {}),
      body: req.body,
      status,
    });
    res.status(status).json(body);
  }

  /** Counts accepted activity POSTs in sliding windows; answers 429 once a window is full. */
  private rateLimited(req: express.Request, res: express.Response, next: express.NextFunction): void {
    const limits = this.options.rateLimits;
    const conversationId = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.path)?.[1];
    if (!limits || req.method !== 'POST' || !conversationId) return next();
    const id = decodeURIComponent(conversationId);
    const now = performance.now();
    const mine = this.accepted.byConversation.get(id) ?? [];
    const full = (times: number[], limit: number, windowMs: number) => times.filter((t) => t > now - windowMs).length >= limit;
    const over =
      (limits.perSecond !== undefined && full(this.accepted.all, limits.perSecond, 1000)) ||
      (limits.perConversation ?? []).some((w) => full(mine, w.limit, w.windowMs));
    if (over) {
      this.throttledCount++;
      res.setHeader('Retry-After', String(limits.retryAfterSeconds ?? 1));
      return this.answer(req, res, 429, { error: { code: 'Throttled', message: 'Too many requests.' } }, id);
    }
    const keepMs = Math.max(1000, ...(limits.perConversation ?? []).map((w) => w.windowMs));
    this.accepted.all.push(now);
    while (this.accepted.all.length && this.accepted.all[0]! <= now - 1000) this.accepted.all.shift();
    mine.push(now);
    while (mine.length && mine[0]! <= now - keepMs) mine.shift();
    this.accepted.byConversation.set(id, mine);
    next();
  }

  private findUser(id: string): FakeTeamsUser | undefined {
    const key = decodeURIComponent(id).toLowerCase();
    return this.users.find((u) => u.id.toLowerCase() === key || u.aadObjectId.toLowerCase() === key);
  }

  private member(u: FakeTeamsUser): Record<string, unknown> {
    const [givenName, ...rest] = u.name.split(' ');
    return {
      id: u.id,
      name: u.name,
      aadObjectId: u.aadObjectId,
      objectId: u.aadObjectId,
      givenName,
      surname: rest.join(' '),
      ...(u.email ? { email: u.email } : {}),
      userPrincipalName: u.userPrincipalName ?? u.email,
      tenantId: u.tenantId ?? this.options.tenantId ?? 'tenant-1',
      userRole: 'user',
    };
  }
}
