import type { Clock } from '../domain/clock.js';
import {
  carriedCopy,
  carryOverRefusal,
  carryOverText,
  linkTo,
  planCarryOver,
  type CarryOverItem,
  type CarryOverPlan,
} from '../domain/carry-over.js';
import type { Action, ActionLink, ProgressUpdate, UpdateSource } from '../domain/model.js';
import { isClosed } from '../domain/rules.js';
import { AppError } from '../errors.js';
import { forEachConcurrently } from '../reminders/concurrency.js';
import type { PlanStore } from '../store/plan-store.js';

/** A carry-over to run: the two plan years, who runs it, and (from the tab) what the lead confirmed. */
export interface CarryOverRequest {
  from: string;
  to: string;
  by: ProgressUpdate['author'];
  source: UpdateSource;
  /** New due dates the lead chose (null: no date), by action id; the rest take the default. */
  dueDates?: ReadonlyMap<string, string | null>;
  /** The actions as the lead saw them in the dry run: only these are carried, and only if unchanged since. */
  confirmed?: readonly { id: string; expectedVersion: number }[];
}

/** What a carry-over did, action by action. */
export interface CarryOverResult {
  plan: CarryOverPlan;
  /** Copied now (or finished from an earlier run that stopped part way), with the copy's link. */
  carried: { action: Action; copy: ActionLink; dueDate: string | null }[];
  /** Left alone, with the reason: blocked by a ref already used, changed since the dry run, or not in the confirmed list. */
  notCarried: { action: Action; reason: string }[];
}

/** How many originals are marked at once on SharePoint (each is one `$batch`). */
const MARK_CONCURRENCY = 4;

/**
 * Carries a plan year into the next (`wres carry-over`, the lead's button in
 * the tab): the dry run is `preview`; `run` makes the copies in one import
 * (idempotent by plan year and ref), then marks each original "Carried over"
 * with an entry in its progress log and a link to its copy, exactly once per
 * action however often it runs (request id `carry-over:<id>:<year>`).
 */
export class CarryOverService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /** What `run` would do now, writing nothing. Rejects `bad_input` for years that cannot be carried one into the other. */
  async preview(from: string, to: string, dueDates?: ReadonlyMap<string, string | null>): Promise<CarryOverPlan> {
    checkYears(from, to);
    return planCarryOver(await this.store.listActions(), from, to, dueDates);
  }

  async run(req: CarryOverRequest): Promise<CarryOverResult> {
    const plan = await this.preview(req.from, req.to, req.dueDates);
    const confirmed = req.confirmed && new Map(req.confirmed.map((c) => [c.id, c.expectedVersion]));
    const notCarried: CarryOverResult['notCarried'] = [];
    const todo: Exclude<CarryOverItem, { kind: 'blocked' }>[] = [];
    for (const item of plan.items) {
      const reason = item.kind === 'blocked' ? item.reason : confirmationProblem(item.action, confirmed);
      if (reason) notCarried.push({ action: item.action, reason });
      else if (item.kind !== 'blocked') todo.push(item);
    }
    const now = this.clock.now().toISOString();
    const copies = todo.flatMap((i) => (i.kind === 'copy' ? [{ action: carriedCopy(i.action, req.to, i.dueDate), history: [] }] : []));
    if (copies.length > 0) await this.store.importActions(copies, now);
    const made = new Map((await this.store.listActions()).filter((a) => a.planYear === req.to).map((a) => [a.ref, a]));
    const carried: CarryOverResult['carried'] = [];
    await forEachConcurrently(todo, MARK_CONCURRENCY, async (item) => {
      const copy = made.get(item.action.ref);
      if (!copy || copy.carriedFrom?.id !== item.action.id) {
        notCarried.push({ action: item.action, reason: `Its copy in ${req.to} could not be found; run the carry-over again.` });
        return;
      }
      const problem = await this.markCarried(item.action, copy, req, now);
      if (problem) notCarried.push({ action: item.action, reason: problem });
      else carried.push({ action: item.action, copy: linkTo(copy), dueDate: copy.dueDate });
    });
    const order = new Map(plan.items.map((i, n) => [i.action.id, n]));
    const byPlan = (a: { action: Action }, b: { action: Action }) => order.get(a.action.id)! - order.get(b.action.id)!;
    return { plan, carried: carried.sort(byPlan), notCarried: notCarried.sort(byPlan) };
  }

  /** Marks the original carried over (once: a fixed request id); one retry when someone updated it meanwhile. Null when done. */
  private async markCarried(original: Action, copy: Action, req: CarryOverRequest, now: string): Promise<string | null> {
    let action = original;
    for (let attempt = 0; attempt < 2; attempt++) {
      const link = linkTo(copy);
      const result = await this.store.recordUpdate({
        expectedVersion: action.version,
        update: {
          actionId: action.id,
          text: carryOverText(link, req.by.name),
          ragFrom: action.rag,
          ragTo: action.rag,
          statusFrom: action.status,
          statusTo: 'CarriedOver',
          author: req.by,
          submittedAt: now,
          source: req.source,
          requestId: `carry-over:${action.id}:${req.to}`,
          event: { kind: 'carried-over', to: link },
        },
        next: { rag: action.rag, status: 'CarriedOver', carriedTo: link, updatedAt: now },
      });
      if (result.kind === 'recorded' || result.kind === 'duplicate') return null;
      if (result.kind === 'refused') return result.reason;
      if (isClosed(result.action))
        return `It was ${result.action.status === 'Complete' ? 'completed' : 'carried over'} meanwhile; its copy ${link.planYear} · ${link.ref} was made, so close or remove that copy.`;
      action = result.action;
    }
    return changedReason(action);
  }
}

/** Why an action the dry run listed is not carried now: not in what the lead confirmed, or changed since. */
function confirmationProblem(action: Action, confirmed: ReadonlyMap<string, number> | undefined): string | null {
  if (!confirmed) return null;
  const seen = confirmed.get(action.id);
  if (seen === undefined) return NOT_CONFIRMED;
  return seen === action.version ? null : changedReason(action);
}

const NOT_CONFIRMED = 'It was not in the list you confirmed (it was added or reopened since): run the carry-over again to include it.';

function changedReason(action: Action): string {
  return `Action ${action.ref} changed since you looked, so it was left for now: look again, then confirm.`;
}

function checkYears(from: string, to: string): void {
  const refusal = carryOverRefusal(from, to);
  if (refusal) throw new AppError('bad_input', refusal);
}
