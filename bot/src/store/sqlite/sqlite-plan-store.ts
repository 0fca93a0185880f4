import { compareNatural } from '../../domain/action-view.js';
import { randomUUID } from 'node:crypto';
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
import { acquireDatabase, releaseDatabase, type SharedDatabase } from './shared-database.js';
import { IMPLICIT_ORG_ID } from '../../domain/organisation.js';
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
  type Scoped,
  type UpdateRow,
} from './rows.js';
import * as SQL from './sql.js';
import { toAppError } from './sqlite-errors.js';
import type { StatementCache } from './statement-cache.js';

function byPlanOrder(a: Action, b: Action): number {
  return compareNatural(a.planYear, b.planYear) || compareNatural(a.ref, b.ref);
}

/**
 * The PlanStore on an embedded SQLite file (better-sqlite3, WAL journal,
 * foreign keys on), for ONE organisation: every statement reads and writes
 * only rows whose `org_id` is `orgId` (default: the implicit organisation),
 * so an id of another organisation's action is `not_found` here. `path` may
 * be `:memory:`; otherwise its folder is created. Stores of several
 * organisations on one file in one process share one connection
 * (`acquireDatabase`). Several processes may share a file: writes run in
 * immediate transactions and the schema's unique keys decide races
 * (reminder claims, request ids, action versions). Conversations and
 * imported bank holidays are the deployment's, shared by every organisation.
 */
export class SqlitePlanStore implements PlanStore {
  readonly kind = 'sqlite';
  private handle: SharedDatabase | null = null;
  /** The last full read of this organisation's plan, valid while the database is unchanged (see `planVersion`). */
  private planCache: { version: string; actions: readonly Action[] } | null = null;

  constructor(
    private readonly path: string,
    /** The organisation whose data this store reads and writes. */
    readonly orgId: string = IMPLICIT_ORG_ID,
  ) {}

  /** Opens the file (or joins this process's connection to it) and applies pending migrations; calling it again does nothing. */
  async init(): Promise<void> {
    this.handle ??= acquireDatabase(this.path);
  }

