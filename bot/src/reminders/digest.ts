import type { IndicatorNumber, LatestUpdate, Rag } from '../domain/model.js';
import type { UndeliveredReminder } from './undelivered.js';

/** An overdue or stale action as the digest lists it. */
export interface DigestAction {
  id: string;
  ref: string;
  title: string;
  /** Days past the due date (overdue list) or since the last update (stale list). */
  days: number;
  lastUpdate: LatestUpdate | null;
}

/**
 * The E&D lead's digest as a view model: built by the digest job from the
 * store, rendered by the chat adapter. Everything a lead must trust is here,
 * including the owners the bot cannot reach.
 */
export interface Digest {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  counts: { actions: number; overdue: number; dueThisWeek: number; stale: number; byRag: Record<Rag, number> };
  overdueByOwner: { owner: string; reachable: boolean; actions: DigestAction[] }[];
  stale: (DigestAction & { owner: string })[];
  /** Owners reminded three or more times without answering. */
  notAnswering: { owner: string; timesReminded: number; since: string }[];
  /** Owners with open actions whom the bot cannot reach in Teams. */
  unreachable: { owner: string; reason: string; openActions: number }[];
  /** Reminders and digests that could not be delivered (and why); the next run tries them again. */
  undelivered: UndeliveredReminder[];
  /** Progress updates set aside because they can never reach SharePoint (the outbox's failed entries or poison queue); absent when none. */
  failedWrites?: number;
  /** Indicators that worsened year on year and have no open action. */
  worsenedWithoutAction: { indicator: IndicatorNumber; summary: string }[];
  /** Link that opens the plan tab. */
  tabUrl: string;
}
