import { compareNatural } from '../../domain/action-view.js';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { applyMove } from '../../domain/action-move.js';
import { requestIdReuse } from '../../domain/idempotency.js';
import type { Action, ConversationRef, IndicatorMetric, ProgressUpdate, ReminderSent } from '../../domain/model.js';
import type { ImportDiff } from '../../domain/plan-import.js';
import { AppError } from '../../errors.js';
import type {
  ImportedAction,
  ImportSummary,
  PlanStore,
  RecordUpdateCommand,
  RecordUpdateResult,
  ReminderClaim,
  ReminderKey,
  ClaimResult,
  StoreHealth,
} from '../plan-store.js';
import type { BankHoliday } from '../../domain/bank-holidays.js';
import { sqliteHolidays } from './holidays.js';
import { applyImport, previewImport } from './import-actions.js';
import { sqliteLedger } from './ledger.js';
import { openDatabase } from './open-database.js';
import {
  actionFromRow,
  actionToRow,
  conversationFromRow,
  conversationToRow,
  instantMs,
  metricFromRow,
  updateFromRow,
  updateToRow,
  type ActionRow,
  type ConversationRow,
  type MetricRow,
  type UpdateRow,
} from './rows.js';
import * as SQL from './sql.js';
import { toAppError } from './sqlite-errors.js';
import { StatementCache } from './statement-cache.js';

function byPlanOrder(a: Action, b: Action): number {
  return compareNatural(a.planYear, b.planYear) || compareNatural(a.ref, b.ref);
}

/**
 * The PlanStore on an embedded SQLite file (better-sqlite3, WAL journal,
 * foreign keys on). `path` may be `:memory:`; otherwise its folder is
 * created. Several instances, in one process or several, may share a file:
 * writes run in immediate transactions and the schema's unique keys decide
 * races (reminder claims, request ids, action versions).
 */
export class SqlitePlanStore implements PlanStore {
  readonly kind = 'sqlite';
  private db: Database.Database | null = null;
  private sql: StatementCache | null = null;
  /** The last full read of the plan, valid while the database is unchanged (see `planVersion`). */
  private planCache: { version: string; actions: readonly Action[] } | null = null;
  private ownWrites = 0;

  constructor(private readonly path: string) {}

  /** Opens the file and applies pending migrations; calling it again does nothing. */
  async init(): Promise<void> {
    if (this.db) return;
    const db = openDatabase(this.path);
    this.db = db;
    this.sql = new StatementCache(db);
  }

