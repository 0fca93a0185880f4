import type { BlobLeaseClient, ContainerClient } from '@azure/storage-blob';
import { AppError, describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { storageCall, storageStatus } from './storage-call.js';
import type { CycleHold, CycleLease, LeasedRun } from '../reminders/cycle-lease.js';

/** Azure's limits on a finite blob lease. */
const LEASE_SECONDS = { min: 15, max: 60 } as const;
/** The hold ends this long before the lease would lapse, so this instance stops sending before another can start. */
const SAFETY_MS = 3000;

/** How a `BlobCycleLease` paces itself. */
export interface BlobLeaseOptions {
  /** Lease length, 15–60 s (CYCLE_LEASE_SECONDS). */
  durationSeconds: number;
  /** How often a held lease is renewed; default a third of the duration. */
  renewEveryMs?: number;
  /** Real time: Azure lapses a lease by the wall clock. */
  now?: () => number;
}

/**
 * The cycle lease as a blob lease on `<name>.lease` in one container,
 * renewed while the job runs and released when it ends. Another instance
 * asking meanwhile is told `{ ran: false }`; if the holder dies or stops
 * renewing, the lease lapses after `durationSeconds` and the next asker
 * takes over. The holder's `held()` turns false once a renewal is refused,
 * or SAFETY_MS before the lease would lapse unrenewed, so two instances
 * never send in the same cycle at once.
 */
export class BlobCycleLease implements CycleLease {
  readonly retryAfterMs: number;
  private readonly now: () => number;
  private readonly renewEveryMs: number;

  constructor(
    private readonly container: ContainerClient,
    private readonly options: BlobLeaseOptions,
    private readonly logger: Logger,
  ) {
    const s = options.durationSeconds;
    if (!Number.isInteger(s) || s < LEASE_SECONDS.min || s > LEASE_SECONDS.max)
      throw new AppError('config', `A cycle lease lasts ${LEASE_SECONDS.min} to ${LEASE_SECONDS.max} seconds (got ${s}).`);
    this.now = options.now ?? Date.now;
    this.renewEveryMs = options.renewEveryMs ?? (s * 1000) / 3;
    // Asking is one cheap call: a third of the lease keeps a takeover within a third of a lease of the lapse.
    this.retryAfterMs = (s * 1000) / 3;
  }

  async run<T>(name: string, job: (hold: CycleHold) => Promise<T>): Promise<LeasedRun<T>> {
    const lease = await this.acquire(name);
    if (!lease) return { ran: false };
    const durationMs = this.options.durationSeconds * 1000;
    let validUntil = lease.askedAt + durationMs - SAFETY_MS;
    let lost = false;
    let done = false;
    const renew = async () => {
      const askedAt = this.now();
      try {
        await lease.client.renewLease();
        if (done) return;
        validUntil = askedAt + durationMs - SAFETY_MS;
      } catch (e) {
        // 409: the lease lapsed and another instance has it. Anything else: try again until it would lapse.
        if (done) return;
        if (storageStatus(e) === 409) lost = true;
        this.logger.warn(`Could not renew the ${name} cycle lease`, { error: describeError(e) });
      }
    };
    const timer = setInterval(() => void renew(), this.renewEveryMs);
    timer.unref();
    const hold: CycleHold = { held: () => !lost && this.now() < validUntil };
    try {
      return { ran: true, value: await job(hold) };
    } finally {
      done = true;
      clearInterval(timer);
      if (hold.held())
        await lease.client
          .releaseLease()
          .catch((e: unknown) => this.logger.warn('Could not release the cycle lease', { error: describeError(e) }));
      else this.logger.warn(`This instance lost the ${name} cycle lease before the run ended: another instance may have taken over`);
    }
  }

  /** The lease, or null when another instance holds it. The blob is created the first time a cycle is asked for. */
  private async acquire(name: string): Promise<{ client: BlobLeaseClient; askedAt: number } | null> {
    const blob = this.container.getBlockBlobClient(`${name}.lease`);
    const client = blob.getBlobLeaseClient();
    const askedAt = this.now();
    const take = async () => {
      try {
        await client.acquireLease(this.options.durationSeconds);
        return { client, askedAt };
      } catch (e) {
        if (storageStatus(e) === 409) return null;
        throw e;
      }
    };
    return storageCall(`taking the ${name} cycle lease`, async () => {
      try {
        return await take();
      } catch (e) {
        if (storageStatus(e) !== 404) throw e;
      }
      try {
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
      } catch (e) {
        // Another instance created it first: that is fine.
        if (![409, 412].includes(storageStatus(e))) throw e;
      }
      return take();
    });
  }
}
