// The Graph endpoints the SharePoint store uses, over the in-memory SharePoint:
// one function from (method, url, headers, body) to a response, shared by plain
// requests and the requests inside a $batch.
import {
  GraphFault,
  addColumn,
  columnJson,
  createItem,
  deleteItem,
  fieldsJson,
  itemJson,
  newSite,
  patchItem,
  queryItems,
  type FakeList,
  type FakeSite,
} from './fake-sharepoint.js';
import { randomUUID } from 'node:crypto';
import { catalogRoute, installedAppsRoute, type FakeTeams } from './fake-teamwork-routes.js';

/** A response before it is written to the wire. */
export interface RouteResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A person in the fake Entra directory, as `GET /users/{id or userPrincipalName}` returns them. */
export interface FakeUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  companyName?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  /** The groups they are in, directly or through other groups (what `checkMemberGroups` checks against). Not returned by GET. */
  memberOf?: string[];
}

/** The state and knobs the routes work on. */
export interface RouteContext {
  origin: string;
  sites: FakeSite[];
  /** The tenant's users (the directory behind `/users`). */
  users: FakeUser[];
  /** Answer `/users` with 403, as Graph does for an app without User.ReadBasic.All. */
  refuseUsers: boolean;
  /** Answer `checkMemberGroups` with 403, as Graph does for an app without GroupMember.Read.All. */
  refuseGroupMembership: boolean;
  /** The Teams app catalogue and installations behind `/appCatalogs` and `/users/{id}/teamwork`. */
  teams: FakeTeams;
  maxPageSize: number;
  /** Items in a list past which even a Prefer-ed non-indexed filter fails. */
  largeListThreshold: number;
}

/** Creates a site (granted to the app unless `granted` is false). */
export function addSite(ctx: RouteContext, hostname: string, path: string, granted = true): FakeSite {
  const site = { ...newSite(hostname, path), granted };
  ctx.sites.push(site);
  return site;
}

const json = (status: number, body: unknown): RouteResult => ({ status, body });

function findSite(ctx: RouteContext, ref: string): FakeSite {
  const colon = ref.indexOf(':');
  const site =
    colon === -1
      ? ctx.sites.find((s) => s.id === ref || (s.hostname === ref && s.path === ''))
      : ctx.sites.find((s) => s.hostname === ref.slice(0, colon) && s.path === ref.slice(colon + 1).replace(/\/+$/, ''));
  if (!site) throw new GraphFault(404, 'itemNotFound', 'Requested site could not be found');
  if (!site.granted) throw new GraphFault(403, 'accessDenied', 'Access denied');
  return site;
}

function findList(site: FakeSite, ref: string): FakeList {
  const list = site.lists.find((l) => l.id === ref || l.displayName === ref);
  if (!list) throw new GraphFault(404, 'itemNotFound', 'The requested list was not found.');
  return list;
}

function parseExpand(q: URLSearchParams): { expand: boolean; select: string[] | null } {
  const e = q.get('$expand') ?? q.get('expand');
  if (!e) return { expand: false, select: null };
  const m = /^fields(?:\(\$?select=([^)]*)\))?$/.exec(e);
  if (!m) throw new GraphFault(400, 'BadRequest', `Could not find a property named '${e}' on type 'microsoft.graph.listItem'.`);
  return { expand: true, select: m[1] ? m[1].split(',').map((s) => s.trim()) : null };
}

function skipTokenOf(lastId: string): string {
  return Buffer.from(`Paged=TRUE&p_ID=${lastId}`).toString('base64url');
}

function afterSkipToken(token: string | null): number {
  if (!token) return 0;
  const m = /^Paged=TRUE&p_ID=(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m) throw new GraphFault(400, 'invalidRequest', 'The skip token is not valid.');
  return Number(m[1]);
}

/**
 * Serves one Graph request. `url` is the path and query below the version
 * root (e.g. `/sites/…/items?$top=5`). Throws nothing: faults become error responses.
 */
export function route(
  ctx: RouteContext,
  method: string,
  url: string,
  headers: Record<string, string | undefined>,
  body: unknown,
): RouteResult {
  try {
    return dispatch(ctx, method.toUpperCase(), url, headers, body);
  } catch (e) {
    if (e instanceof GraphFault) {
      return json(e.status, {
        error: { code: e.code, message: e.message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } },
      });
    }
    return json(500, { error: { code: 'generalException', message: e instanceof Error ? e.message : String(e) } });
  }
}

