import { compareByDue } from '../domain/action-view.js';
import type { Clock } from '../domain/clock.js';
import type { Action, Person, ProgressUpdate, UpdateSource } from '../domain/model.js';
import { ownerLabel, sameKey, type Actor } from '../domain/people.js';
import { isOwnedBy, openActionsOf, reassignmentRefusal, reassignmentText, type PersonKey } from '../domain/reassignment.js';
import { AppError } from '../errors.js';
import type { HandedOver, HandoverResult, HandoverSender } from '../reminders/handover.js';
import type { PlanStore } from '../store/plan-store.js';
import type { PeopleFinder } from './people-finder.js';

/** The new owner as a lead names them: an email, and a name for someone the app does not know yet (SQLite only). */
export interface NewOwner {
  email: string;
  displayName?: string;
}

/** A reassignment the lead confirmed: the actions as they saw them (id and version), and whose they were for "all of A's". */
export interface ReassignRequest {
  /** One per confirmation; a retry reuses it, so nothing is stored twice. 8–200 characters. */
  requestId: string;
  to: NewOwner;
  actions: { id: string; expectedVersion: number }[];
  /** For "all of A's open actions": each must still be A's. */
  from?: PersonKey;
}

/** An action now the new owner's: the log entry that says so, and who held it before. */
interface Moved {
  action: Action;
  update: ProgressUpdate;
  previousOwner: string;
  /** SharePoint could not be reached: saved locally, syncing. */
  pending?: boolean;
}

/** What became of one action of a reassignment. */
export type ReassignItem =
  | ({ kind: 'recorded' } & Moved)
  /** The same request was carried out before: nothing written now. */
  | ({ kind: 'duplicate' } & Moved)
  /** It changed since the lead looked (or is no longer the old owner's): nothing was done. */
  | { kind: 'conflict'; action: Action; reason: string }
  /** It cannot be reassigned (closed, already theirs, gone, a reused request id): nothing was done. */
  | { kind: 'refused'; actionId: string; action?: Action; reason: string };

/** A whole reassignment: the new owner, each action's outcome, and whether the new owner was told in Teams. */
export interface ReassignOutcome {
  to: Person;
  items: ReassignItem[];
  /** Null when nothing was reassigned. */
  handover: HandoverResult | null;
}

/** "Reassign all of A's open actions to B", before the lead confirms. */
export interface ReassignPreview {
  from: { email: string; label: string };
  to: Person;
  /** A's open actions, soonest due first. */
  actions: Action[];
}

/** What reassignments need; without `handover` (no Teams in this process) the new owner is not told. */
export interface ReassignmentsDeps {
  store: PlanStore;
  clock: Clock;
  people: PeopleFinder;
  handover?: HandoverSender;
}

const ONLY_LEADS = 'Only E&D leads can reassign actions.';

/**
 * Reassigning actions (the tab, the bot's `reassign` command): E&D leads
 * only. Each action's change goes into its progress log ("Reassigned from A
 * to B by C", as a reassignment, not a note) with optimistic concurrency and
 * a request id, exactly like a progress update; then the new owner gets a
 * handover card. The old owner's unfinished reminders for it are not owed any
 * more (see domain/reminder-ledger.ts).
 */
export class Reassignments {
  constructor(private readonly deps: ReassignmentsDeps) {}

  /** Who `to` names, for a lead about to confirm. Rejects `forbidden`, `bad_input` or `unavailable` as `reassign` does. */
  async newOwner(actor: Actor, to: NewOwner): Promise<Person> {
    if (!actor.isLead) throw new AppError('forbidden', ONLY_LEADS);
    return this.deps.people.find(to.email, to.displayName);
  }

  /** A's open actions and who B is, for the lead to confirm. Rejects `forbidden`, `bad_input` (bad or unknown email, A = B). */
  async preview(actor: Actor, fromEmail: string, to: NewOwner): Promise<ReassignPreview> {
    if (!actor.isLead) throw new AppError('forbidden', ONLY_LEADS);
    const [person, actions] = await Promise.all([this.deps.people.find(to.email, to.displayName), this.deps.store.listActions()]);
    const from = fromEmail.trim().toLowerCase();
    if (sameKey(person.email, from)) throw new AppError('bad_input', 'Choose someone else as the new owner: that is the current owner.');
    const theirs = openActionsOf(actions, { email: from }).sort(compareByDue);
    const label = theirs[0]?.owner?.displayName ?? actions.find((a) => sameKey(a.owner?.email, from))?.owner?.displayName ?? from;
    return { from: { email: from, label }, to: person, actions: theirs };
  }

