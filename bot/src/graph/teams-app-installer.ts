import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { AppInstaller, InstallResult, InstallTarget } from '../reminders/app-installer.js';
import type { BatchAnswer, BatchStep } from './batch-steps.js';
import { MAX_BATCH, type GraphApi } from './graph-api.js';
import { graphFailure, isRetryableStatus } from './graph-errors.js';
import { GraphUserDirectory } from './user-directory.js';

/** Where the app is in the organisation's Teams app catalogue. */
export interface TeamsAppIds {
  /** TEAMS_APP_CATALOG_ID: the catalogue's own id for the app (not the manifest id). */
  catalogAppId?: string;
  /** TEAMS_APP_ID: the manifest id, to look the catalogue id up once (needs AppCatalog.Read.All) when the catalogue id is not given. */
  manifestAppId?: string;
}

const NOT_INSTALLED = 'the app could not be installed for them';
const REASONS = {
  guest: `${NOT_INSTALLED}: they have a guest account, and Teams apps cannot be installed for guests`,
  noLicence: `${NOT_INSTALLED}: they have no licence that includes Teams`,
  notInTeams: `${NOT_INSTALLED}: Teams has no account for them (no Teams licence, or they have never signed in to Teams)`,
  blocked: `${NOT_INSTALLED}: Teams refused (HTTP 403) — an app permission policy in the Teams admin centre blocks it for them`,
  permission: `${NOT_INSTALLED}: this service is not allowed to install it (grant TeamsAppInstallation.ReadWriteSelfForUser.All; see docs/deploy.md)`,
  notInCatalogue: `${NOT_INSTALLED}: it is not in your organisation's Teams app catalogue (upload it in the Teams admin centre, or check TEAMS_APP_ID)`,
  catalogueRefused: `${NOT_INSTALLED}: this service may not read the Teams app catalogue (set TEAMS_APP_CATALOG_ID, or grant AppCatalog.Read.All)`,
  noCatalogueId: `${NOT_INSTALLED}: neither TEAMS_APP_CATALOG_ID nor TEAMS_APP_ID is set, so the app cannot be found in the catalogue`,
} as const;

const notInDirectory = (who: string) =>
  `${NOT_INSTALLED}: there is no account for ${who} in your organisation's directory (they may have left)`;
const passing = (what: string) => `${NOT_INSTALLED} yet: ${what}; the next run tries again`;

const catalogSchema = z.object({
  value: z.array(z.object({ id: z.string().min(1), distributionMethod: z.string().nullish() })),
});
const installationsSchema = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });
const chatSchema = z.object({ id: z.string().min(1) });

type Catalog = { kind: 'found'; id: string } | { kind: 'refused'; reason: string } | { kind: 'failed'; reason: string };

/**
 * Installs the Teams app for people through Microsoft Graph (`POST
 * /users/{id}/teamwork/installedApps`, application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All), 20 to a `$batch`. Each
 * person is first found in the directory (User.ReadBasic.All) by object id,
 * else email or UPN: someone not there, or a guest, is refused in words
 * before Graph is asked to install. 409 means already installed. Throttled
 * steps are retried by GraphApi's one retry policy.
 */
export class GraphTeamsAppInstaller implements AppInstaller {
  private catalogId: string | null = null;
  private permissionLogged = false;

  constructor(
    private readonly graph: GraphApi,
    private readonly ids: TeamsAppIds,
    private readonly logger: Logger,
  ) {
    if (ids.catalogAppId) this.catalogId = ids.catalogAppId;
  }

  async install(targets: readonly InstallTarget[]): Promise<Map<string, InstallResult>> {
    const { results, found } = await this.inDirectory(targets);
    if (found.length === 0) return results;
    const catalog = await this.catalog();
    if (catalog.kind !== 'found') {
      for (const { target } of found) results.set(target.key, catalog);
      return results;
    }
    const bind = `${this.graph.origin}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalog.id)}`;
    const steps = found.map(({ id }, i) => ({
      id: String(i),
      method: 'POST' as const,
      url: `/users/${encodeURIComponent(id)}/teamwork/installedApps`,
      body: { 'teamsApp@odata.bind': bind },
    }));
    const replies = await this.batchAll(steps, 'installing the Teams app for action owners');
    const answers = found.map(({ target, id }, i) => [target.key, this.installAnswer(replies.get(String(i)), id)] as const);
    for (const [key, answer] of answers) results.set(key, answer);
    if (answers.every(([, a]) => a.kind === 'refused' && a.reason === REASONS.blocked))
      this.logger.warn(
        "Teams refused every installation with 403: unless a policy blocks the app for all of them, the Entra app calling Graph is not the one in the manifest's webApplicationInfo (docs/deploy.md)",
      );
    return results;
  }

