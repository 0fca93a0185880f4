import { compareNatural } from '../../domain/action-view.js';
import type { UserDirectory } from '../../domain/user-directory.js';
import { withOwnerObjectIds } from '../owner-object-ids.js';
import { systemTimer, type Clock, type Timer } from '../../domain/clock.js';
import type { Action, ConversationRef, IndicatorMetric, ProgressUpdate, ReminderSent } from '../../domain/model.js';
import type { ImportDiff } from '../../domain/plan-import.js';
import { AppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { isTransient } from '../../graph/graph-errors.js';
import { PLATFORM_SITE, resolveSite, siteAccessRefusal, type SiteLocator, type SiteOwner } from '../../graph/site.js';
import type { Logger } from '../../logger.js';
import { SqliteOutbox } from '../outbox/sqlite-outbox.js';
import type { UpdateOutbox } from '../outbox/update-outbox.js';
import type {
  ImportedAction,
  ImportSummary,
  PlanStore,
  RecordUpdateCommand,
  RecordUpdateResult,
  ClaimResult,
  ReminderClaim,
  ReminderKey,
  StoreHealth,
} from '../plan-store.js';
import { ActionIndex, type KnownAction } from './action-index.js';
import type { BankHoliday } from '../../domain/bank-holidays.js';
import { GraphDirectory } from './graph-directory.js';
import { graphHolidays } from './graph-holidays.js';
import { importToSharePoint, previewSharePointImport } from './graph-import.js';
import { GraphLedger } from './graph-ledger.js';
import { inward, notOurs, outward, PLAIN_IDS, subjectInward, type ItemIds } from './item-ids.js';
import { actionFromItem, toSeconds, updateFromItem } from './item-fields.js';
import { loadListSpecs, type ListKey, type ListSpecs } from './list-definitions.js';
import { eq, ListAccess } from './list-access.js';
import { ListCounts } from './list-counts.js';
import { checkSchema, describeGap } from './list-schema.js';
import { OutboxSync, type FlushPacing } from './outbox-sync.js';
import { mergePending, offlineAnswers, withPending } from './pending-view.js';
import { sortedLog } from './update-log.js';
import { UpdateWriter } from './update-writer.js';

/** Everything the SharePoint store is built from (see `createStore` for the configuration it comes from). */
export interface GraphPlanStoreOptions {
  graph: GraphApi;
  site: SiteLocator;
  /** Whose site it is, named when the site cannot be used (default: the platform site). */
  owner?: SiteOwner;
  /** The SQLite outbox's file, used when no `openOutbox` is given. */
  outboxPath: string;
  /** Opens the outbox the store queues updates in (an Azure Storage queue when several instances run); default: SQLite at `outboxPath`. */
  openOutbox?: () => Promise<UpdateOutbox>;
  clock: Clock;
  logger: Logger;
  /** How long a read action is reused for reads (writes are eTag-guarded whatever its age). */
  cacheSeconds: number;
  specs?: ListSpecs;
  pacing?: Partial<FlushPacing>;
  /** Resolves imported owners' emails to Entra object ids (identity by object id); without it owners keep only their email. */
  users?: UserDirectory;
  /** Paces the outbox's background flush (default: real time). */
  timer?: Timer;
  /** How item ids look outside the store: qualified by the organisation's code for a registered one (default: raw item ids). */
  ids?: ItemIds;
}

const byPlanOrder = (a: Action, b: Action) => compareNatural(a.planYear, b.planYear) || compareNatural(a.ref, b.ref);
const COUNT_TTL_MS = 60_000;
/** Conversation references change only on (re)install; the bot looks the sender up on every turn. */
const CONVERSATION_TTL_MS = 15 * 60_000;

/**
 * The PlanStore on SharePoint lists through Microsoft Graph (the production
 * store). Progress updates go through a local durable outbox, so an update
 * accepted while Graph is unreachable is kept and delivered later; see
 * bot/src/store/README.md for the conflict rules that then apply.
 */
export class GraphPlanStore implements PlanStore {
  readonly kind = 'sharepoint';
  private readonly index: ActionIndex;
  private readonly specs: ListSpecs;
  private readonly ids: ItemIds;
  private lists: ListAccess | null = null;
  private outbox: UpdateOutbox | null = null;
  private sync: OutboxSync | null = null;
  private writer: UpdateWriter | null = null;
  private counts: ListCounts | null = null;
  private directory: GraphDirectory | null = null;

  constructor(private readonly o: GraphPlanStoreOptions) {
    this.index = new ActionIndex(o.cacheSeconds * 1000, () => o.clock.now().getTime());
    this.specs = o.specs ?? loadListSpecs();
    this.ids = o.ids ?? PLAIN_IDS;
  }

  /**
   * Finds the site, checks every list and column exists as
   * infra/sharepoint/lists.json defines them (rejecting with `config` that
   * names what is missing), opens the outbox and delivers what waits in it.
   */
  async init(): Promise<void> {
    if (this.lists) return;
    // Start-up is patient: a passing throttle must not stop the service or a CLI command from starting.
    const owner = this.o.owner ?? PLATFORM_SITE;
    const site = await resolveSite(this.o.graph.bulk(), this.o.site, owner);
    const { listIds, gaps } = await checkSchema(this.o.graph.bulk(), site.id, this.specs).catch((e: unknown) => {
      throw siteAccessRefusal(e, owner, site.webUrl ?? site.id) ?? e;
    });
    if (gaps.length > 0) {
      const whose = this.o.owner ? ` (${owner.label})` : '';
      throw new AppError(
        'config',
        `The SharePoint site ${site.webUrl ?? site.id}${whose} is not ready: ${gaps.map(describeGap).join('; ')}. Run \`wres provision\` to create what is missing.`,
        {
          details: { missing: gaps.map(describeGap) },
        },
      );
    }
    const lists = new ListAccess(this.o.graph, site.id, listIds as Record<ListKey, string>);
    const outbox = this.o.openOutbox ? await this.o.openOutbox() : new SqliteOutbox(this.o.outboxPath);
    const writer = new UpdateWriter(lists, this.index, this.o.logger);
    const pacing = { autoFlush: true, minBackoffMs: 1000, maxBackoffMs: 5 * 60_000, ...this.o.pacing };
    this.sync = new OutboxSync(outbox, writer, this.o.logger, pacing, this.o.timer ?? systemTimer);
    const now = () => this.o.clock.now().getTime();
    this.counts = new ListCounts(lists, now, COUNT_TTL_MS, this.o.logger);
    this.directory = new GraphDirectory(lists, now, CONVERSATION_TTL_MS);
    Object.assign(this, { lists, outbox, writer });
    const left = await this.sync.flush();
    if (left > 0) this.o.logger.warn('Progress updates are still waiting for SharePoint', { pendingWrites: left });
  }

  /** The organisation's directory this store resolves owners through, if it was given one. */
  get users(): UserDirectory | undefined {
    return this.o.users;
  }

  async close(): Promise<void> {
    await this.sync?.close();
    await this.counts?.settled();
    await this.outbox?.close();
    this.lists = this.outbox = this.sync = this.writer = this.counts = this.directory = null;
  }

  /** List counts come from `ListCounts` (cached, recounted off the request path); pendingWrites and failedWrites are the outbox's depth. */
  async health(): Promise<StoreHealth> {
    const { outbox, counts } = this.ready();
    const [listed, depth] = await Promise.all([counts.read(), outbox.depth()]);
    return { kind: this.kind, ...listed, pendingWrites: depth.pending, failedWrites: depth.failed };
  }

  /** Delivers what waits in the outbox now; returns how many entries still wait. */
  flushOutbox(): Promise<number> {
    return this.ready().sync.flush();
  }

  async listActions(): Promise<Action[]> {
    const { lists, outbox } = this.ready();
    const all = (await lists.readAll('actions', 'reading the plan')).map(actionFromItem);
    this.index.replaceAll(all);
    const pending = await outbox.pending();
    return all.map((k) => outward.action(this.ids, withPending(k.action, k.lastRequestId, pending))).sort(byPlanOrder);
  }

  /** A recent read is reused; when SharePoint cannot be reached, the last one read is answered. An id not of this store's organisation is unknown. */
  async getAction(qualified: string): Promise<Action | null> {
    const { writer, outbox } = this.ready();
    const id = this.ids.inward(qualified);
    if (id === null) return null;
    let known = this.index.fresh(id);
    if (!known) {
      try {
        known = await writer.read(id);
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') return null;
        known = isTransient(e) ? this.index.peek(id) : undefined;
        if (!known) throw e;
        this.o.logger.warn('SharePoint is unreachable: answering from the last read of the action', { actionId: id });
      }
    }
    return outward.action(this.ids, withPending(known.action, known.lastRequestId, await outbox.pending(id)));
  }

  async importActions(imported: ImportedAction[], importedAt: string): Promise<ImportSummary> {
    const { lists } = this.ready();
    const raw = inward.imported(this.ids, imported);
    const items = this.o.users ? await withOwnerObjectIds(raw, this.o.users) : raw;
    const { existing, log } = await this.readForImport();
    this.ready().counts.invalidate();
    try {
      return await importToSharePoint(lists, existing, log, items, importedAt);
    } finally {
      for (const k of existing) this.index.delete(k.action.id);
    }
  }

  async previewImport(items: ImportedAction[], importedAt: string): Promise<ImportDiff> {
    const raw = inward.imported(this.ids, items);
    const { existing, log } = await this.readForImport();
    return outward.diff(this.ids, previewSharePointImport(existing, log, raw, importedAt));
  }

  /** One paged read of the actions and one of the progress log: an import never reads per action. */
  private async readForImport(): Promise<{ existing: KnownAction[]; log: ProgressUpdate[] }> {
    const { lists } = this.ready();
    const [existing, log] = await Promise.all([
      lists.readAll('actions', 'reading the plan'),
      lists.readAll('updates', 'reading progress updates'),
    ]);
    return { existing: existing.map(actionFromItem), log: log.map(updateFromItem) };
  }

  /**
   * Queues the update durably, then delivers it in one `$batch` that also
   * reads the action's log for the answer. When SharePoint cannot be reached
   * the answer is `recorded` with `pending: true` (the update waits in the
   * outbox and is delivered later). No list is counted on this path.
   */
  async recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult> {
    const { sync, counts } = this.ready();
    // Decoded once here: the outbox keeps raw item ids, as entries queued before organisations do.
    const result = await sync.submit(inward.command(this.ids, cmd), offlineAnswers(this.index));
    if (result.kind === 'recorded' && !result.pending) counts.addedUpdate();
    return outward.result(this.ids, result);
  }

  async listUpdates(qualified: string): Promise<ProgressUpdate[]> {
    const { lists, outbox } = this.ready();
    const actionId = this.ids.inward(qualified);
    if (actionId === null) return [];
    const stored = sortedLog((await lists.readAll('updates', 'reading the progress log', eq('ActionId', actionId))).map(updateFromItem));
    return mergePending(stored, await outbox.pending(actionId)).map((u) => outward.update(this.ids, u));
  }

  /** Filters on the indexed dateTime column (whole seconds), then on the exact instant. */
  async listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]> {
    const { lists, outbox } = this.ready();
    const filter = `fields/SubmittedOn ge '${toSeconds(sinceIso)}'`;
    const stored = sortedLog(
      (await lists.readAll('updates', 'reading recent progress', filter)).map(updateFromItem).filter((u) => u.submittedAt >= sinceIso),
    );
    return mergePending(
      stored,
      (await outbox.pending()).filter((e) => e.command.update.submittedAt >= sinceIso),
    ).map((u) => outward.update(this.ids, u));
  }

  async claimReminder(claim: ReminderClaim): Promise<ClaimResult> {
    return new GraphLedger(this.ready().lists).claim({ ...claim, actionId: this.subject(claim.actionId) });
  }
  async markReminderSent(key: ReminderKey, sentAt: string): Promise<void> {
    return new GraphLedger(this.ready().lists).markSent({ ...key, actionId: this.subject(key.actionId) }, sentAt);
  }
  /** Another organisation's action has no entry here: nothing to mark. */
  async markReminderFailed(key: ReminderKey, failure: { reason: string; at: string }): Promise<void> {
    const actionId = subjectInward(this.ids, key.actionId);
    if (actionId !== null) await new GraphLedger(this.ready().lists).markFailed({ ...key, actionId }, failure);
  }
  async listReminders(qualified?: string): Promise<ReminderSent[]> {
    const actionId = qualified === undefined ? undefined : subjectInward(this.ids, qualified);
    if (actionId === null) return [];
    return (await new GraphLedger(this.ready().lists).list(actionId)).map((r) => outward.reminder(this.ids, r));
  }

  /** The ledger subject as stored; rejects `not_found` for another organisation's action. */
  private subject(qualified: string): string {
    const actionId = subjectInward(this.ids, qualified);
    if (actionId === null) throw notOurs(qualified);
    return actionId;
  }

  saveConversation(ref: ConversationRef): Promise<void> {
    return this.ready().directory.saveConversation(ref);
  }
  getConversation(aadObjectId: string): Promise<ConversationRef | null> {
    return this.ready().directory.getConversation(aadObjectId);
  }
  listConversations(): Promise<ConversationRef[]> {
    return this.ready().directory.listConversations();
  }
  /** One filtered read on the indexed OwnerEmail column, then the links in `$batch`es; linked actions leave the cache. */
  async linkOwnerObjectId(email: string, aadObjectId: string): Promise<number> {
    const { lists } = this.ready();
    const wanted = email.trim().toLowerCase();
    const filter = `fields/OwnerEmail eq '${email.trim().replace(/'/g, "''")}'`;
    const owned = (await lists.readAll('actions', "finding the new user's actions", filter))
      .map(actionFromItem)
      .filter((k) => k.action.owner?.email?.toLowerCase() === wanted && !k.action.owner.aadObjectId);
    const steps = owned.map((k, i) => ({
      id: String(i),
      method: 'PATCH' as const,
      url: `${lists.items('actions', k.action.id)}/fields`,
      body: { OwnerAadId: aadObjectId },
    }));
    const answers = await lists.writeAll(steps, "linking the new user's actions to their account");
    for (const k of owned) this.index.delete(k.action.id);
    return [...answers.values()].filter((a) => a.status >= 200 && a.status < 300).length;
  }

  setUnreachable(aadObjectId: string, reason: string | null): Promise<void> {
    return this.ready().directory.setUnreachable(aadObjectId, reason);
  }
  listMetrics(): Promise<IndicatorMetric[]> {
    return this.ready().directory.listMetrics();
  }
  saveMetrics(metrics: IndicatorMetric[]): Promise<void> {
    return this.ready().directory.saveMetrics(metrics);
  }
  listBankHolidays(): Promise<BankHoliday[]> {
    return graphHolidays.list(this.ready().lists);
  }
  replaceBankHolidays(holidays: readonly BankHoliday[]): Promise<void> {
    return graphHolidays.replace(this.ready().lists, holidays);
  }

  private ready(): {
    lists: ListAccess;
    outbox: UpdateOutbox;
    sync: OutboxSync;
    writer: UpdateWriter;
    counts: ListCounts;
    directory: GraphDirectory;
  } {
    const { lists, outbox, sync, writer, counts, directory } = this;
    if (!lists || !outbox || !sync || !writer || !counts || !directory)
      throw new AppError('internal', 'The SharePoint store was used before init() or after close().');
    return { lists, outbox, sync, writer, counts, directory };
  }
}