  /**
   * Reassigns the confirmed actions to `req.to`, each stored once however
   * often the request is retried. Rejects `forbidden` for anyone but a lead
   * and `bad_input` / `unavailable` when the new owner cannot be found;
   * per-action problems come back as items, never as a half-told story.
   */
  async reassign(actor: Actor, req: ReassignRequest, source: UpdateSource): Promise<ReassignOutcome> {
    if (!actor.isLead) throw new AppError('forbidden', ONLY_LEADS);
    const to = await this.deps.people.find(req.to.email, req.to.displayName);
    const items: ReassignItem[] = [];
    const moved: HandedOver[] = [];
    let from = '';
    for (const { id, expectedVersion } of req.actions) {
      const requestId = req.actions.length === 1 ? req.requestId : `${req.requestId.slice(0, 120)}:${id.slice(0, 60)}`;
      const item = await this.reassignOne(actor, id, expectedVersion, to, requestId, source, req.from);
      items.push(item);
      if (item.kind === 'recorded' || item.kind === 'duplicate') {
        from ||= item.previousOwner;
        moved.push({ action: item.action, requestId, history: await this.deps.store.listUpdates(item.action.id).catch(() => []) });
      }
    }
    if (moved.length === 0) return { to, items, handover: null };
    const handover = this.deps.handover
      ? await this.deps.handover.handOver(moved, actor.displayName, from)
      : { sent: false as const, to: to.displayName, reason: 'Teams is not connected to this service, so no handover card was sent.' };
    return { to, items, handover };
  }

  private async reassignOne(
    actor: Actor,
    id: string,
    expectedVersion: number,
    to: Person,
    requestId: string,
    source: UpdateSource,
    from: PersonKey | undefined,
  ): Promise<ReassignItem> {
    const action = await this.deps.store.getAction(id);
    if (!action) return { kind: 'refused', actionId: id, reason: 'That action is no longer in the plan.' };
    if (action.version !== expectedVersion) {
      // A retry of a reassignment that went through: the entry it stored answers it.
      const earlier = (await this.deps.store.listUpdates(action.id)).find((u) => u.requestId === requestId);
      if (earlier) return { kind: 'duplicate', action, update: earlier, previousOwner: previousOwnerOf(earlier, action) };
    }
    const refusal = reassignmentRefusal(action, to);
    if (refusal) return { kind: 'refused', actionId: id, action, reason: refusal };
    if (from && !isOwnedBy(action, from))
      return { kind: 'conflict', action, reason: `Action ${action.ref} is now ${ownerLabel(action)}’s, so it was left alone.` };
    const now = this.deps.clock.now().toISOString();
    const author = { name: actor.displayName, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) };
    const result = await this.deps.store.recordUpdate({
      expectedVersion,
      update: {
        actionId: action.id,
        text: reassignmentText(action, to, actor.displayName),
        ragFrom: action.rag,
        ragTo: action.rag,
        statusFrom: action.status,
        statusTo: action.status,
        author,
        submittedAt: now,
        source,
        requestId,
        event: { kind: 'reassigned', from: action.owner, to },
      },
      next: { rag: action.rag, status: action.status, owner: to, updatedAt: now },
    });
    if (result.kind === 'conflict') {
      const who = result.action.latestUpdate?.authorName ?? 'Someone';
      return {
        kind: 'conflict',
        action: result.action,
        reason: `${who} changed action ${action.ref} since you looked, so it was not reassigned. Look again, then confirm.`,
      };
    }
    if (result.kind === 'refused') return { kind: 'refused', actionId: id, action: result.action, reason: result.reason };
    const previousOwner = previousOwnerOf(result.update, action);
    const moved = { action: result.action, update: result.update, previousOwner, ...(result.pending ? { pending: true } : {}) };
    return result.kind === 'recorded' ? { kind: 'recorded', ...moved } : { kind: 'duplicate', ...moved };
  }
}

/** Who held the action before the reassignment `update` records. */
function previousOwnerOf(update: ProgressUpdate, action: Action): string {
  const event = update.event;
  return (event?.kind === 'reassigned' && event.from?.displayName) || action.leadRole || 'nobody named';
}