function dispatch(ctx: RouteContext, method: string, url: string, headers: Record<string, string | undefined>, body: unknown): RouteResult {
  const [rawPath = '', rawQuery = ''] = url.split('?', 2);
  const byPath = /^\/sites\/([^/:]+):(\/[^:]*?)\/?$/.exec(rawPath);
  if (byPath && method === 'GET') {
    const site = findSite(ctx, `${byPath[1]}:${decodeURIComponent(byPath[2]!)}`);
    return json(200, { id: site.id, displayName: site.displayName, webUrl: `https://${site.hostname}${site.path}` });
  }
  const seg = rawPath.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg[0] === 'users' && seg.length === 2 && method === 'GET') return userRoute(ctx, seg[1]!, new URLSearchParams(rawQuery));
  if (seg[0] === 'users' && seg.length === 3 && seg[2] === 'checkMemberGroups' && method === 'POST')
    return checkMemberGroupsRoute(ctx, seg[1]!, body);
  if (seg[0] === 'appCatalogs' && seg[1] === 'teamsApps' && seg.length === 2)
    return catalogRoute(ctx.teams, method, new URLSearchParams(rawQuery));
  if (seg[0] === 'users' && seg[2] === 'teamwork' && seg[3] === 'installedApps')
    return installedAppsRoute(ctx.teams, findUser(ctx, seg[1]!), method, seg.slice(4), new URLSearchParams(rawQuery), body);
  if (seg[0] !== 'sites' || seg.length < 2)
    throw new GraphFault(400, 'BadRequest', `Resource not found for the segment '${seg[0] ?? ''}'.`);
  const site = findSite(ctx, seg[1]!);
  if (seg.length === 2 && method === 'GET')
    return json(200, { id: site.id, displayName: site.displayName, webUrl: `https://${site.hostname}${site.path}` });
  if (seg[2] !== 'lists') throw new GraphFault(400, 'BadRequest', `Resource not found for the segment '${seg[2]}'.`);
  if (seg.length === 3) return listsRoute(ctx, site, method, body);
  const list = findList(site, seg[3]!);
  if (seg.length === 4 && method === 'GET') return json(200, { id: list.id, displayName: list.displayName, description: list.description });
  if (seg[4] === 'columns') {
    if (seg.length === 5 && method === 'GET') return json(200, { value: list.columns.map(columnJson) });
    if (seg.length === 5 && method === 'POST') return json(201, columnJson(addColumn(list, asObject(body))));
    if (seg.length === 6 && method === 'PATCH') return json(200, patchColumn(list, seg[5]!, asObject(body)));
  }
  if (seg[4] === 'items') return itemsRoute(ctx, site, list, method, seg.slice(5), rawQuery, headers, body);
  throw new GraphFault(400, 'BadRequest', `Unsupported request ${method} ${rawPath}`);
}

const USER_DEFAULT = ['id', 'displayName', 'mail', 'userPrincipalName'] as const;

