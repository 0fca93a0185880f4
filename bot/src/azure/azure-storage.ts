import { ManagedIdentityCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { Config } from '../config.js';
import { AppError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CycleLease } from '../reminders/cycle-lease.js';
import { singleInstance } from '../reminders/cycle-lease.js';
import { QueueOutbox } from '../store/outbox/queue-outbox.js';
import type { UpdateOutbox } from '../store/outbox/update-outbox.js';
import { BlobCycleLease } from './blob-cycle-lease.js';

type StorageConfig = Pick<
  Config,
  | 'AZURE_STORAGE_QUEUE_URL'
  | 'AZURE_STORAGE_BLOB_URL'
  | 'AZURE_STORAGE_CLIENT_ID'
  | 'AZURE_STORAGE_CONNECTION_STRING'
  | 'OUTBOX_QUEUE'
  | 'CYCLE_LEASE_CONTAINER'
  | 'CYCLE_LEASE_SECONDS'
>;

/** The storage account several instances share: its queue and blob services. */
export interface AzureStorage {
  queues: QueueServiceClient;
  blobs: BlobServiceClient;
}

/**
 * The one place that builds Azure Storage clients: from the connection
 * string (Azurite), else from the queue and blob URLs with the managed
 * identity (user-assigned when AZURE_STORAGE_CLIENT_ID is given); null when
 * no storage account is configured (one instance, today's behaviour).
 */
export function azureStorageFromConfig(c: StorageConfig): AzureStorage | null {
  if (c.AZURE_STORAGE_CONNECTION_STRING) {
    return {
      queues: QueueServiceClient.fromConnectionString(c.AZURE_STORAGE_CONNECTION_STRING, { retryOptions: RETRY }),
      blobs: BlobServiceClient.fromConnectionString(c.AZURE_STORAGE_CONNECTION_STRING, { retryOptions: RETRY }),
    };
  }
  if (!c.AZURE_STORAGE_QUEUE_URL || !c.AZURE_STORAGE_BLOB_URL) return null;
  const credential = new ManagedIdentityCredential(c.AZURE_STORAGE_CLIENT_ID ? { clientId: c.AZURE_STORAGE_CLIENT_ID } : {});
  return {
    queues: new QueueServiceClient(c.AZURE_STORAGE_QUEUE_URL, credential, { retryOptions: RETRY }),
    blobs: new BlobServiceClient(c.AZURE_STORAGE_BLOB_URL, credential, { retryOptions: RETRY }),
  };
}

/**
 * Retries of a failed storage call (the SDK's policy: 5xx, 429 and network
 * errors, exponential back-off), set once here. Shorter than the SDK's
 * default (up to about half a minute): an author waits on the outbox, and a
 * cycle lease must be renewed well within its length.
 */
const RETRY = { maxTries: 3, retryDelayInMs: 250, maxRetryDelayInMs: 2000, tryTimeoutInMs: 10_000 };

/** The outbox queue (and its `-poison` queue) in `storage`, opened (created when missing). */
export function openQueueOutbox(storage: AzureStorage, c: Pick<Config, 'OUTBOX_QUEUE'>, logger: Logger): Promise<UpdateOutbox> {
  return QueueOutbox.open(storage.queues.getQueueClient(c.OUTBOX_QUEUE), storage.queues.getQueueClient(`${c.OUTBOX_QUEUE}-poison`), logger);
}

/** The cycle lease: a blob lease in CYCLE_LEASE_CONTAINER when a storage account is configured, else one instance's. */
export function cycleLeaseFromConfig(c: StorageConfig, logger: Logger): CycleLease {
  const storage = azureStorageFromConfig(c);
  if (!storage) return singleInstance;
  return new BlobCycleLease(storage.blobs.getContainerClient(c.CYCLE_LEASE_CONTAINER), { durationSeconds: c.CYCLE_LEASE_SECONDS }, logger);
}

/**
 * Start-up check: with a storage account configured, its outbox queues and
 * lease container must be reachable (created when missing), or the service
 * refuses to start, saying what to check. Several instances that could not
 * share them would each keep their own outbox and run their own cycles.
 */
export async function assertAzureStorageReady(c: StorageConfig & Pick<Config, 'STORE'>, logger: Logger): Promise<void> {
  const storage = azureStorageFromConfig(c);
  if (!storage) return;
  try {
    if (c.STORE === 'sharepoint') await (await openQueueOutbox(storage, c, logger)).close();
    await storage.blobs.getContainerClient(c.CYCLE_LEASE_CONTAINER).createIfNotExists();
  } catch (e) {
    const where = c.AZURE_STORAGE_CONNECTION_STRING ? 'AZURE_STORAGE_CONNECTION_STRING' : 'AZURE_STORAGE_QUEUE_URL/AZURE_STORAGE_BLOB_URL';
    throw new AppError(
      'config',
      `The service will not start: a storage account is configured (${where}) but cannot be used (${describeError(e instanceof AppError && e.cause ? e.cause : e)}). ` +
        "Check the URLs, the account's network rules, and that the app's managed identity has the Storage Queue Data Contributor and Storage Blob Data Contributor roles on it.",
      { cause: e },
    );
  }
}
