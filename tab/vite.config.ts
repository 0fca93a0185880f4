import react from '@vitejs/plugin-react';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The start-up script (main.tsx) is tiny and imports the app itself lazily,
 * so its data requests go out before React and Fluent UI are parsed. This
 * adds `<link rel="modulepreload">` for the app's chunks to index.html, so
 * the browser downloads them alongside the start-up script rather than after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'wres-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/app-root.tsx'));
        if (!app) return [];
        const files = [app.fileName, ...app.imports];
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/tab/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * Writes a brotli (quality 11) and a gzip (level 9) copy beside each built JS
 * and CSS file, so the service sends them as they are (static-tab.ts) instead
 * of compressing them again for every browser that has not cached them yet.
 */
function precompress(): Plugin {
  return {
    name: 'wres-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        const path = join(options.dir ?? join(root, 'dist'), file.fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/** Builds the tab into tab/dist, served by the service at /tab/. */
export default defineConfig({
  root,
  base: '/tab/',
  plugins: [react(), preloadApp(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite tab` during development: the API runs on the service (npm run dev).
    proxy: { '/api': 'http://localhost:3978' },
  },
});
