import { compareByDue, type ActionView } from '../domain/action-view.js';
import type { ProgressUpdate } from '../domain/model.js';
import { isProgressNote } from '../domain/rules.js';
import type { ActionRef, CarriedOver, ChangesResponse, Reassignment } from './contract.js';

/**
 * "Since the last board": RAG moves, completions, newly overdue actions,
 * reassignments, actions carried into the next year and every progress note
 * since `since`. Pure: `updates` are those submitted since then
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
  const withRefs = known.filter(isProgressNote).map((u) => {
    const v = byId.get(u.actionId)!;
    return { ...u, ref: v.ref, title: v.title };
  });
  const reassignments: Reassignment[] = [];
  const carriedOver: CarriedOver[] = [];
  for (const u of known) {
    const action = refOf(byId.get(u.actionId)!);
    if (u.event?.kind === 'reassigned')
      reassignments.push({
        action,
        from: u.event.from?.displayName ?? 'no named person',
        to: u.event.to.displayName,
        at: u.submittedAt,
        by: u.author.name,
      });
    if (u.event?.kind === 'carried-over') carriedOver.push({ action, to: u.event.to, at: u.submittedAt, by: u.author.name });
  }
  return { since, today, ragMoves, completions, newlyOverdue, updates: withRefs, reassignments, carriedOver };
}