  /** Releases the connection (closed when no organisation's store uses it); later calls need a new `init()`. */
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.planCache = null;
    if (handle) releaseDatabase(handle);
  }

  /**
   * Adoption: moves the implicit organisation's plan, progress log, reminder
   * ledger and figures into this store's organisation, in one transaction.
   * Refused (`conflict`) when this organisation already holds data, so two
   * plans are never merged. Resolves with how many actions moved.
   */
  async adoptImplicitOrganisation(): Promise<number> {
    if (this.orgId === IMPLICIT_ORG_ID) throw new AppError('bad_input', 'The implicit organisation cannot adopt itself.');
    return this.write((sql) => {
      const params = { org_id: this.orgId, from_org: IMPLICIT_ORG_ID };
      if (sql.get<[{ org_id: string }], number>(SQL.HOLDS_DATA).pluck().get({ org_id: this.orgId }))
        throw new AppError('conflict', `${this.orgId} already has a plan, progress or figures: nothing was moved.`);
      const moved = sql.get<[typeof params]>(SQL.ADOPT_IMPLICIT[0]).run(params).changes;
      for (const statement of SQL.ADOPT_IMPLICIT.slice(1)) sql.get<[typeof params]>(statement).run(params);
      return moved;
    });
  }

  async health(): Promise<StoreHealth> {
    return this.read((sql) => ({
      kind: this.kind,
      actions: sql.get<[string], number>(SQL.COUNT_ACTIONS).pluck().get(this.orgId) ?? 0,
      updates: sql.get<[string], number>(SQL.COUNT_UPDATES).pluck().get(this.orgId) ?? 0,
      pendingWrites: 0,
    }));
  }

  /** Every action, ordered by plan year then ref in natural order (1.2 before 1.10). */
  async listActions(): Promise<Action[]> {
    return this.read((sql) => {
      // Every tab request reads the whole plan; reuse the last read until anyone, here or in another process, commits.
      const version = this.planVersion();
      if (this.planCache?.version !== version) {
        const rows = sql.get<[string], ActionRow>(SQL.SELECT_ACTIONS).all(this.orgId);
        const actions = rows.map(actionFromRow).sort(byPlanOrder).map(deepFreeze);
        this.planCache = { version, actions };
      }
      return this.planCache.actions.slice();
    });
  }

  /** Changes whenever any organisation's store writes on this connection or another connection commits (SQLite's data_version). */
  private planVersion(): string {
    const { db, writes } = this.opened();
    return `${db.pragma('data_version', { simple: true }) as number}:${writes}`;
  }

  async getAction(id: string): Promise<Action | null> {
    return this.read((sql) => {
      const row = sql.get<[string, string], ActionRow>(SQL.SELECT_ACTION).get(this.orgId, id);
      return row ? actionFromRow(row) : null;
    });
  }

  async importActions(items: ImportedAction[], importedAt: string): Promise<ImportSummary> {
    return this.write((sql) => applyImport(sql, this.orgId, items, importedAt));
  }

  async previewImport(items: ImportedAction[], importedAt: string): Promise<ImportDiff> {
    // One read transaction, so the actions and their notes are compared as of one moment.
    return this.read((sql) => this.opened().db.transaction(() => previewImport(sql, this.orgId, items, importedAt))());
  }

  async recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult> {
    return this.write((sql): RecordUpdateResult => {
      const earlier = sql.get<[string, string], UpdateRow>(SQL.SELECT_UPDATE_BY_REQUEST).get(this.orgId, cmd.update.requestId);
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
      sql.get<[Scoped<UpdateRow>]>(SQL.INSERT_UPDATE).run({ ...updateToRow(update), org_id: this.orgId });
      const after = actionToRow(applyMove(current, cmd.next));
      const moved = sql
        .get<[Scoped<ActionRow> & { expected_version: number }]>(SQL.MOVE_ACTION)
        .run({ ...after, org_id: this.orgId, expected_version: cmd.expectedVersion });
      if (moved.changes !== 1) throw new AppError('internal', 'The action changed while the update was being saved.');
      return { kind: 'recorded', action: this.requireAction(sql, current.id), update, history: this.log(sql, current.id) };
    });
  }

  async listUpdates(actionId: string): Promise<ProgressUpdate[]> {
    return this.read((sql) => this.log(sql, actionId));
  }

  /** The action's progress log, oldest first. */
  private log(sql: StatementCache, actionId: string): ProgressUpdate[] {
    return sql.get<[string, string], UpdateRow>(SQL.SELECT_UPDATES_FOR_ACTION).all(this.orgId, actionId).map(updateFromRow);
  }

  async listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]> {
    return this.read((sql) =>
      sql.get<[string, number], UpdateRow>(SQL.SELECT_UPDATES_SINCE).all(this.orgId, instantMs(sinceIso)).map(updateFromRow),
    );
  }

  /** Claims, or takes over a failed or lapsed claim, in one immediate transaction (see `claimOver`). */
  async claimReminder(claim: ReminderClaim): Promise<ClaimResult> {
    return this.write((sql) => sqliteLedger.claim(sql, this.orgId, claim));
  }

  /** Marks a claimed reminder as delivered; rejects with `not_found` when there is no claim to mark. */
  async markReminderSent(key: ReminderKey, sentAt: string): Promise<void> {
    return this.write((sql) => sqliteLedger.markSent(sql, this.orgId, key, sentAt));
  }

  async markReminderFailed(key: ReminderKey, failure: { reason: string; at: string }): Promise<void> {
    return this.write((sql) => sqliteLedger.markFailed(sql, this.orgId, key, failure));
  }

  async listReminders(actionId?: string): Promise<ReminderSent[]> {
    return this.read((sql) => sqliteLedger.list(sql, this.orgId, actionId));
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
    return this.write(
      (sql) => sql.get<[string, string, string]>(SQL.LINK_OWNER_OBJECT_ID).run(aadObjectId, this.orgId, email.trim()).changes,
    );
  }

  /** Sets or clears the unreachable reason; an unknown user is ignored (nothing to mark). */
  async setUnreachable(aadObjectId: string, reason: string | null): Promise<void> {
    return this.write((sql) => {
      sql.get<[string | null, string]>(SQL.SET_UNREACHABLE).run(reason, aadObjectId);
    });
  }

  async listMetrics(): Promise<IndicatorMetric[]> {
    return this.read((sql) => sql.get<[string], MetricRow>(SQL.SELECT_METRICS).all(this.orgId).map(metricFromRow));
  }

  async saveMetrics(metrics: IndicatorMetric[]): Promise<void> {
    return this.write((sql) => {
      const upsert = sql.get<[Scoped<MetricRow>]>(SQL.UPSERT_METRIC);
      for (const m of metrics) {
        upsert.run({
          org_id: this.orgId,
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
    const row = sql.get<[string, string], ActionRow>(SQL.SELECT_ACTION).get(this.orgId, id);
    if (!row) throw new AppError('not_found', 'That action is no longer in the plan.');
    return actionFromRow(row);
  }

  private opened(): SharedDatabase {
    if (!this.handle) throw new AppError('internal', 'The SQLite plan store was used before init() or after close().');
    return this.handle;
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
      const handle = this.opened();
      handle.writes++;
      return handle.db.transaction(() => fn(handle.sql)).immediate();
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
