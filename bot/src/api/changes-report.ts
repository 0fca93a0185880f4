import { compareByDue, type ActionView } from '../domain/action-view.js';
import type { ProgressUpdate } from '../domain/model.js';
import type { ActionRef, ChangesResponse } from './contract.js';

/**
 * "Since the last board": RAG moves, completions, newly overdue actions and
 * every update since `since`. Pure: `updates` are those submitted since then
 * (oldest first), `views` the whole plan for `today`. Updates whose action is
 * no longer in the plan are left out.
 */
export function changesSince(
  since: string,
  today: string,
  views: readonly ActionView[],
  updates: readonly ProgressUpdate[],
): ChangesResponse {
  const byId = new Map(views.map((v) => [v.id, v]));
  const refOf = (v: ActionView): ActionRef => ({ id: v.id, ref: v.ref, title: v.title, ownerLabel: v.ownerLabel });
  const known = updates.filter((u) => byId.has(u.actionId));
  const completions = known
    .filter((u) => u.statusTo === 'Complete' && u.statusFrom !== 'Complete')
    .map((u) => ({ action: refOf(byId.get(u.actionId)!), at: u.submittedAt, by: u.author.name }));
  const ragMoves = known
    .filter((u) => u.ragFrom !== u.ragTo && u.ragTo !== 'Blue')
    .map((u) => ({ action: refOf(byId.get(u.actionId)!), from: u.ragFrom, to: u.ragTo, at: u.submittedAt, by: u.author.name }));
  const newlyOverdue = views.filter((v) => v.overdue && v.dueDate !== null && v.dueDate >= since).sort(compareByDue);
  const withRefs = known.map((u) => {
    const v = byId.get(u.actionId)!;
    return { ...u, ref: v.ref, title: v.title };
  });
  return { since, today, ragMoves, completions, newlyOverdue, updates: withRefs };
}
