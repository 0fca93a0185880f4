import compression from 'compression';
import express, { type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './domain/clock.js';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { securityHeaders } from './http/security-headers.js';
import { mountTab } from './http/static-tab.js';
import type { Logger } from './logger.js';
import type { PlanService } from './service/plan-service.js';
import type { PlanStore } from './store/plan-store.js';

/** Everything the HTTP app needs, built by the caller (main.ts or a test). */
export interface ServerDeps {
  config: Config;
  store: PlanStore;
  service: PlanService;
  clock: Clock;
  logger: Logger;
  /** The bot endpoint (botbuilder CloudAdapter), mounted at POST /api/messages. */
  botHandler?: RequestHandler;
  /** The oversight groups' roll-up API (group-api.ts), mounted at /api/groups ahead of the tab's API. */
  groupRouter?: Router;
  /** The tab's JSON API, mounted under /api. */
  apiRouter?: Router;
  /** Folder with the built tab (index.html); defaults to tab/dist. */
  tabDir?: string;
}

/** The built tab, found from the sources (bot/src) or from the compiled service (dist/bot/src). */
function defaultTabDir(): string {
  const candidates = ['../../tab/dist/', '../../../tab/dist/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

/** A path with a broken %-escape (`%c0%ae`, a lone `%`) is bad input wherever it is going. */
const refuseBrokenPaths: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
    next();
  } catch {
    next(new AppError('bad_input', 'The address is not valid: it contains a broken %-escape.'));
  }
};

/** The largest activity Teams sends is well under this; a bigger body is refused with 413 before the bot sees it. */
const BOT_BODY_LIMIT = '1mb';

/**
 * Builds the express app without listening, so tests run it in-process.
 * Routes: GET /healthz (liveness only, unauthenticated), POST /api/messages, /api/groups (roll-up),
 * /api/* (tab API), /tab/ (static). Every response carries the security
 * headers (security-headers.ts) and is compressed when the client accepts it.
 */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store, so hashing every JSON body for an ETag is wasted work (static files keep theirs).
  app.set('etag', false);
  app.use(securityHeaders({ production: deps.config.isProduction }));
  app.use(compression());
  app.use(refuseBrokenPaths);

  // Liveness for load balancers and scripts: says nothing about the plan (counts are at /api/health, for leads).
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  if (deps.botHandler) app.post('/api/messages', express.json({ limit: BOT_BODY_LIMIT }), deps.botHandler);
  if (deps.groupRouter) app.use('/api/groups', deps.groupRouter);
  if (deps.apiRouter) app.use('/api', deps.apiRouter);
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'No such API route.')));

  mountTab(app, deps.tabDir ?? defaultTabDir());
  app.get('/', (_req, res) => res.redirect('/tab/'));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
