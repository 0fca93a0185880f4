import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/main', test: { include: ['test/reminders/**/*.test.ts'], environment: 'node', testTimeout: 30_000, globalSetup: ['test/graph/tls-setup.ts'] } });
