import { applyMove } from '../../domain/action-move.js';
import { requestIdReuse } from '../../domain/idempotency.js';
import type { Action, ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { BatchAnswer, BatchStep } from '../../graph/batch-steps.js';
import { graphFailure, isRetryableStatus, isTransient } from '../../graph/graph-errors.js';
import type { Logger } from '../../logger.js';
import type { RecordUpdateCommand } from '../plan-store.js';
import type { ActionIndex, KnownAction } from './action-index.js';
import { actionFromItem, itemSchema, moveFields, updateFromItem, updateItemFields } from './item-fields.js';
import { answerMessage, type ListAccess } from './list-access.js';
import { sortedLog, UpdateLog } from './update-log.js';

/** How one attempt to deliver an update to SharePoint ended. */
export type Delivery =
  | { kind: 'recorded' | 'duplicate'; action: Action; update: ProgressUpdate; history: ProgressUpdate[] }
  | { kind: 'conflict'; action: Action }
  | { kind: 'refused'; action: Action; reason: string }
  /** SharePoint could not be reached or stayed busy; nothing is known to be lost. Try again later. */
  | { kind: 'unavailable'; error: AppError };

/**
 * `inline`: the author is waiting; a stale version is refused (conflict).
 * `replay`: the author was already told "saved — syncing"; the note is
 * appended whatever happened since, and the action takes its state only if
 * the note is newer than the action's last change (latest submission wins).
 */
export type DeliveryMode = 'inline' | 'replay';

/** Rounds of "the item changed under us (412): read it again and write again" before leaving it to the outbox. */
const MAX_REREADS = 3;
const SAVING = 'saving the progress update';

/**
 * Writes progress updates to SharePoint in one `$batch` (one HTTP round
 * trip): PATCH the action with If-Match, create the update item (which
 * depends on it), and read the action's progress log for the receipt. The
 * action records the requestId that moved it, so a write whose answer was
 * lost is recognised on replay and never applied twice; the update list's
 * unique RequestId column is the final guard, and a requestId already stored
 * for a different update is refused with the action left as it was.
 * Throttled steps are retried inside `GraphApi.batch`, not here.
 */
export class UpdateWriter {
  private readonly log: UpdateLog;

  constructor(
    private readonly lists: ListAccess,
    private readonly index: ActionIndex,
    private readonly logger: Logger,
  ) {
    this.log = new UpdateLog(lists);
  }

  /** Delivers `cmd`. Rejects with `not_found` when the action does not exist; transient failures resolve as `unavailable`. */
  async deliver(cmd: RecordUpdateCommand, mode: DeliveryMode): Promise<Delivery> {
    try {
      return await this.attempt(cmd, mode);
    } catch (e) {
      if (isTransient(e)) return unavailable(e instanceof AppError ? e : new AppError('unavailable', String(e), { cause: e }));
      throw e;
    }
  }

  /** The action as SharePoint has it now (and remembered in the index). Rejects with `not_found`. */
  async read(actionId: string): Promise<KnownAction> {
    const item = await this.lists.readOne('actions', actionId, 'reading the action');
    if (!item) throw gone();
    const known = actionFromItem(item);
    this.index.set(known);
    return known;
  }

  private async attempt(cmd: RecordUpdateCommand, mode: DeliveryMode): Promise<Delivery> {
    const id = cmd.update.actionId;
    let known = this.index.peek(id);
    if (!known || known.action.version !== cmd.expectedVersion) known = await this.read(id);
    let force = false;
    for (let round = 0; round <= MAX_REREADS; round++) {
      if (!force && (known.action.version !== cmd.expectedVersion || known.lastRequestId === cmd.update.requestId)) {
        const settled = await this.settle(cmd, known, mode);
        if (settled) return settled;
        force = true;
      }
      const answers = await this.lists.graph.batch(this.steps(cmd, known, force), SAVING);
      const moved = answers.get('action')!;
      if (moved.status === 200) return this.afterMove(cmd, known, answers);
      if (moved.status === 404) throw gone();
      if (moved.status === 412) {
        known = await this.read(id);
        continue;
      }
      if (isRetryableStatus(moved.status) || moved.status >= 500)
        return unavailable(new AppError('unavailable', `SharePoint stayed busy (${moved.status}) while ${SAVING}.`));
      throw new AppError('internal', `SharePoint refused the update: ${answerMessage(moved)}`);
    }
    return unavailable(new AppError('unavailable', `The action kept changing in SharePoint while ${SAVING}.`));
  }

  private steps(cmd: RecordUpdateCommand, known: KnownAction, force: boolean): BatchStep[] {
    const a = known.action;
    const takeState = !force || cmd.update.submittedAt >= a.updatedAt;
    const state = takeState ? applyMove(a, cmd.next) : { ...a, version: a.version + 1 };
    return [
      {
        id: 'action',
        method: 'PATCH',
        url: `${this.lists.items('actions', a.id)}/fields`,
        headers: { 'If-Match': known.eTag },
        body: { ...moveFields(state), LastRequestId: cmd.update.requestId },
      },
      {
        id: 'update',
        method: 'POST',
        url: this.lists.items('updates'),
        body: { fields: updateItemFields(cmd.update) },
        dependsOn: ['action'],
      },
      // Serial (the SDK allows serial or parallel batches): the log read comes after the new update.
      { ...this.log.read(a.id), id: 'log', dependsOn: ['update'] },
    ];
  }

  /**
   * The action is not at the expected version, or this request already moved
   * it: a duplicate (or a refusal) when the requestId is stored, a
   * half-finished write to complete, or a conflict (inline). Null means:
   * replay, deliver anyway.
   */
  private async settle(cmd: RecordUpdateCommand, known: KnownAction, mode: DeliveryMode): Promise<Delivery | null> {
    const { earlier, history } = await this.log.lookUp(cmd.update);
    if (earlier) return repeated(cmd, earlier, known.action, history);
    if (known.lastRequestId === cmd.update.requestId) return this.createUpdate(cmd, known.action, history);
    if (mode === 'inline') return { kind: 'conflict', action: known.action };
    this.logger.warn('Delivering a queued progress update to an action that changed meanwhile', {
      actionId: known.action.id,
      requestId: cmd.update.requestId,
    });
    return null;
  }

  private async afterMove(cmd: RecordUpdateCommand, before: KnownAction, answers: Map<string, BatchAnswer>): Promise<Delivery> {
    const after = this.remember(cmd.update.actionId, answers.get('action')!.body);
    const created = answers.get('update')!;
    const history = await this.log.from(answers.get('log')!);
    if (created.status === 201) {
      const update = updateFromItem(itemSchema.parse(created.body));
      return { kind: 'recorded', action: after.action, update, history: withUpdate(history, update) };
    }
    if (created.status === 409) return this.undoMove(cmd, before, after);
    return this.createUpdate(cmd, after.action, history);
  }

  /**
   * The requestId is already stored for an update, so this write moved the
   * action for nothing: put the action back (If-Match the eTag this write
   * left) before answering, so a refused submission changes nothing.
   */
  private async undoMove(cmd: RecordUpdateCommand, before: KnownAction, after: KnownAction): Promise<Delivery> {
    const id = cmd.update.actionId;
    try {
      const body = { ...moveFields(before.action), LastRequestId: before.lastRequestId ?? null };
      this.remember(
        id,
        await this.lists.graph.patch(`${this.lists.items('actions', id)}/fields`, body, 'undoing a refused update', after.eTag),
      );
    } catch (e) {
      this.index.delete(id);
      this.logger.error('A refused progress update could not be undone on its action', { actionId: id, requestId: cmd.update.requestId });
      if (!isTransient(e) && graphFailure(e)?.status !== 412) throw e;
    }
    const { earlier, history } = await this.log.lookUp(cmd.update);
    if (!earlier) throw new AppError('unavailable', `SharePoint reported this submission as stored but did not find it while ${SAVING}.`);
    return repeated(cmd, earlier, before.action, history);
  }

  /** Creates the update item alone (the action has already moved). */
  private async createUpdate(cmd: RecordUpdateCommand, action: Action, history: ProgressUpdate[] | null): Promise<Delivery> {
    let body: unknown;
    try {
      body = await this.lists.graph.post(this.lists.items('updates'), { fields: updateItemFields(cmd.update) }, SAVING);
    } catch (e) {
      if (graphFailure(e)?.status !== 409) throw e;
      const found = await this.log.lookUp(cmd.update);
      if (!found.earlier) throw e;
      return repeated(cmd, found.earlier, action, found.history);
    }
    const update = updateFromItem(itemSchema.parse(body));
    return { kind: 'recorded', action, update, history: withUpdate(history, update) };
  }

  /** Remembers the action as a PATCH of its fields answered it. */
  private remember(actionId: string, fieldsBody: unknown): KnownAction {
    const fields = (fieldsBody ?? {}) as Record<string, unknown>;
    const known = actionFromItem(itemSchema.parse({ id: actionId, eTag: fields['@odata.etag'], fields }));
    this.index.set(known);
    return known;
  }
}

/** The answer to a submission whose requestId is already stored: the same submission again, or a refused reuse. */
function repeated(cmd: RecordUpdateCommand, earlier: ProgressUpdate, action: Action, history: ProgressUpdate[]): Delivery {
  const reason = requestIdReuse(earlier, cmd.update);
  if (reason !== null) return { kind: 'refused', action, reason };
  return { kind: 'duplicate', action, update: earlier, history };
}

/** The log with `update` in it once (the batch's read may or may not have seen it), oldest first. */
function withUpdate(history: ProgressUpdate[] | null, update: ProgressUpdate): ProgressUpdate[] {
  return sortedLog([...(history ?? []).filter((u) => u.requestId !== update.requestId), update]);
}

function unavailable(error: AppError): Delivery {
  return { kind: 'unavailable', error };
}

function gone(): AppError {
  return new AppError('not_found', 'That action is no longer in the plan.');
}
