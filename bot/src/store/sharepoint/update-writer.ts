import type { Action, ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { BatchAnswer, BatchStep } from '../../graph/graph-api.js';
import { graphFailure, isTransient } from '../../graph/graph-errors.js';
import type { Logger } from '../../logger.js';
import type { RecordUpdateCommand } from '../plan-store.js';
import type { ActionIndex, KnownAction } from './action-index.js';
import { actionFromItem, itemSchema, stateFields, updateFromItem, updateItemFields } from './item-fields.js';
import { answerMessage, eq, isRetryable, retryAfterMs, type ListAccess } from './list-access.js';

/** How one attempt to deliver an update to SharePoint ended. */
export type Delivery =
  | { kind: 'recorded' | 'duplicate'; action: Action; update: ProgressUpdate }
  | { kind: 'conflict'; action: Action }
  /** SharePoint could not be reached or stayed busy; nothing is known to be lost. Try again later. */
  | { kind: 'unavailable'; error: AppError };

/**
 * `inline`: the author is waiting; a stale version is refused (conflict).
 * `replay`: the author was already told "saved — syncing"; the note is
 * appended whatever happened since, and the action takes its state only if
 * the note is newer than the action's last change (latest submission wins).
 */
export type DeliveryMode = 'inline' | 'replay';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Writes progress updates to SharePoint: the update item and the action's new
 * state go in one `$batch` (one HTTP round trip) — PATCH the action with
 * If-Match first, then create the update item, which depends on it. The
 * action records the requestId that moved it, so a write whose answer was
 * lost is recognised on replay and never applied twice; the update list's
 * unique RequestId column is the final guard.
 */
export class UpdateWriter {
  constructor(
    private readonly lists: ListAccess,
    private readonly index: ActionIndex,
    private readonly maxRetries: number,
    private readonly logger: Logger,
  ) {}

  /** Delivers `cmd`. Rejects with `not_found` when the action does not exist; transient failures resolve as `unavailable`. */
  async deliver(cmd: RecordUpdateCommand, mode: DeliveryMode): Promise<Delivery> {
    try {
      return await this.attempt(cmd, mode);
    } catch (e) {
      if (isTransient(e))
        return { kind: 'unavailable', error: e instanceof AppError ? e : new AppError('unavailable', String(e), { cause: e }) };
      throw e;
    }
  }

  /** The action as SharePoint has it now (and remembered in the index). Rejects with `not_found`. */
  async read(actionId: string): Promise<KnownAction> {
    const item = await this.lists.readOne('actions', actionId, 'reading the action');
    if (!item) throw new AppError('not_found', 'That action is no longer in the plan.');
    const known = actionFromItem(item);
    this.index.set(known);
    return known;
  }

  private async attempt(cmd: RecordUpdateCommand, mode: DeliveryMode): Promise<Delivery> {
    const id = cmd.update.actionId;
    let known = this.index.peek(id);
    if (!known || known.action.version !== cmd.expectedVersion) known = await this.read(id);
    let force = false;
    for (let attempt = 0; attempt <= this.maxRetries + 3; attempt++) {
      if (!force && (known.action.version !== cmd.expectedVersion || known.lastRequestId === cmd.update.requestId)) {
        const settled = await this.settle(cmd, known, mode);
        if (settled) return settled;
        force = true;
      }
      const answers = await this.lists.graph.batch(this.steps(cmd, known, force), 'saving the progress update');
      const moved = answers.get('action')!;
      const created = answers.get('update')!;
      if (moved.status === 200) return this.afterMove(cmd, moved, created);
      if (moved.status === 404) throw new AppError('not_found', 'That action is no longer in the plan.');
      if (moved.status === 412) {
        known = await this.read(id);
        continue;
      }
      if (!isRetryable(moved.status) && moved.status < 500)
        throw new AppError('internal', `SharePoint refused the update: ${answerMessage(moved)}`);
      await sleep(retryAfterMs(moved));
    }
    return { kind: 'unavailable', error: new AppError('unavailable', 'SharePoint stayed busy while saving the progress update.') };
  }

  private steps(cmd: RecordUpdateCommand, known: KnownAction, force: boolean): BatchStep[] {
    const a = known.action;
    const takeState = !force || cmd.update.submittedAt >= a.updatedAt;
    const state = takeState ? { ...cmd.next, version: a.version + 1 } : { ...a, version: a.version + 1 };
    return [
      {
        id: 'action',
        method: 'PATCH',
        url: `${this.lists.items('actions', a.id)}/fields`,
        headers: { 'If-Match': known.eTag },
        body: { ...stateFields(state), LastRequestId: cmd.update.requestId },
      },
      {
        id: 'update',
        method: 'POST',
        url: this.lists.items('updates'),
        body: { fields: updateItemFields(cmd.update) },
        dependsOn: ['action'],
      },
    ];
  }

  /**
   * The action is not at the expected version, or this request already moved
   * it: a duplicate when the update is stored, a half-finished write to
   * complete, or a conflict (inline). Null means: replay, deliver anyway.
   */
  private async settle(cmd: RecordUpdateCommand, known: KnownAction, mode: DeliveryMode): Promise<Delivery | null> {
    const earlier = await this.findUpdate(cmd.update.requestId);
    if (earlier) return { kind: 'duplicate', action: known.action, update: earlier };
    if (known.lastRequestId === cmd.update.requestId) return this.createUpdate(cmd, known.action);
    if (mode === 'inline') return { kind: 'conflict', action: known.action };
    this.logger.warn('Delivering a queued progress update to an action that changed meanwhile', {
      actionId: known.action.id,
      requestId: cmd.update.requestId,
    });
    return null;
  }

  private async afterMove(cmd: RecordUpdateCommand, moved: BatchAnswer, created: BatchAnswer): Promise<Delivery> {
    const fields = (moved.body ?? {}) as Record<string, unknown>;
    const known = actionFromItem(itemSchema.parse({ id: cmd.update.actionId, eTag: fields['@odata.etag'], fields }));
    this.index.set(known);
    if (created.status === 201) return { kind: 'recorded', action: known.action, update: updateFromItem(itemSchema.parse(created.body)) };
    return this.createUpdate(cmd, known.action);
  }

  /** Creates the update item alone (the action has already moved). */
  private async createUpdate(cmd: RecordUpdateCommand, action: Action): Promise<Delivery> {
    try {
      const body = await this.lists.graph.post(
        this.lists.items('updates'),
        { fields: updateItemFields(cmd.update) },
        'saving the progress update',
      );
      return { kind: 'recorded', action, update: updateFromItem(itemSchema.parse(body)) };
    } catch (e) {
      if (graphFailure(e)?.status !== 409) throw e;
      const earlier = await this.findUpdate(cmd.update.requestId);
      if (!earlier) throw e;
      return { kind: 'duplicate', action, update: earlier };
    }
  }

  /** The stored update with this requestId, if any (RequestId is indexed and unique). */
  async findUpdate(requestId: string): Promise<ProgressUpdate | null> {
    const item = await this.lists.findOne('updates', eq('RequestId', requestId), 'looking for an earlier submission');
    return item ? updateFromItem(item) : null;
  }
}
