import type { Action, ConversationRef, ProgressUpdate } from '../domain/model.js';
import type { Digest } from './digest.js';

/** Why a reminder is being sent: shown in the card's headline. */
export interface ReminderContext {
  /** Ledger stage, e.g. `due-7`, `overdue-14`, `stale-2026-10-01`. */
  stage: string;
  /** Today in the organisation's time zone, `YYYY-MM-DD`. */
  today: string;
  /** The action's most recent updates, newest first (at most three). */
  recent: ProgressUpdate[];
}

/** The outcome of one delivery attempt. */
export type SendResult =
  | { ok: true }
  /** The platform refused for good (403: uninstalled, blocked, disabled): mark unreachable, do not retry. */
  | { ok: false; permanent: true; reason: string }
  /** A transient failure after retries (throttling, 5xx, timeout): release the claim, retry next run. */
  | { ok: false; permanent: false; reason: string };

/** What a reassignment tells the new owner: who handed what over, from whom, with each action's latest updates. */
export interface HandoverNotice {
  /** The E&D lead who reassigned. */
  by: string;
  /** Who held the actions before (a name, or the plan's role). */
  from: string;
  /** Today in the organisation's time zone, `YYYY-MM-DD`. */
  today: string;
  /** One action (an answerable card), or several (one list, each with an Update button). */
  actions: { action: Action; recent: ProgressUpdate[] }[];
}

/** The port a reassignment sends its handover through (the Teams adapter implements it, beside `Notifier`). */
export interface HandoverNotifier {
  sendHandover(to: ConversationRef, notice: HandoverNotice): Promise<SendResult>;
}

/**
 * The port the reminder and digest jobs send through. The Teams adapter
 * implements it with botbuilder; tests use a recording fake. Implementations
 * pace themselves under the platform's rate limits.
 */
export interface Notifier {
  sendReminder(to: ConversationRef, action: Action, context: ReminderContext): Promise<SendResult>;
  sendDigest(to: ConversationRef, digest: Digest): Promise<SendResult>;
}