/** `GET /users/{id | userPrincipalName}[?$select=…]`: the user (the properties asked for, as Graph does), or 404 Request_ResourceNotFound. */
function userRoute(ctx: RouteContext, ref: string, q: URLSearchParams): RouteResult {
  if (ctx.refuseUsers) throw new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const user = findUser(ctx, ref) as unknown as Record<string, unknown>;
  const select = q
    .get('$select')
    ?.split(',')
    .map((p) => p.trim()) ?? [...USER_DEFAULT];
  const unknown = select.find(
    (p) => !['id', 'displayName', 'mail', 'userPrincipalName', 'companyName', 'department', 'officeLocation'].includes(p),
  );
  if (unknown)
    throw new GraphFault(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  return json(200, Object.fromEntries(['id', ...select].map((p) => [p, user[p] ?? null])));
}

/** `POST /users/{id}/checkMemberGroups {groupIds}`: which of (at most 20) group ids the user is in, transitively. */
function checkMemberGroupsRoute(ctx: RouteContext, ref: string, body: unknown): RouteResult {
  if (ctx.refuseGroupMembership || ctx.refuseUsers)
    throw new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const ids = asObject(body).groupIds;
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string'))
    throw new GraphFault(400, 'Request_BadRequest', 'groupIds must be a collection of strings.');
  if (ids.length > 20) throw new GraphFault(400, 'Request_BadRequest', 'Too many groupIds: at most 20 may be checked at once.');
  // One malformed id fails the whole request, as Graph documents.
  const malformed = (ids as string[]).find((i) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(i));
  if (malformed) throw new GraphFault(400, 'Request_BadRequest', `Invalid object identifier '${malformed}'.`);
  const user = findUser(ctx, ref);
  const memberOf = new Set((user.memberOf ?? []).map((g) => g.toLowerCase()));
  return json(200, { value: (ids as string[]).filter((g) => memberOf.has(g.toLowerCase())) });
}

function findUser(ctx: RouteContext, ref: string): FakeUser {
  const key = ref.toLowerCase();
  const user = ctx.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  if (!user)
    throw new GraphFault(
      404,
      'Request_ResourceNotFound',
      `Resource '${ref}' does not exist or one of its queried reference-property objects are not present.`,
    );
  return user;
}

function listsRoute(ctx: RouteContext, site: FakeSite, method: string, body: unknown): RouteResult {
  if (method === 'GET')
    return json(200, { value: site.lists.map((l) => ({ id: l.id, displayName: l.displayName, name: l.displayName.replace(/\s+/g, '') })) });
  if (method !== 'POST') throw new GraphFault(405, 'BadRequest', 'Method not allowed');
  const b = asObject(body);
  const displayName = String(b.displayName ?? '');
  if (!displayName) throw new GraphFault(400, 'invalidRequest', 'A list needs a displayName.');
  if (site.lists.some((l) => l.displayName === displayName))
    throw new GraphFault(
      409,
      'nameAlreadyExists',
      'A list, survey, discussion board, or document library with the specified title already exists in this Web site.',
    );
  const list: FakeList = {
    id: randomUUID(),
    displayName,
    description: String(b.description ?? ''),
    columns: [],
    items: new Map(),
    nextId: 1,
  };
  for (const c of Array.isArray(b.columns) ? b.columns : []) addColumn(list, asObject(c));
  site.lists.push(list);
  void ctx;
  return json(201, { id: list.id, displayName: list.displayName });
}

function patchColumn(list: FakeList, id: string, body: Record<string, unknown>): Record<string, unknown> {
  const col = list.columns.find((c) => c.id === id);
  if (!col) throw new GraphFault(404, 'itemNotFound', 'Column not found');
  if (typeof body.indexed === 'boolean') col.indexed = body.indexed;
  if (body.choice && typeof body.choice === 'object' && col.facets.choice) col.facets.choice = body.choice;
  if (typeof body.enforceUniqueValues === 'boolean') {
    if (body.enforceUniqueValues && !col.indexed)
      throw new GraphFault(400, 'invalidRequest', 'enforceUniqueValues requires the column to be indexed.');
    col.enforceUniqueValues = body.enforceUniqueValues;
  }
  return columnJson(col);
}

function itemsRoute(
  ctx: RouteContext,
  site: FakeSite,
  list: FakeList,
  method: string,
  rest: string[],
  rawQuery: string,
  headers: Record<string, string | undefined>,
  body: unknown,
): RouteResult {
  const q = new URLSearchParams(rawQuery);
  const { expand, select } = parseExpand(q);
  const ifMatch = headers['if-match'];
  if (rest.length === 0 && method === 'GET') {
    const prefer = (headers.prefer ?? '').includes('HonorNonIndexedQueriesWarningMayFailRandomly');
    const top = Math.min(Number(q.get('$top') ?? 200) || 200, ctx.maxPageSize);
    const after = afterSkipToken(q.get('$skiptoken'));
    const matching = queryItems(list, q.get('$filter') ?? undefined, prefer, ctx.largeListThreshold).filter((i) => Number(i.id) > after);
    const page = matching.slice(0, top);
    const out: Record<string, unknown> = { value: page.map((i) => itemJson(site, list, i, ctx.origin, expand, select)) };
    if (matching.length > top) {
      const kept = rawQuery.split('&').filter((p) => p && !p.startsWith('$skiptoken='));
      const query = [...kept, `$skiptoken=${skipTokenOf(page[page.length - 1]!.id)}`].join('&');
      out['@odata.nextLink'] = `${ctx.origin}/v1.0/sites/${encodeURIComponent(site.id)}/lists/${list.id}/items?${query}`;
    }
    return json(200, out);
  }
  if (rest.length === 0 && method === 'POST') {
    const fields = asObject(asObject(body).fields);
    return json(201, itemJson(site, list, createItem(list, fields), ctx.origin, true, null));
  }
  const id = rest[0]!;
  if (rest.length === 1 && method === 'GET') {
    const item = list.items.get(id);
    if (!item) throw new GraphFault(404, 'itemNotFound', 'The specified list item was not found.');
    return json(200, itemJson(site, list, item, ctx.origin, expand, select));
  }
  if (rest.length === 1 && method === 'DELETE') {
    deleteItem(list, id, ifMatch);
    return { status: 204 };
  }
  if (rest.length === 2 && rest[1] === 'fields' && method === 'PATCH') {
    return json(200, fieldsJson(patchItem(list, id, asObject(body), ifMatch), null));
  }
  throw new GraphFault(400, 'BadRequest', `Unsupported request ${method} items/${rest.join('/')}`);
}

function asObject(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new GraphFault(400, 'BadRequest', 'Expected a JSON object.');
  return v as Record<string, unknown>;
}
