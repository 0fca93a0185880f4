/**
 * Azure Storage configuration: the settings that must go together, and the
 * start-up check that refuses to start when a configured account cannot be
 * used (several instances would otherwise each keep their own outbox and
 * run their own cycles).
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertAzureStorageReady, azureStorageFromConfig, cycleLeaseFromConfig } from '../../bot/src/azure/azure-storage.js';
import { loadConfig } from '../../bot/src/config.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { singleInstance } from '../../bot/src/reminders/cycle-lease.js';
import { azuriteConnectionString, uniqueName } from './azurite.js';

const QUEUE = 'https://wrestest.queue.core.windows.net/';
const BLOB = 'https://wrestest.blob.core.windows.net/';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Azure Storage settings', () => {
  it('without a storage account: one instance, no lease, the SQLite outbox', () => {
    const config = loadConfig({});
    expect(azureStorageFromConfig(config)).toBeNull();
    expect(cycleLeaseFromConfig(config, memoryLogger())).toBe(singleInstance);
  });

  it('refuses a queue URL without a blob URL, and URLs together with a connection string, naming the variables', () => {
    expect(() => loadConfig({ AZURE_STORAGE_QUEUE_URL: QUEUE })).toThrow(/AZURE_STORAGE_QUEUE_URL and AZURE_STORAGE_BLOB_URL go together/);
    expect(() =>
      loadConfig({
        AZURE_STORAGE_QUEUE_URL: QUEUE,
        AZURE_STORAGE_BLOB_URL: BLOB,
        AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      }),
    ).toThrow(/not both/);
    expect(() => loadConfig({ CYCLE_LEASE_SECONDS: '90' })).toThrow(/CYCLE_LEASE_SECONDS/);
    expect(() => loadConfig({ OUTBOX_QUEUE: 'Bad_Name' })).toThrow(/OUTBOX_QUEUE/);
  });

  it('starts when the configured account answers: creates the outbox queues and the lease container', async () => {
    const config = loadConfig({
      STORE: 'sharepoint',
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      OUTBOX_QUEUE: uniqueName('outbox'),
      CYCLE_LEASE_CONTAINER: uniqueName('cycles'),
    });
    await assertAzureStorageReady(config, memoryLogger());
    const storage = azureStorageFromConfig(config)!;
    expect(await storage.queues.getQueueClient(`${config.OUTBOX_QUEUE}-poison`).exists()).toBe(true);
    expect(await storage.blobs.getContainerClient(config.CYCLE_LEASE_CONTAINER).exists()).toBe(true);
  });

  it('refuses to start when the configured account cannot be reached, saying what to check', async () => {
    const port = await closedPort();
    const unreachable = azuriteConnectionString().replace(/127\.0\.0\.1:\d+/g, `127.0.0.1:${port}`);
    const config = loadConfig({ NODE_ENV: 'production', STORE: 'sharepoint', AZURE_STORAGE_CONNECTION_STRING: unreachable });
    const refused = assertAzureStorageReady(config, memoryLogger());
    await expect(refused).rejects.toMatchObject({ code: 'config' });
    await expect(refused).rejects.toThrow(
      /will not start: a storage account is configured \(AZURE_STORAGE_CONNECTION_STRING\) but cannot be used/,
    );
    await expect(refused).rejects.toThrow(/Storage Queue Data Contributor and Storage Blob Data Contributor/);
  });
});
