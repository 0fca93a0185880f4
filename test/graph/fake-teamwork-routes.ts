// The Graph endpoints proactive installation uses, over an in-memory Teams:
// the organisation's app catalogue, each user's installed apps and the 1:1
// chat an installation opens. Faults as Graph answers them: 403 when a policy
// blocks the app, a user has no licence or the caller lacks the permission;
// 404 for a user Teams does not know; 409 when the app is already installed.
import { randomUUID } from 'node:crypto';
import { GraphFault } from './fake-sharepoint.js';
import type { FakeUser, RouteResult } from './fake-graph-routes.js';

/** An app in the organisation's catalogue (`id` is the catalogue's, `externalId` the manifest's). */
interface FakeTeamsApp {
  id: string;
  externalId: string;
  displayName: string;
  distributionMethod: 'organization' | 'store' | 'sideloaded';
}

/** The app installed in one user's personal scope, and the chat with the bot it opened. */
interface FakeInstallation {
  id: string;
  userId: string;
  teamsAppId: string;
  chatId: string;
}

/** Teams as the routes see it; tests add apps and set the faults. */
export interface FakeTeams {
  apps: FakeTeamsApp[];
  installations: FakeInstallation[];
  /** User ids for whom an app permission policy blocks the app. */
  blocked: Set<string>;
  /** User ids with no licence that includes Teams. */
  unlicensed: Set<string>;
  /** User ids Teams has no account for (never signed in to Teams). */
  notInTeams: Set<string>;
  /** The caller lacks TeamsAppInstallation.ReadWriteSelfForUser.All. */
  missingPermission: boolean;
  /** The caller lacks AppCatalog.Read.All. */
  refuseCatalog: boolean;
  /** Called for each new installation, as Teams then sends the bot a conversationUpdate. */
  onInstall: ((user: FakeUser, installation: FakeInstallation) => void) | null;
}

/** An empty Teams with no apps. */
export function newFakeTeams(): FakeTeams {
  return {
    apps: [],
    installations: [],
    blocked: new Set(),
    unlicensed: new Set(),
    notInTeams: new Set(),
    missingPermission: false,
    refuseCatalog: false,
    onInstall: null,
  };
}

const json = (status: number, body?: unknown): RouteResult => (body === undefined ? { status } : { status, body });

/** Reads `field eq 'value'` out of a `$filter` (the only form these endpoints are asked). */
function filterValue(filter: string | null, field: string): string | undefined {
  const m = filter ? new RegExp(`^${field.replace('/', '\\/')} eq '((?:[^']|'')*)'$`).exec(filter.trim()) : null;
  return m ? m[1]!.replace(/''/g, "'") : undefined;
}

/** `GET /appCatalogs/teamsApps?$filter=externalId eq '…'`. */
export function catalogRoute(teams: FakeTeams, method: string, query: URLSearchParams): RouteResult {
  if (method !== 'GET') throw new GraphFault(405, 'BadRequest', 'Method not allowed');
  if (teams.refuseCatalog)
    throw new GraphFault(403, 'Forbidden', "Missing role permissions on the request. API requires one of 'AppCatalog.Read.All'.");
  const externalId = filterValue(query.get('$filter'), 'externalId');
  return json(200, { value: teams.apps.filter((a) => externalId === undefined || a.externalId === externalId) });
}

/** `…/users/{user}/teamwork/installedApps[/{id}/chat]`: `rest` is the path after `installedApps`. */
export function installedAppsRoute(
  teams: FakeTeams,
  user: FakeUser,
  method: string,
  rest: string[],
  query: URLSearchParams,
  body: unknown,
): RouteResult {
  if (teams.missingPermission)
    throw new GraphFault(
      403,
      'Forbidden',
      "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'. Roles on the request 'Sites.Selected, User.ReadBasic.All'.",
    );
  if (teams.notInTeams.has(user.id)) throw new GraphFault(404, 'NotFound', 'Not Found');
  const mine = teams.installations.filter((i) => i.userId === user.id);
  if (rest.length === 0 && method === 'POST') return install(teams, user, body);
  if (rest.length === 0 && method === 'GET') {
    const filter = query.get('$filter');
    const byId = filterValue(filter, 'teamsApp/id');
    const byExternal = filterValue(filter, 'teamsApp/externalId');
    const expand = (query.get('$expand') ?? '').includes('teamsApp');
    const value = mine
      .map((i) => ({ installation: i, app: teams.apps.find((a) => a.id === i.teamsAppId)! }))
      .filter(({ app }) => (byId === undefined || app.id === byId) && (byExternal === undefined || app.externalId === byExternal))
      .map(({ installation, app }) => ({ id: installation.id, ...(expand ? { teamsApp: app } : {}) }));
    return json(200, { value });
  }
  if (rest.length === 2 && rest[1] === 'chat' && method === 'GET') {
    const installation = mine.find((i) => i.id === rest[0]);
    if (!installation) throw new GraphFault(404, 'NotFound', 'The installation was not found.');
    return json(200, { id: installation.chatId, chatType: 'oneOnOne', topic: null });
  }
  throw new GraphFault(400, 'BadRequest', `Unsupported request ${method} installedApps/${rest.join('/')}`);
}

function install(teams: FakeTeams, user: FakeUser, body: unknown): RouteResult {
  const bind = (body as Record<string, unknown> | null)?.['teamsApp@odata.bind'];
  const appId = typeof bind === 'string' ? /\/v1\.0\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
  const app = teams.apps.find((a) => a.id === decodeURIComponent(appId ?? ''));
  if (!app) throw new GraphFault(400, 'BadRequest', 'teamsApp@odata.bind must name an app in the catalogue.');
  if (teams.unlicensed.has(user.id))
    throw new GraphFault(
      403,
      'Forbidden',
      'Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.',
    );
  if (teams.blocked.has(user.id)) throw new GraphFault(403, 'Forbidden', 'The app is blocked by the app permission policy for this user.');
  if (teams.installations.some((i) => i.userId === user.id && i.teamsAppId === app.id))
    throw new GraphFault(409, 'Conflict', 'App is already installed for this user.');
  const installation: FakeInstallation = {
    id: Buffer.from(`${user.id}##${app.id}`).toString('base64url'),
    userId: user.id,
    teamsAppId: app.id,
    chatId: `19:${user.id}_${randomUUID()}@unq.gbl.spaces`,
  };
  teams.installations.push(installation);
  teams.onInstall?.(user, installation);
  return json(201);
}
