import react from '@vitejs/plugin-react';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

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

/**
 * Builds the tab into tab/dist, served by the service at /tab/. The app's
 * chunks (React, Fluent UI) are deliberately not preloaded from index.html:
 * the start-up script (main.tsx) draws the plan's first screen with plain DOM
 * and asks for the app right after; preloading them made the first screen
 * later (an A/B run of bench/tab-start.bench.ts, load 11: medians 634 ms with, 545 ms without).
 */
export default defineConfig({
  root,
  base: '/tab/',
  plugins: [react(), precompress()],
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