  /** Closes the database; later calls need a new `init()`. */
  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    this.sql = null;
    this.planCache = null;
    if (db?.open) db.close();
  }

  async health(): Promise<StoreHealth> {
    return this.read((sql) => ({
      kind: this.kind,
      actions: sql.get<[], number>(SQL.COUNT_ACTIONS).pluck().get() ?? 0,
      updates: sql.get<[], number>(SQL.COUNT_UPDATES).pluck().get() ?? 0,
      pendingWrites: 0,
    }));
  }

  /** Every action, ordered by plan year then ref in natural order (1.2 before 1.10). */
  async listActions(): Promise<Action[]> {
    return this.read((sql) => {
      // Every tab request reads the whole plan; reuse the last read until anyone, here or in another process, commits.
      const version = this.planVersion();
      if (this.planCache?.version !== version) {
        const actions = sql.get<[], ActionRow>(SQL.SELECT_ACTIONS).all().map(actionFromRow).sort(byPlanOrder).map(deepFreeze);
        this.planCache = { version, actions };
      }
      return this.planCache.actions.slice();
    });
  }

  /** Changes whenever this connection writes or another connection commits (SQLite's data_version). */
  private planVersion(): string {
    const dataVersion = this.opened().db.pragma('data_version', { simple: true }) as number;
    return `${dataVersion}:${this.ownWrites}`;
  }

  async getAction(id: string): Promise<Action | null> {
    return this.read((sql) => {
      const row = sql.get<[string], ActionRow>(SQL.SELECT_ACTION).get(id);
      return row ? actionFromRow(row) : null;
    });
  }

  async importActions(items: ImportedAction[], importedAt: string): Promise<ImportSummary> {
    return this.write((sql) => applyImport(sql, items, importedAt));
  }

  async previewImport(items: ImportedAction[], importedAt: string): Promise<ImportDiff> {
    // One read transaction, so the actions and their notes are compared as of one moment.
    return this.read((sql) => this.opened().db.transaction(() => previewImport(sql, items, importedAt))());
  }

  async recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult> {
    return this.write((sql): RecordUpdateResult => {
      const earlier = sql.get<[string], UpdateRow>(SQL.SELECT_UPDATE_BY_REQUEST).get(cmd.update.requestId);
      if (earlier) {
        const stored = updateFromRow(earlier);
        const reason = requestIdReuse(stored, cmd.update);
        if (reason !== null) return { kind: 'refused', action: this.requireAction(sql, cmd.update.actionId), reason };
        return {
          kind: 'duplicate',
          action: this.requireAction(sql, stored.actionId),
          update: stored,
          history: this.log(sql, stored.actionId),
        };
      }
      const current = this.requireAction(sql, cmd.update.actionId);
      if (current.version !== cmd.expectedVersion) return { kind: 'conflict', action: current };
      const update: ProgressUpdate = { ...cmd.update, id: randomUUID() };
      sql.get<[UpdateRow]>(SQL.INSERT_UPDATE).run(updateToRow(update));
      const after = actionToRow(applyMove(current, cmd.next));
      const moved = sql
        .get<[ActionRow & { expected_version: number }]>(SQL.MOVE_ACTION)
        .run({ ...after, expected_version: cmd.expectedVersion });
      if (moved.changes !== 1) throw new AppError('internal', 'The action changed while the update was being saved.');
      return { kind: 'recorded', action: this.requireAction(sql, current.id), update, history: this.log(sql, current.id) };
    });
  }

  async listUpdates(actionId: string): Promise<ProgressUpdate[]> {
    return this.read((sql) => this.log(sql, actionId));
  }

  /** The action's progress log, oldest first. */
  private log(sql: StatementCache, actionId: string): ProgressUpdate[] {
    return sql.get<[string], UpdateRow>(SQL.SELECT_UPDATES_FOR_ACTION).all(actionId).map(updateFromRow);
  }

  async listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]> {
    return this.read((sql) => sql.get<[number], UpdateRow>(SQL.SELECT_UPDATES_SINCE).all(instantMs(sinceIso)).map(updateFromRow));
  }

  /** Claims, or takes over a failed or lapsed claim, in one immediate transaction (see `claimOver`). */
  async claimReminder(claim: ReminderClaim): Promise<ClaimResult> {
    return this.write((sql) => sqliteLedger.claim(sql, claim));
  }

  /** Marks a claimed reminder as delivered; rejects with `not_found` when there is no claim to mark. */
  async markReminderSent(key: ReminderKey, sentAt: string): Promise<void> {
    return this.write((sql) => sqliteLedger.markSent(sql, key, sentAt));
  }

  async markReminderFailed(key: ReminderKey, failure: { reason: string; at: string }): Promise<void> {
    return this.write((sql) => sqliteLedger.markFailed(sql, key, failure));
  }

  async listReminders(actionId?: string): Promise<ReminderSent[]> {
    return this.read((sql) => sqliteLedger.list(sql, actionId));
  }

  async saveConversation(ref: ConversationRef): Promise<void> {
    return this.write((sql) => {
      sql.get<[ConversationRow]>(SQL.UPSERT_CONVERSATION).run(conversationToRow(ref));
    });
  }

  /**
   * The conversation for an Entra object id (compared case-insensitively).
   * As a fallback, an argument containing "@" is also matched against the
   * stored email, case-insensitively, for ledger recipients kept by email.
   */
  async getConversation(aadObjectId: string): Promise<ConversationRef | null> {
    return this.read((sql) => {
      let row = sql.get<[string], ConversationRow>(SQL.SELECT_CONVERSATION).get(aadObjectId);
      if (!row && aadObjectId.includes('@')) {
        row = sql.get<[string], ConversationRow>(SQL.SELECT_CONVERSATION_BY_EMAIL).get(aadObjectId.trim());
      }
      return row ? conversationFromRow(row) : null;
    });
  }

  async listConversations(): Promise<ConversationRef[]> {
    return this.read((sql) => sql.get<[], ConversationRow>(SQL.SELECT_CONVERSATIONS).all().map(conversationFromRow));
  }

  async linkOwnerObjectId(email: string, aadObjectId: string): Promise<number> {
    return this.write((sql) => sql.get<[string, string]>(SQL.LINK_OWNER_OBJECT_ID).run(aadObjectId, email.trim()).changes);
  }

  /** Sets or clears the unreachable reason; an unknown user is ignored (nothing to mark). */
  async setUnreachable(aadObjectId: string, reason: string | null): Promise<void> {
    return this.write((sql) => {
      sql.get<[string | null, string]>(SQL.SET_UNREACHABLE).run(reason, aadObjectId);
    });
  }

  async listMetrics(): Promise<IndicatorMetric[]> {
    return this.read((sql) => sql.get<[], MetricRow>(SQL.SELECT_METRICS).all().map(metricFromRow));
  }

  async saveMetrics(metrics: IndicatorMetric[]): Promise<void> {
    return this.write((sql) => {
      const upsert = sql.get<[MetricRow]>(SQL.UPSERT_METRIC);
      for (const m of metrics) {
        upsert.run({
          year: m.year,
          measure: m.measure,
          value: m.value,
          source: m.source,
          updated_at: m.updatedAt,
        });
      }
    });
  }

  async listBankHolidays(): Promise<BankHoliday[]> {
    return this.read((sql) => sqliteHolidays.list(sql));
  }

  async replaceBankHolidays(holidays: readonly BankHoliday[]): Promise<void> {
    return this.write((sql) => sqliteHolidays.replace(sql, holidays));
  }

  private requireAction(sql: StatementCache, id: string): Action {
    const row = sql.get<[string], ActionRow>(SQL.SELECT_ACTION).get(id);
    if (!row) throw new AppError('not_found', 'That action is no longer in the plan.');
    return actionFromRow(row);
  }

  private opened(): { db: Database.Database; sql: StatementCache } {
    if (!this.db || !this.sql) throw new AppError('internal', 'The SQLite plan store was used before init() or after close().');
    return { db: this.db, sql: this.sql };
  }

  /** Runs `fn` outside a transaction; SQLite errors become AppErrors. */
  private async read<T>(fn: (sql: StatementCache) => T): Promise<T> {
    try {
      return fn(this.opened().sql);
    } catch (error) {
      throw toAppError(error);
    }
  }

  /** Runs `fn` in one immediate transaction (the write lock is taken first, so no upgrade deadlock). */
  private async write<T>(fn: (sql: StatementCache) => T): Promise<T> {
    try {
      const { db, sql } = this.opened();
      this.ownWrites++;
      return db.transaction(() => fn(sql)).immediate();
    } catch (error) {
      throw toAppError(error);
    }
  }
}

/** Cached actions are shared between callers, so none may change them. */
function deepFreeze(action: Action): Action {
  Object.freeze(action.indicators);
  if (action.owner) Object.freeze(action.owner);
  if (action.latestUpdate?.links) Object.freeze(action.latestUpdate.links);
  if (action.latestUpdate) Object.freeze(action.latestUpdate);
  return Object.freeze(action);
}
