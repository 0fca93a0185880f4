import type { Express } from 'express';
import type { ServerResponse } from 'node:http';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { notFound } from './error-handler.js';

/** A build file whose name carries its content hash (Vite: `assets/name-Hash1234.js`): it never changes. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Hashed assets are kept for a year and never revalidated; the app shell is checked on every visit. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHELL = 'no-cache';
const OTHER = 'public, max-age=3600';

function cachePolicy(res: ServerResponse, served: string): void {
  const path = served.replace(/\.(br|gz)$/, '');
  const hashed = path.includes(`${sep}assets${sep}`) && HASHED_ASSET.test(basename(path));
  res.setHeader('Cache-Control', path.endsWith('.html') ? SHELL : hashed ? IMMUTABLE : OTHER);
}

/**
 * Serves the built tab under /tab/: precompressed where the build made
 * copies (else the compression middleware compresses), hashed assets immutable, index.html
 * no-cache, and the app shell for client-side routes (e.g. /tab/actions/42).
 * Without a build, /tab/ answers 503 saying how to build it.
 */
export function mountTab(app: Express, tabDir: string): void {
  if (!existsSync(join(tabDir, 'index.html'))) {
    app.get(/^\/tab(\/.*)?$/, (_req, res) => res.status(503).type('text/plain').send('The tab has not been built: run `npm run build`.'));
    return;
  }
  // The build writes .br and .gz copies of each JS and CSS file (tab/vite.config.ts): sent as they are, brotli first.
  app.use(
    '/tab',
    expressStaticGzip(tabDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: { cacheControl: false, setHeaders: cachePolicy },
    }),
  );
  // A missing asset is a 404, not the app shell (a stale page asking for an old hash must not get HTML as JavaScript).
  app.use('/tab/assets', notFound);
  app.get(/^\/tab(\/.*)?$/, (_req, res) => res.sendFile('index.html', { root: tabDir, headers: { 'Cache-Control': SHELL } }));
}
