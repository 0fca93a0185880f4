import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Builds the tab into tab/dist, served by the service at /tab/. */
export default defineConfig({
  root,
  base: '/tab/',
  plugins: [react()],
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