  async chatIds(aadObjectIds: readonly string[]): Promise<Map<string, string>> {
    const chats = new Map<string, string>();
    if (!this.catalogId || aadObjectIds.length === 0) return chats;
    const filter = encodeURIComponent(`teamsApp/id eq '${this.catalogId.replace(/'/g, "''")}'`);
    const user = (id: string) => `/users/${encodeURIComponent(id)}/teamwork/installedApps`;
    const found = await this.batchAll(
      aadObjectIds.map((id, i) => ({ id: String(i), method: 'GET' as const, url: `${user(id)}?$expand=teamsApp&$filter=${filter}` })),
      "finding the app's chat with action owners",
    );
    const installations = aadObjectIds.flatMap((id, i) => {
      const reply = found.get(String(i));
      const parsed = reply?.status === 200 ? installationsSchema.safeParse(reply.body) : undefined;
      const installation = parsed?.success ? parsed.data.value[0] : undefined;
      return installation ? [{ id, installation: installation.id }] : [];
    });
    const replies = await this.batchAll(
      installations.map((x, i) => ({
        id: String(i),
        method: 'GET' as const,
        url: `${user(x.id)}/${encodeURIComponent(x.installation)}/chat`,
      })),
      "finding the app's chat with action owners",
    );
    installations.forEach((x, i) => {
      const reply = replies.get(String(i));
      const chat = reply?.status === 200 ? chatSchema.safeParse(reply.body) : undefined;
      if (chat?.success) chats.set(x.id, chat.data.id);
    });
    return chats;
  }

  /**
   * Finds each target in the directory (a fresh look-up each run: someone
   * who joined or left since is seen). Those not there, guests, and those
   * the directory could not be asked about get their answer now.
   */
  private async inDirectory(
    targets: readonly InstallTarget[],
  ): Promise<{ results: Map<string, InstallResult>; found: { target: InstallTarget; id: string }[] }> {
    const results = new Map<string, InstallResult>();
    const answers = await new GraphUserDirectory(this.graph, this.logger).lookUp(targets.map(lookupKey));
    const found: { target: InstallTarget; id: string }[] = [];
    for (const target of targets) {
      const answer = answers.get(lookupKey(target).toLowerCase());
      if (!answer || answer.kind === 'unknown')
        results.set(target.key, { kind: 'failed', reason: passing(`the directory could not be searched (HTTP ${answer?.status ?? 0})`) });
      else if (answer.kind === 'not-found') results.set(target.key, { kind: 'refused', reason: notInDirectory(lookupKey(target)) });
      else if (/#EXT#/i.test(answer.userPrincipalName)) results.set(target.key, { kind: 'refused', reason: REASONS.guest });
      else found.push({ target, id: answer.id });
    }
    return { results, found };
  }

  /** The catalogue id: from configuration, else looked up once by the manifest id (a failed look-up is tried again next run). */
  private async catalog(): Promise<Catalog> {
    if (this.catalogId) return { kind: 'found', id: this.catalogId };
    const manifestId = this.ids.manifestAppId;
    if (!manifestId) return { kind: 'refused', reason: REASONS.noCatalogueId };
    try {
      const filter = encodeURIComponent(`externalId eq '${manifestId.replace(/'/g, "''")}'`);
      const apps = catalogSchema.parse(
        await this.graph.get(`/appCatalogs/teamsApps?$filter=${filter}`, 'finding the app in the Teams catalogue'),
      );
      const app = apps.value.find((a) => a.distributionMethod?.toLowerCase() === 'organization') ?? apps.value[0];
      if (!app) return { kind: 'refused', reason: REASONS.notInCatalogue };
      this.catalogId = app.id;
      return { kind: 'found', id: app.id };
    } catch (e) {
      const status = graphFailure(e)?.status ?? -1;
      if (status === 401 || status === 403) return { kind: 'refused', reason: REASONS.catalogueRefused };
      return {
        kind: 'failed',
        reason: passing(`the Teams app catalogue could not be read (${status === -1 ? 'no answer' : `HTTP ${status}`})`),
      };
    }
  }

  private installAnswer(reply: BatchAnswer | undefined, aadObjectId: string): InstallResult {
    const status = reply?.status ?? 0;
    if (status === 200 || status === 201) return { kind: 'installed', aadObjectId, already: false };
    if (status === 409) return { kind: 'installed', aadObjectId, already: true };
    const message = errorMessage(reply);
    if (status === 403 && /missing (role|scope) permissions/i.test(message)) {
      if (!this.permissionLogged)
        this.logger.error('Graph refused to install the Teams app: grant TeamsAppInstallation.ReadWriteSelfForUser.All (docs/deploy.md)');
      this.permissionLogged = true;
      return { kind: 'refused', reason: REASONS.permission };
    }
    if (status === 403) return { kind: 'refused', reason: /licen[cs]e/i.test(message) ? REASONS.noLicence : REASONS.blocked };
    if (status === 404) return { kind: 'refused', reason: REASONS.notInTeams };
    if (status === 400) return { kind: 'refused', reason: `${NOT_INSTALLED}: Teams refused the installation (HTTP 400)` };
    const what =
      status === 0
        ? 'Microsoft Graph could not be reached'
        : isRetryableStatus(status)
          ? `Microsoft Graph was busy (HTTP ${status})`
          : `Microsoft Graph answered HTTP ${status}`;
    return { kind: 'failed', reason: passing(what) };
  }

  private async batchAll(steps: BatchStep[], doing: string): Promise<Map<string, BatchAnswer>> {
    const replies = new Map<string, BatchAnswer>();
    for (let i = 0; i < steps.length; i += MAX_BATCH) {
      try {
        for (const [id, reply] of await this.graph.batch(steps.slice(i, i + MAX_BATCH), doing)) replies.set(id, reply);
      } catch (e) {
        this.logger.warn(`Microsoft Graph could not be reached while ${doing}`, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return replies;
  }
}

/** How the directory is asked for a person: object id first, else email. */
function lookupKey(t: InstallTarget): string {
  return t.aadObjectId ?? t.email ?? '';
}

function errorMessage(reply: BatchAnswer | undefined): string {
  const m = (reply?.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof m === 'string' ? m : '';
}
