import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'bot/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and SQLite tests are heavy; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
