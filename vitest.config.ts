import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'bot/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser and SQLite tests are heavy; two workers suit the 2-core machines.
    maxWorkers: 2,
    // A throwaway HTTPS certificate for the local Graph server, trusted via NODE_EXTRA_CA_CERTS before workers start;
    // Azurite (Azure Storage emulator) for the queue outbox and cycle lease, once per run.
    globalSetup: ['test/graph/tls-setup.ts', 'test/azure/azurite-setup.ts', 'test/global-setup.ts'],
  },
});
