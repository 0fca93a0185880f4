import type { Clock } from '../../domain/clock.js';
import type { Action, ConversationRef, IndicatorMetric, ProgressUpdate, ReminderSent } from '../../domain/model.js';
import type { ImportDiff } from '../../domain/plan-import.js';
import { AppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { isTransient } from '../../graph/graph-errors.js';
import { resolveSite, type SiteLocator } from '../../graph/site.js';
import type { Logger } from '../../logger.js';
import { Outbox, type OutboxEntry } from '../outbox/outbox.js';
import type {
  ImportedAction,
  ImportSummary,
  PlanStore,
  RecordUpdateCommand,
  RecordUpdateResult,
  ReminderKey,
  StoreHealth,
} from '../plan-store.js';
import { ActionIndex, type KnownAction } from './action-index.js';
import { GraphDirectory } from './graph-directory.js';
import { importToSharePoint, previewSharePointImport } from './graph-import.js';
import { GraphLedger } from './graph-ledger.js';
import { actionFromItem, toSeconds, updateFromItem } from './item-fields.js';
import { loadListSpecs, type ListKey, type ListSpecs } from './list-definitions.js';
import { eq, ListAccess } from './list-access.js';
import { checkSchema, describeGap } from './list-schema.js';
import { OutboxSync, type FlushPacing } from './outbox-sync.js';
import { mergePending, provisionalUpdate, withPending } from './pending-view.js';
import { UpdateWriter } from './update-writer.js';

/** Everything the SharePoint store is built from (see `createStore` for the configuration it comes from). */
export interface GraphPlanStoreOptions {
  graph: GraphApi;
  site: SiteLocator;
  outboxPath: string;
  clock: Clock;
  logger: Logger;
  /** How long a read action is reused for reads (writes are eTag-guarded whatever its age). */
  cacheSeconds: number;
  maxRetries: number;
  specs?: ListSpecs;
  pacing?: Partial<FlushPacing>;
}

const refOrder = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const byPlanOrder = (a: Action, b: Action) => refOrder.compare(a.planYear, b.planYear) || refOrder.compare(a.ref, b.ref);
const byTime = (a: ProgressUpdate, b: ProgressUpdate) => a.submittedAt.localeCompare(b.submittedAt) || Number(a.id) - Number(b.id);
const COUNT_TTL_MS = 60_000;

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
  private lists: ListAccess | null = null;
  private outbox: Outbox | null = null;
  private sync: OutboxSync | null = null;
  private writer: UpdateWriter | null = null;
  private counts: { actions: number; updates: number; at: number } | null = null;

  constructor(private readonly o: GraphPlanStoreOptions) {
    this.index = new ActionIndex(o.cacheSeconds * 1000, () => o.clock.now().getTime());
    this.specs = o.specs ?? loadListSpecs();
  }

  /**
   * Finds the site, checks every list and column exists as
   * infra/sharepoint/lists.json defines them (rejecting with `config` that
   * names what is missing), opens the outbox and delivers what waits in it.
   */
  async init(): Promise<void> {
    if (this.lists) return;
    const site = await resolveSite(this.o.graph, this.o.site);
    const { listIds, gaps } = await checkSchema(this.o.graph, site.id, this.specs);
    if (gaps.length > 0) {
      throw new AppError(
        'config',
        `The SharePoint site ${site.webUrl ?? site.id} is not ready: ${gaps.map(describeGap).join('; ')}. Run \`wres provision\` to create what is missing.`,
        {
          details: { missing: gaps.map(describeGap) },
        },
      );
    }
    const lists = new ListAccess(this.o.graph, site.id, listIds as Record<ListKey, string>, this.o.maxRetries);
    const outbox = new Outbox(this.o.outboxPath);
    const writer = new UpdateWriter(lists, this.index, this.o.maxRetries, this.o.logger);
    const pacing = { autoFlush: true, minBackoffMs: 1000, maxBackoffMs: 5 * 60_000, ...this.o.pacing };
    this.sync = new OutboxSync(outbox, writer, this.o.logger, pacing, () => this.o.clock.now());
    Object.assign(this, { lists, outbox, writer });
    const left = await this.sync.flush();
    if (left > 0) this.o.logger.warn('Progress updates are still waiting for SharePoint', { pendingWrites: left });
  }

  async close(): Promise<void> {
    await this.sync?.close();
    this.outbox?.close();
    this.lists = this.outbox = this.sync = this.writer = null;
  }

  /**
   * Counts are re-read at most once a minute unless this instance wrote;
   * while SharePoint is unreachable the last counts are reported.
   * pendingWrites is the outbox depth.
   */
  async health(): Promise<StoreHealth> {
    const { lists, outbox } = this.ready();
    const now = this.o.clock.now().getTime();
    if (!this.counts || this.counts.at === 0 || now - this.counts.at > COUNT_TTL_MS) {
      try {
        const [actions, updates] = await Promise.all([
          lists.count('actions', 'counting actions'),
          lists.count('updates', 'counting updates'),
        ]);
        this.counts = { actions, updates, at: now };
      } catch (e) {
        if (!this.counts || !isTransient(e)) throw e;
      }
    }
    return { kind: this.kind, actions: this.counts.actions, updates: this.counts.updates, pendingWrites: outbox.count() };
  }

  private countsChanged(): void {
    if (this.counts) this.counts.at = 0;
  }

  /** Delivers what waits in the outbox now; returns how many entries still wait. */
  flushOutbox(): Promise<number> {
    return this.ready().sync.flush();
  }

  async listActions(): Promise<Action[]> {
    const { lists, outbox } = this.ready();
    const all = (await lists.readAll('actions', 'reading the plan')).map(actionFromItem);
    this.index.replaceAll(all);
    const pending = outbox.pending();
    return all.map((k) => withPending(k.action, k.lastRequestId, pending)).sort(byPlanOrder);
  }

  /** A recent read is reused; when SharePoint cannot be reached, the last one read is answered. */
  async getAction(id: string): Promise<Action | null> {
    const { writer, outbox } = this.ready();
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
    return withPending(known.action, known.lastRequestId, outbox.pending(id));
  }

  async importActions(items: ImportedAction[], importedAt: string): Promise<ImportSummary> {
    const { lists } = this.ready();
    const { existing, log } = await this.readForImport();
    this.countsChanged();
    try {
      return await importToSharePoint(lists, existing, log, items, importedAt);
    } finally {
      for (const k of existing) this.index.delete(k.action.id);
    }
  }

  async previewImport(items: ImportedAction[], importedAt: string): Promise<ImportDiff> {
    const { existing, log } = await this.readForImport();
    return previewSharePointImport(existing, log, items, importedAt);
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
   * Queues the update durably, then delivers it in one `$batch`. When
   * SharePoint cannot be reached the answer is `recorded` with
   * `pending: true` (the update waits in the outbox and is delivered later).
   */
  async recordUpdate(cmd: RecordUpdateCommand): Promise<RecordUpdateResult> {
    const { sync } = this.ready();
    this.countsChanged();
    return sync.submit(cmd, (entry, duplicate) => this.acceptedOffline(entry, duplicate));
  }

  private acceptedOffline(entry: OutboxEntry, duplicate: boolean): RecordUpdateResult {
    const { outbox } = this.ready();
    const known = this.index.peek(entry.actionId);
    if (!known) throw new AppError('unavailable', 'SharePoint cannot be reached just now. Please try again in a few minutes.');
    const action = withPending(known.action, known.lastRequestId, outbox.pending(entry.actionId));
    const update = provisionalUpdate(entry);
    return duplicate ? { kind: 'duplicate', action, update } : { kind: 'recorded', action, update, pending: true };
  }

  async listUpdates(actionId: string): Promise<ProgressUpdate[]> {
    const { lists, outbox } = this.ready();
    const stored = (await lists.readAll('updates', 'reading the progress log', eq('ActionId', actionId))).map(updateFromItem).sort(byTime);
    return mergePending(stored, outbox.pending(actionId));
  }

  /** Filters on the indexed dateTime column (whole seconds), then on the exact instant. */
  async listUpdatesSince(sinceIso: string): Promise<ProgressUpdate[]> {
    const { lists, outbox } = this.ready();
    const filter = `fields/SubmittedOn ge '${toSeconds(sinceIso)}'`;
    const stored = (await lists.readAll('updates', 'reading recent progress', filter))
      .map(updateFromItem)
      .filter((u) => u.submittedAt >= sinceIso)
      .sort(byTime);
    return mergePending(
      stored,
      outbox.pending().filter((e) => e.command.update.submittedAt >= sinceIso),
    );
  }

  claimReminder(entry: Omit<ReminderSent, 'state'>): Promise<boolean> {
    return new GraphLedger(this.ready().lists).claim(entry);
  }
  markReminderSent(key: ReminderKey, sentAt: string): Promise<void> {
    return new GraphLedger(this.ready().lists).markSent(key, sentAt);
  }
  releaseReminder(key: ReminderKey): Promise<void> {
    return new GraphLedger(this.ready().lists).release(key);
  }
  listReminders(actionId?: string): Promise<ReminderSent[]> {
    return new GraphLedger(this.ready().lists).list(actionId);
  }

  saveConversation(ref: ConversationRef): Promise<void> {
    return new GraphDirectory(this.ready().lists).saveConversation(ref);
  }
  getConversation(aadObjectId: string): Promise<ConversationRef | null> {
    return new GraphDirectory(this.ready().lists).getConversation(aadObjectId);
  }
  listConversations(): Promise<ConversationRef[]> {
    return new GraphDirectory(this.ready().lists).listConversations();
  }
  setUnreachable(aadObjectId: string, reason: string | null): Promise<void> {
    return new GraphDirectory(this.ready().lists).setUnreachable(aadObjectId, reason);
  }
  listMetrics(): Promise<IndicatorMetric[]> {
    return new GraphDirectory(this.ready().lists).listMetrics();
  }
  saveMetrics(metrics: IndicatorMetric[]): Promise<void> {
    return new GraphDirectory(this.ready().lists).saveMetrics(metrics);
  }

  private ready(): { lists: ListAccess; outbox: Outbox; sync: OutboxSync; writer: UpdateWriter } {
    if (!this.lists || !this.outbox || !this.sync || !this.writer)
      throw new AppError('internal', 'The SharePoint store was used before init() or after close().');
    return { lists: this.lists, outbox: this.outbox, sync: this.sync, writer: this.writer };
  }
}
