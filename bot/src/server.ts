import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from './domain/clock.js';
import type { Config } from './config.js';
import { AppError, isAppError } from './errors.js';
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

/**
 * Builds the express app without listening, so tests run it in-process.
 * Routes: GET /healthz, POST /api/messages, /api/* (tab API), /tab/ (static).
 */
export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store, so hashing every JSON body for an ETag is wasted work (static files keep theirs).
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  app.get('/healthz', async (_req, res, next) => {
    try {
      const health = await deps.store.health();
      res.json({ status: 'ok', store: health.kind, actions: health.actions, updates: health.updates, pendingWrites: health.pendingWrites });
    } catch (e) {
      next(e);
    }
  });

  if (deps.botHandler) app.post('/api/messages', express.json({ limit: '1mb' }), deps.botHandler);
  if (deps.apiRouter) app.use('/api', deps.apiRouter);
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'No such API route.')));

  const tabDir = deps.tabDir ?? defaultTabDir();
  if (existsSync(tabDir)) {
    app.use('/tab', express.static(tabDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    // Client-side routes (e.g. /tab/actions/42) get the app shell.
    app.get(/^\/tab(\/.*)?$/, (_req, res) => res.sendFile('index.html', { root: tabDir, headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get(/^\/tab(\/.*)?$/, (_req, res) => res.status(503).type('text/plain').send('The tab has not been built: run `npm run build`.'));
  }
  app.get('/', (_req, res) => res.redirect('/tab/'));

  app.use(errorHandler(deps.logger));
  return app;
}

function noCacheHtml(res: express.Response, path: string) {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

/** The one catch-all for HTTP: AppErrors become their status and message; anything else is logged and hidden. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (isAppError(err)) {
      if (err.status >= 500) logger.error(err.message, { code: err.code, path: req.path });
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_input', message: 'The request body is not valid JSON.' } });
      return;
    }
    logger.error('Unhandled error', { path: req.path, error: err instanceof Error ? err.stack : String(err) });
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  };
}
