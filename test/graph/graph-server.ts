// A local Microsoft Graph for SharePoint lists, over HTTPS with a throwaway certificate
// (see tls-setup.ts). Faithful where the store depends on it: bearer tokens, several sites by id
// and path (403 for a site not granted to the app, as under Sites.Selected), list and column creation, items with fields, indexed $filter, $top and
// nextLink paging, eTags and 412, unique columns and 409, $batch with dependsOn,
// and injected 429/503/timeouts — on whole requests and, as Graph does, on single steps
// inside a $batch that itself answers 200. Counts every Graph request for the benchmark.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { addSite, route, type FakeUser, type RouteContext, type RouteResult } from './fake-graph-routes.js';
import { identityRoute, type IdentityState } from './identity-endpoints.js';
import type { FakeList, FakeSite } from './fake-sharepoint.js';
import { newFakeTeams, type FakeTeams } from './fake-teamwork-routes.js';

/**
 * Injected failures: each Graph request, and each step inside a `$batch`,
 * fails with probability `rate`. A step fails the way Graph fails one: its
 * own 429/503 with its own Retry-After (a "timeout" step answers 504) while
 * the batch answers 200.
 */
export interface FaultOptions {
  rate: number;
  kinds: ('429' | '503' | 'timeout')[];
  /** Where faults strike: whole HTTP requests, steps inside batches, or both (the default). */
  where?: ('request' | 'step')[];
  /** Retry-After sent with 429/503, in seconds (fractions allowed, to keep tests fast). */
  retryAfterSeconds: number;
  /** How long a "timeout" holds the connection before dropping it; longer than the client's timeout. */
  holdMs: number;
  seed: number;
}

/** One fault answered on purpose: the next matching request (or batch step) gets `status`, `times` times. */
interface ScriptedFault {
  where: 'request' | 'step';
  /** The answer's status; 0 (requests only): no answer at all, the connection dropped after `faults.holdMs` or 1 s. */
  status: number;
  retryAfter?: string;
  /** Matches `METHOD path` for a request, `METHOD url #stepId` for a batch step; every one when absent. */
  match?: RegExp;
  times: number;
}

export interface GraphServerOptions {
  latencyMs?: number;
  maxPageSize?: number;
  largeListThreshold?: number;
  faults?: FaultOptions | null;
}

/** What the tests see of the running server. */
export interface GraphServer {
  /** https://127.0.0.1:port */
  origin: string;
  site: FakeSite;
  /** Every site, `site` first. */
  sites: FakeSite[];
  /**
   * Adds a site at https://contoso.sharepoint.com`path`. With `granted: false`
   * the app was not granted it (Sites.Selected): Graph answers 403; set
   * `site.granted` later to grant it.
   */
  addSite(path: string, opts?: { granted?: boolean; displayName?: string }): FakeSite;
  /** The tenant's users behind `GET /users/{id or userPrincipalName}`; add to it in a test. */
  users: FakeUser[];
  /** Set to answer `/users` with 403 (the app lacks User.ReadBasic.All). */
  refuseUsers: boolean;
  /** Set to answer `checkMemberGroups` with 403 (the app lacks GroupMember.Read.All). */
  refuseGroupMembership: boolean;
  /** The Teams app catalogue and each user's installed apps (`/appCatalogs`, `/users/{id}/teamwork`). */
  teams: FakeTeams;
  identity: IdentityState;
  /** Graph requests received (token requests not included), each as `METHOD path`. */
  requests: string[];
  /** Inner requests of every $batch, as `METHOD url`. */
  batchedRequests: string[];
  /** Steps inside batches that were answered with an injected fault. */
  faultedSteps: number;
  /** Whole requests that were answered with an injected fault. */
  faultedRequests: number;
  faults: FaultOptions | null;
  /** Faults answered before any random one, in order, each for its `times`. */
  script: ScriptedFault[];
  latencyMs: number;
  list(displayName: string): FakeList | undefined;
  close(): Promise<void>;
}

