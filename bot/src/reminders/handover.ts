import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import { localDate } from '../domain/dates.js';
import type { Action, ProgressUpdate } from '../domain/model.js';
import { handoverStage } from '../domain/reminder-stages.js';
import { isProgressNote } from '../domain/rules.js';
import type { Logger } from '../logger.js';
import type { PlanStore } from '../store/plan-store.js';
import { sendClaimed } from './claimed-send.js';
import type { HandoverNotifier } from './notifier.js';
import { ConversationDirectory, reachOwner } from './recipients.js';

/** Up to this many reassigned actions get an answerable card each; more come as one list. */
const MAX_HANDOVER_CARDS = 5;

/** One reassigned action: the request that moved it and its progress log (oldest first). */
export interface HandedOver {
  action: Action;
  requestId: string;
  history: ProgressUpdate[];
}

/** Whether the new owner was told in Teams, in words for the lead. */
export type HandoverResult = { sent: true; to: string } | { sent: false; to: string; reason: string };

/** What the handover sender works with; `leaseMinutes` is REMINDER_LEASE_MINUTES, `timeZone` TIMEZONE. */
export interface HandoverDeps {
  store: PlanStore;
  notifier: HandoverNotifier;
  clock: Clock;
  logger: Logger;
  leaseMinutes: number;
  timeZone: string;
}

/**
 * Tells the new owner of reassigned actions, in their Teams chat, with a
 * handover card answerable like a reminder (several actions: one list). Each
 * send goes through the reminder ledger (stage `handover-…`, one per
 * reassignment request), so a retried reassignment sends nothing twice and a
 * failed send stays visible in `wres status` and the digest.
 */
export class HandoverSender {
  constructor(private readonly deps: HandoverDeps) {}

  /** Hands `actions` (all now owned by the same person) over from `from`, as `by`. Never rejects. */
  async handOver(actions: HandedOver[], by: string, from: string): Promise<HandoverResult> {
    const first = actions[0];
    if (!first) throw new Error('handOver needs at least one action');
    const owner = first.action.owner?.displayName ?? 'The new owner';
    try {
      const reach = reachOwner(first.action, new ConversationDirectory(await this.deps.store.listConversations()));
      if (reach.kind !== 'reachable') return { sent: false, to: owner, reason: `${owner} ${reasonWords(reach.kind, reach.reason)}` };
      const today = localDate(this.deps.clock.now(), this.deps.timeZone);
      const batches = actions.length <= MAX_HANDOVER_CARDS ? actions.map((a) => [a]) : [actions];
      const failures: string[] = [];
      for (const batch of batches) {
        const recent = (a: HandedOver) => a.history.filter(isProgressNote).slice(-3).reverse();
        const notice = { by, from, today, actions: batch.map((a) => ({ action: a.action, recent: recent(a) })) };
        const key = { actionId: batch[0]!.action.id, stage: handoverStage(digest(batch)), dueDate: batch[0]!.action.dueDate ?? '' };
        const outcome = await sendClaimed({ ...this.deps, leaseMinutes: this.deps.leaseMinutes }, key, reach.conversation, () =>
          this.deps.notifier.sendHandover(reach.conversation, notice),
        );
        if (outcome.kind === 'failed') failures.push(outcome.detail);
      }
      if (failures.length === 0) return { sent: true, to: owner };
      return {
        sent: false,
        to: owner,
        reason: `Teams did not take the handover card for ${owner}: ${failures[0]}. It is listed in the digest.`,
      };
    } catch (e) {
      this.deps.logger.warn('The handover card could not be sent', { error: e instanceof Error ? e.message : String(e) });
      return { sent: false, to: owner, reason: `The handover card for ${owner} could not be sent just now.` };
    }
  }
}

function reasonWords(kind: 'no-owner' | 'no-conversation' | 'unreachable', reason: string): string {
  if (kind === 'no-conversation') return 'has not installed the app in Teams yet, so no handover card could be sent: please let them know.';
  if (kind === 'unreachable') return `cannot be reached in Teams (${reason}), so no handover card could be sent: please let them know.`;
  return 'is not a person the bot can reach.';
}

/** A short, stable key for one reassignment (its request ids): the same request gives the same ledger entry. */
function digest(batch: HandedOver[]): string {
  return createHash('sha256')
    .update(batch.map((a) => a.requestId).join('|'))
    .digest('hex')
    .slice(0, 16);
}
