// Helpers for tests against the Azurite the global setup started (test/azure/azurite-setup.ts).
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

/** The connection string of this run's Azurite. */
export function azuriteConnectionString(): string {
  const cs = process.env.WRES_TEST_AZURITE;
  if (!cs) throw new Error('Azurite is not running: test/azure/azurite-setup.ts is a Vitest global setup');
  return cs;
}

/** A queue or container name no other test uses (lower-case letters, digits and hyphens). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function azuriteQueues(): QueueServiceClient {
  return QueueServiceClient.fromConnectionString(azuriteConnectionString());
}

export function azuriteBlobs(): BlobServiceClient {
  return BlobServiceClient.fromConnectionString(azuriteConnectionString());
}
