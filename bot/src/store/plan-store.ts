import type { Action, ConversationRef, IndicatorMetric, LatestUpdate, ProgressUpdate, Rag, ReminderSent, Status } from '../domain/model.js';
import type { ImportDiff, ImportedAction, ImportSummary } from '../domain/plan-import.js';

export type { ImportedAction, ImportedProgress, ImportSummary, NewAction } from '../domain/plan-import.js';

/** A progress update to record, with the action state it leaves behind. */
export interface RecordUpdateCommand {
  update: Omit<ProgressUpdate, 'id'>;
  /** The action version the author saw; a different current version is a conflict. */
  expectedVersion: number;
  next: { rag: Rag; status: Status; latestUpdate: LatestUpdate; updatedAt: string };
}

export type RecordUpdateResult =
  /**
   * Stored now. `pending: true` (SharePoint store only): SharePoint could not
   * be reached, the update is safe in the local outbox and will be delivered
   * later; show "saved — syncing". `update.id` is then provisional.
   */
  | { kind: 'recorded'; action: Action; update: ProgressUpdate; pending?: boolean }
  /** The same requestId was stored before: nothing written, the earlier update returned. */
  | { kind: 'duplicate'; action: Action; update: ProgressUpdate }
  /** The action changed since `expectedVersion`: nothing written, the current action returned. */
  | { kind: 'conflict'; action: Action };

/** What the store reports about itself for /healthz and `wres status`. */
export interface StoreHealth {
  kind: string;
  actions: number;
  updates: number;
  /** Writes accepted locally but not yet in the system of record (SharePoint outbox). */
  pendingWrites: number;
}

/** Key of a reminder ledger entry. */
export type ReminderKey = Pick<ReminderSent, 'actionId' | 'stage' | 'dueDate'>;

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
   * Appends a progress update and moves the action to `next` atomically.
   * A repeated `requestId` is a no-op (duplicate) and is checked first, so a
   * retried submission is never reported as a conflict with itself. A stale
   * `expectedVersion` is refused (conflict). Rejects with code `not_found`
   * for an unknown action.
   */
  recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult>;

  /** The action's progress log, oldest first. */
  listUpdates(actionId: string): Promise<ProgressUpdate[]>;
  /** Every progress update submitted at or after `sinceIso`, oldest first. */
  listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]>;

  /**
   * Claims a reminder before it is sent. Returns false when the ledger
   * already has (actionId, stage, dueDate): someone else sent or is sending it.
   */
  claimReminder(entry: Omit<ReminderSent, 'state'>): Promise<boolean>;
  /** Marks a claimed reminder as delivered. */
  markReminderSent(key: ReminderKey, sentAt: string): Promise<void>;
  /** Drops a claim whose send failed, so the next run retries it. */
  releaseReminder(key: ReminderKey): Promise<void>;
  listReminders(actionId?: string): Promise<ReminderSent[]>;

  saveConversation(ref: ConversationRef): Promise<void>;
  getConversation(aadObjectId: string): Promise<ConversationRef | null>;
  listConversations(): Promise<ConversationRef[]>;
  /** Records that a user cannot be reached (reason) or can again (null). */
  setUnreachable(aadObjectId: string, reason: string | null): Promise<void>;

  listMetrics(): Promise<IndicatorMetric[]>;
  /** Inserts or replaces figures by (year, measure). */
  saveMetrics(metrics: IndicatorMetric[]): Promise<void>;
}
