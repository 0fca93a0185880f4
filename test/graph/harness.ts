// Shared set-up for the SharePoint store tests: a local Graph server, a client signed in
// against it (client secret via its local authority), provisioned lists and a store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock, type Timer } from '../../bot/src/domain/clock.js';
import type { GraphApi } from '../../bot/src/graph/graph-api.js';
import { createGraphClient } from '../../bot/src/graph/graph-client.js';
import { createGraphCredential } from '../../bot/src/graph/graph-credential.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { GraphPlanStore } from '../../bot/src/store/sharepoint/graph-plan-store.js';
import type { UpdateOutbox } from '../../bot/src/store/outbox/update-outbox.js';
import type { FlushPacing } from '../../bot/src/store/sharepoint/outbox-sync.js';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { SkippingTimer } from '../reminders/virtual-timer.js';
import { startGraphServer, type GraphServer, type GraphServerOptions } from './graph-server.js';

/** The environment that points the service or `wres` at `server`'s site (client-secret sign-in), its outbox at `outboxPath`. */
export function sharepointEnv(server: GraphServer, outboxPath: string): Record<string, string> {
  return {
    STORE: 'sharepoint',
    GRAPH_BASE_URL: server.origin,
    AZURE_AUTHORITY_HOST: server.origin,
    GRAPH_TENANT_ID: server.identity.tenantId,
    GRAPH_CLIENT_ID: server.identity.clientId,
    GRAPH_CLIENT_SECRET: server.identity.clientSecret,
    SHAREPOINT_SITE_URL: 'https://contoso.sharepoint.com/sites/wres',
    OUTBOX_PATH: outboxPath,
  };
}

/** A Graph client for `server`, signing in with its test client secret. */
export function clientFor(server: GraphServer, opts: { timeoutMs?: number; maxRetries?: number } = {}): GraphApi {
  const credential = createGraphCredential({
    GRAPH_TENANT_ID: server.identity.tenantId,
    GRAPH_CLIENT_ID: server.identity.clientId,
    GRAPH_CLIENT_SECRET: server.identity.clientSecret,
    AZURE_AUTHORITY_HOST: server.origin,
  });
  return createGraphClient({
    baseUrl: server.origin,
    credential,
    timeoutMs: opts.timeoutMs ?? 5000,
    maxRetries: opts.maxRetries ?? 3,
    // Retries wait on a timer that moves at once: the stand-in never holds a Retry-After against us.
    timer: new SkippingTimer(),
  });
}

export interface StoreRig {
  server: GraphServer;
  graph: GraphApi;
  dir: string;
  outboxPath: string;
  logger: ReturnType<typeof memoryLogger>;
  /** Opens (and initialises) a store on the rig's server and outbox. */
  open(overrides?: {
    clock?: Clock;
    cacheSeconds?: number;
    graph?: GraphApi;
    timer?: Timer;
    pacing?: Partial<FlushPacing>;
    /** The outbox to queue in (default: SQLite at `outboxPath`). */
    openOutbox?: () => Promise<UpdateOutbox>;
  }): Promise<GraphPlanStore>;
  close(): Promise<void>;
}

/** Starts a server, provisions the lists, and returns a rig that opens stores on it. */
export async function startRig(
  opts: GraphServerOptions & { provision?: boolean; timeoutMs?: number; maxRetries?: number } = {},
): Promise<StoreRig> {
  const server = await startGraphServer(opts);
  const graph = clientFor(server, opts);
  if (opts.provision !== false) await provisionLists(clientFor(server), server.site.id, loadListSpecs());
  const dir = mkdtempSync(join(tmpdir(), 'wres-graph-store-'));
  const logger = memoryLogger();
  const opened: GraphPlanStore[] = [];
  const rig: StoreRig = {
    server,
    graph,
    dir,
    outboxPath: join(dir, 'outbox.db'),
    logger,
    async open(o = {}) {
      const store = new GraphPlanStore({
        graph: o.graph ?? graph,
        site: { siteUrl: 'https://contoso.sharepoint.com/sites/wres' },
        outboxPath: rig.outboxPath,
        clock: o.clock ?? systemClock,
        logger,
        cacheSeconds: o.cacheSeconds ?? 30,
        pacing: o.pacing ?? { autoFlush: false },
        ...(o.timer ? { timer: o.timer } : {}),
        ...(o.openOutbox ? { openOutbox: o.openOutbox } : {}),
      });
      await store.init();
      opened.push(store);
      return store;
    },
    async close() {
      for (const s of opened) await s.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}
