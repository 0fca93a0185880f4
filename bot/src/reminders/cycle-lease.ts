/** What a job running under the cycle lease asks before each send. */
export interface CycleHold {
  /** True while this instance still holds the cycle; once false, stop sending: another instance may take over. */
  held(): boolean;
}

/** How a `CycleLease.run` ended: the job's result, or nothing because another instance holds the cycle. */
export type LeasedRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Keeps a reminder or digest cycle to one instance at a time (port;
 * adapters: `singleInstance` with no storage account, `BlobCycleLease` on
 * an Azure blob lease). It guards "the cycle" by name, whatever the cycle
 * covers; each reminder's own ledger claim still decides who sends it.
 * Holding the cycle is what keeps the combined send rate of several
 * instances within Teams' per-tenant limit.
 */
export interface CycleLease {
  /** Runs `job` holding the cycle called `name`, or resolves `{ ran: false }` at once when another instance holds it. */
  run<T>(name: string, job: (hold: CycleHold) => Promise<T>): Promise<LeasedRun<T>>;
  /** How long to wait before asking again after `{ ran: false }` (a lease that is not renewed lapses and is then taken over). */
  readonly retryAfterMs: number;
}

/** One instance, no shared storage: the cycle is always this process's (today's behaviour). */
export const singleInstance: CycleLease = {
  run: async (_name, job) => ({ ran: true, value: await job({ held: () => true }) }),
  retryAfterMs: 0,
};
