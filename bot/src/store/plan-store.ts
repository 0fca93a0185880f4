import type { BankHoliday } from '../domain/bank-holidays.js';
import type { ActionMove } from '../domain/action-move.js';
import type { ClaimResult } from '../domain/reminder-ledger.js';
import type { Action, ConversationRef, IndicatorMetric, ProgressUpdate, ReminderSent } from '../domain/model.js';
import type { ImportDiff, ImportedAction, ImportSummary } from '../domain/plan-import.js';

export type { ImportedAction, ImportedProgress, ImportSummary, NewAction } from '../domain/plan-import.js';

/**
 * A progress-log entry to record, with the action state it leaves behind:
 * a progress update, a reassignment (`next.owner`) or a carry-over
 * (`next.carriedTo`). Stores apply `next` with `applyMove`.
 */
export interface RecordUpdateCommand {
  update: Omit<ProgressUpdate, 'id'>;
  /** The action version the author saw; a different current version is a conflict. */
  expectedVersion: number;
  next: ActionMove;
}

export type RecordUpdateResult =
  /**
   * Stored now. `history` is the action's progress log with this update,
   * oldest first (what a receipt shows). `pending: true` (SharePoint store
   * only): SharePoint could not be reached, the update is safe in the local
   * outbox and will be delivered later; show "saved — syncing". `update.id`
   * is then provisional and `history` holds only what is known locally.
   */
  | { kind: 'recorded'; action: Action; update: ProgressUpdate; history: ProgressUpdate[]; pending?: boolean }
  /** The same submission (same requestId, action, author and content) was stored before: nothing written, the earlier update returned. */
  | { kind: 'duplicate'; action: Action; update: ProgressUpdate; history: ProgressUpdate[]; pending?: boolean }
  /** The action changed since `expectedVersion`: nothing written, the current action returned. */
  | { kind: 'conflict'; action: Action }
  /**
   * The requestId belongs to a different stored update (another action,
   * author or note; see `requestIdReuse`): nothing written, the action as it
   * stands and `reason`, in words for the author.
   */
  | { kind: 'refused'; action: Action; reason: string };

/** What the store reports about itself for /healthz and `wres status`. */
export interface StoreHealth {
  kind: string;
  actions: number;
  updates: number;
  /** Writes accepted locally but not yet in the system of record (SharePoint outbox). */
  pendingWrites: number;
  /** Writes the outbox set aside because they can never be delivered (kept for a person to look at); SharePoint only. */
  failedWrites?: number;
}

/** Key of a reminder ledger entry. */
export type ReminderKey = Pick<ReminderSent, 'actionId' | 'stage' | 'dueDate'>;

/** A claim on a reminder: who it is for, when it was claimed (`sentAt`) and when its lease runs out. */
export type ReminderClaim = Pick<ReminderSent, 'actionId' | 'stage' | 'dueDate' | 'recipient' | 'sentAt'> & { leaseUntil: string };

export type { ClaimResult } from '../domain/reminder-ledger.js';

/**
 * The port every plan store implements (SQLite on a laptop, SharePoint
 * through Graph in production). One contract test suite runs against each.
 * All methods reject with an `AppError` on failure.
 */
export interface PlanStore {
  readonly kind: string;
  /** Runs migrations or checks the backing lists exist. Call once before use. */
  init(): Promise<void>;
  close(): Promise<void>;
  health(): Promise<StoreHealth>;

  listActions(): Promise<Action[]>;
  getAction(id: string): Promise<Action | null>;

  /**
   * Applies `diffImport` (domain/plan-import.ts) to the store: creates or
   * updates actions by (planYear, ref) — in one transaction where the store
   * has them — and adds the history entries not already present.
   * Re-applying the same import changes nothing. Reads the store in bulk,
   * never once per action. Rejects with `bad_input` when the plan repeats a
   * (planYear, ref).
   */
  importActions(items: ImportedAction[], importedAt: string): Promise<ImportSummary>;
  /** The diff `importActions` would apply now, writing nothing (the dry run). Same reads, same refusals. */
  previewImport(items: ImportedAction[], importedAt: string): Promise<ImportDiff>;

  /**
   * Appends a progress-log entry and moves the action to `next` atomically
   * (a progress update, a reassignment or a carry-over: see `ActionMove`).
   * A stored `requestId` is checked first: the same submission again is a
   * no-op (duplicate), so a retry is never reported as a conflict with
   * itself; a different one reusing the key is `refused`. A stale
   * `expectedVersion` is refused (conflict). Rejects with code `not_found`
   * for an unknown action.
   */
  recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult>;

  /** The action's progress log, oldest first. */
  listUpdates(actionId: string): Promise<ProgressUpdate[]>;
  /** Every progress update submitted at or after `sinceIso`, oldest first. */
  listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]>;

  /**
   * Claims a reminder before it is sent, with a lease until
   * `claim.leaseUntil`, atomically (exactly one caller wins): a new key, a
   * failed entry or a pending entry whose lease has run out is claimed (the
   * result says which; `attempts` goes up by one); a sent entry or a live
   * claim answers `held`. The rule is `claimOver` in domain/reminder-ledger.ts.
   */
  claimReminder(claim: ReminderClaim): Promise<ClaimResult>;
  /** Marks a claimed reminder as delivered. Rejects with `not_found` when there is no entry. */
  markReminderSent(key: ReminderKey, sentAt: string): Promise<void>;
  /**
   * Records that a claimed reminder could not be delivered, and why: the
   * entry stays visible as `failed` and the next claim retries it. An entry
   * already sent (by a run that took it over) stays sent.
   */
  markReminderFailed(key: ReminderKey, failure: { reason: string; at: string }): Promise<void>;
  listReminders(actionId?: string): Promise<ReminderSent[]>;

  saveConversation(ref: ConversationRef): Promise<void>;
  getConversation(aadObjectId: string): Promise<ConversationRef | null>;
  listConversations(): Promise<ConversationRef[]>;
  /**
   * First contact: gives every action owned by `email` (any case) that has no
   * Entra object id yet the object id `aadObjectId`, so from then on only
   * that account matches as the owner. Owners with an object id are left
   * alone; the actions' versions do not change. Resolves with how many were linked.
   */
  linkOwnerObjectId(email: string, aadObjectId: string): Promise<number>;
  /** Records that a user cannot be reached (reason) or can again (null). */
  setUnreachable(aadObjectId: string, reason: string | null): Promise<void>;

  listMetrics(): Promise<IndicatorMetric[]>;
  /** Inserts or replaces figures by (year, measure). */
  saveMetrics(metrics: IndicatorMetric[]): Promise<void>;

  /**
   * The bank holidays an admin imported (`wres holidays import`), every
   * nation, by nation then date; empty until the first import. Kept in the
   * store so that every instance of the service uses the same dates.
   */
  listBankHolidays(): Promise<BankHoliday[]>;
  /**
   * Makes the imported bank holidays exactly `holidays`. SQLite replaces
   * them in one transaction; SharePoint writes only the differences, and a
   * run interrupted part-way is completed by running it again.
   */
  replaceBankHolidays(holidays: readonly BankHoliday[]): Promise<void>;
}
