import { applyMove } from '../../domain/action-move.js';
import type { Action, ProgressUpdate } from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { OutboxEntry } from '../outbox/update-outbox.js';
import type { ActionIndex } from './action-index.js';
import type { OfflineAnswers } from './outbox-sync.js';

/** The id a queued update carries until SharePoint gives it one. */
const pendingUpdateId = (requestId: string) => `pending:${requestId}`;

/** A queued update as the progress log shows it. */
function provisionalUpdate(e: OutboxEntry): ProgressUpdate {
  return { ...e.command.update, id: pendingUpdateId(e.requestId) };
}

/**
 * The action as its author will see it once the queued updates reach
 * SharePoint: each entry applies when it was made against the version in
 * front of it (and has not been applied already), so the author's next
 * submission carries the version that will then be current.
 */
export function withPending(action: Action, lastRequestId: string | undefined, entries: OutboxEntry[]): Action {
  let view = action;
  for (const e of entries) {
    if (e.actionId !== action.id || e.requestId === lastRequestId || e.command.expectedVersion !== view.version) continue;
    view = applyMove(view, e.command.next);
  }
  return view;
}

/** `updates` plus queued ones not yet stored, oldest first. */
export function mergePending(updates: ProgressUpdate[], entries: OutboxEntry[]): ProgressUpdate[] {
  const stored = new Set(updates.map((u) => u.requestId));
  const queued = entries.filter((e) => !stored.has(e.requestId)).map(provisionalUpdate);
  if (queued.length === 0) return updates;
  return [...updates, ...queued].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

/**
 * The answers given while SharePoint cannot be reached, from what this
 * instance knows: the action as last read plus what waits in the outbox for it.
 * Rejects with `unavailable` for an action never read.
 */
export function offlineAnswers(index: ActionIndex): OfflineAnswers {
  const view = (actionId: string, waiting: OutboxEntry[]): Action => {
    const known = index.peek(actionId);
    if (!known) throw new AppError('unavailable', 'SharePoint cannot be reached just now. Please try again in a few minutes.');
    return withPending(known.action, known.lastRequestId, waiting);
  };
  return {
    accepted: (entry, duplicate, waiting) => ({
      kind: duplicate ? 'duplicate' : 'recorded',
      action: view(entry.actionId, waiting),
      update: provisionalUpdate(entry),
      history: mergePending([], waiting),
      pending: true,
    }),
    refused: (cmd, reason, waiting) => ({ kind: 'refused', action: view(cmd.update.actionId, waiting), reason }),
  };
}