/** Where tls-setup.ts left the test certificate and key. */
function testTls(): { key: string; cert: string } {
  const dir = process.env.WRES_TEST_TLS_DIR;
  if (!dir)
    throw new Error('WRES_TEST_TLS_DIR is not set: run the Graph tests through vitest (test/graph/tls-setup.ts is its global setup).');
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the server on 127.0.0.1, a free port, with one empty site at contoso.sharepoint.com/sites/wres (add more with `addSite`). */
export async function startGraphServer(opts: GraphServerOptions = {}): Promise<GraphServer> {
  const ctx: RouteContext = {
    origin: '',
    sites: [],
    users: [],
    refuseUsers: false,
    refuseGroupMembership: false,
    teams: newFakeTeams(),
    maxPageSize: opts.maxPageSize ?? 999,
    largeListThreshold: opts.largeListThreshold ?? 5000,
  };
  const site = addSite(ctx, 'contoso.sharepoint.com', '/sites/wres');
  const identity: IdentityState = {
    origin: '',
    tenantId: '11111111-2222-3333-4444-555555555555',
    clientId: '66666666-7777-8888-9999-000000000000',
    clientSecret: 'test-only-secret',
    identityHeader: 'test-only-identity-header',
    issued: new Set(),
    counts: { clientSecret: 0, managedIdentity: 0 },
  };
  let random = prng(opts.faults?.seed ?? 1);
  const state: GraphServer = {
    origin: '',
    site,
    sites: ctx.sites,
    addSite: (path, o = {}) => {
      const added = addSite(ctx, 'contoso.sharepoint.com', path, o.granted ?? true);
      if (o.displayName) added.displayName = o.displayName;
      return added;
    },
    users: ctx.users,
    get refuseUsers() {
      return ctx.refuseUsers;
    },
    set refuseUsers(refused: boolean) {
      ctx.refuseUsers = refused;
    },
    get refuseGroupMembership() {
      return ctx.refuseGroupMembership;
    },
    set refuseGroupMembership(refused: boolean) {
      ctx.refuseGroupMembership = refused;
    },
    teams: ctx.teams,
    identity,
    requests: [],
    batchedRequests: [],
    faultedSteps: 0,
    faultedRequests: 0,
    faults: opts.faults ?? null,
    script: [],
    latencyMs: opts.latencyMs ?? 0,
    list: (name) => site.lists.find((l) => l.displayName === name),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const scripted = (at: 'request' | 'step', what: string): RouteResult | null => {
    const f = state.script.find((x) => x.where === at && x.times > 0 && (!x.match || x.match.test(what)));
    if (!f) return null;
    f.times--;
    return {
      status: f.status,
      headers: f.retryAfter === undefined ? {} : { 'Retry-After': f.retryAfter },
      body: { error: { code: f.status === 429 ? 'TooManyRequests' : 'serviceNotAvailable', message: `Scripted ${f.status}` } },
    };
  };
  const pickFault = (at: 'request' | 'step'): '429' | '503' | 'timeout' | null => {
    const f = state.faults;
    if (!f || f.rate <= 0 || !(f.where ?? ['request', 'step']).includes(at) || random() >= f.rate) return null;
    return f.kinds[Math.floor(random() * f.kinds.length)] ?? null;
  };
  const throttled = (kind: '429' | '503'): RouteResult => ({
    status: Number(kind),
    headers: { 'Retry-After': String(state.faults?.retryAfterSeconds ?? 1) },
    body: {
      error: {
        code: kind === '429' ? 'TooManyRequests' : 'serviceNotAvailable',
        message: kind === '429' ? 'Too many requests' : 'Service unavailable',
      },
    },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const url = new URL(req.url ?? '/', state.origin);
    const headers = req.headers as Record<string, string | undefined>;
    const idResult = identityRoute(identity, req.method ?? 'GET', url.pathname, url.searchParams, headers, new URLSearchParams(raw));
    if (idResult) return send(res, idResult);
    state.requests.push(`${req.method} ${url.pathname}`);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (!token || !identity.issued.has(token)) {
      return send(res, { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } } });
    }
    if (!url.pathname.startsWith('/v1.0/'))
      return send(res, { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid version.' } } });
    const planned = scripted('request', `${req.method} ${url.pathname.slice('/v1.0'.length)}`);
    if (planned?.status === 0) return hold(res);
    if (planned) return send(res, planned);
    const fault = pickFault('request');
    if (fault) state.faultedRequests++;
    if (fault === '429' || fault === '503') return send(res, throttled(fault));
    const processFirst = fault === 'timeout' && random() < 0.5;
    if (fault === 'timeout' && !processFirst) return hold(res);
    const rel = req.url!.slice('/v1.0'.length);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid JSON.' } } });
    }
    const result =
      rel.split('?')[0] === '/$batch' && req.method === 'POST' ? batch(body, headers) : route(ctx, req.method ?? 'GET', rel, headers, body);
    if (processFirst) return hold(res);
    send(res, result);
  };

  const hold = async (res: ServerResponse): Promise<void> => {
    await sleep(state.faults?.holdMs ?? 1000);
    res.destroy();
  };

  const batch = (body: unknown, outer: Record<string, string | undefined>): RouteResult => {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid batch payload format.' } } };
    if (requests.length > 20)
      return {
        status: 400,
        body: { error: { code: 'BadRequest', message: 'Unable to deserialize batch: the number of requests exceeds the limit of 20.' } },
      };
    const done = new Map<string, number>();
    const responses = [];
    for (const r of requests as {
      id: string;
      method: string;
      url: string;
      headers?: Record<string, string>;
      body?: unknown;
      dependsOn?: string[];
    }[]) {
      state.batchedRequests.push(`${r.method} ${r.url}`);
      let result: RouteResult;
      const failedDep = (r.dependsOn ?? []).find((d) => !(done.get(d)! >= 200 && done.get(d)! < 300));
      if (failedDep !== undefined) {
        result = { status: 424, body: { error: { code: 'FailedDependency', message: `Dependent request ${failedDep} failed.` } } };
      } else if (/^\/?v1\.0\//.test(r.url) || /^https?:/.test(r.url)) {
        result = {
          status: 400,
          body: { error: { code: 'BadRequest', message: `Resource not found for the segment '${r.url.split('/').filter(Boolean)[0]}'.` } },
        };
      } else {
        const planned = scripted('step', `${r.method} ${r.url} #${r.id}`);
        const fault = planned ? null : pickFault('step');
        const h = Object.fromEntries(Object.entries({ ...outer, ...(r.headers ?? {}) }).map(([k, v]) => [k.toLowerCase(), v]));
        if (fault) state.faultedSteps++;
        result = planned
          ? planned
          : fault === '429' || fault === '503'
            ? throttled(fault)
            : fault === 'timeout'
              ? { status: 504, body: { error: { code: 'gatewayTimeout', message: 'The request timed out.' } } }
              : route(ctx, r.method, r.url.startsWith('/') ? r.url : `/${r.url}`, h, r.body);
      }
      done.set(r.id, result.status);
      responses.push({
        id: r.id,
        status: result.status,
        headers: { 'Content-Type': 'application/json', ...result.headers },
        ...(result.body === undefined ? {} : { body: result.body }),
      });
    }
    return { status: 200, body: { responses } };
  };

  const server: Server = createServer({ ...testTls(), noDelay: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) =>
        send(res, { status: 500, body: { error: { code: 'generalException', message: String(e) } } }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  state.origin = ctx.origin = identity.origin = `https://127.0.0.1:${port}`;
  random = prng(opts.faults?.seed ?? 1);
  return state;
}

function send(res: ServerResponse, r: RouteResult): void {
  if (res.destroyed) return;
  const body = r.body === undefined ? '' : JSON.stringify(r.body);
  res.writeHead(r.status, { ...(body ? { 'Content-Type': 'application/json' } : {}), ...r.headers });
  res.end(body);
}
