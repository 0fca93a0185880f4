/**
 * The reminder ledger's rules: delivery is at-least-once with a lease.
 *
 * A run claims a reminder before sending it; the claim carries a lease
 * (`leaseUntil`). While the lease runs, no other run sends that reminder.
 * A run that dies between claim and "sent" leaves the claim pending; once
 * the lease has run out a later run takes it over and sends it again — it
 * may then arrive twice, which the run reports. A failed send is kept as
 * `failed`, with its reason, and is tried again by the next run — for the
 * same person only: the key is (action, stage, due date), not the recipient,
 * so when the action's owner changes (a reassignment) an unfinished entry of
 * the old owner is never retried as theirs; the new owner's claim starts it
 * afresh, and a stage the old owner was sent stays done.
 *
 * Pure: both stores apply `claimOver` inside their own atomic write, so the
 * rule lives here once.
 */
import type { ReminderSent } from './model.js';

/** Where an entry stands at an instant. */
export type LedgerStanding =
  /** The channel accepted it. */
  | 'sent'
  /** A run holds it and its lease has not run out. */
  | 'sending'
  /** The last attempt failed; `failure` says why. */
  | 'failed'
  /** A run claimed it and stopped before finishing (its lease ran out): it may or may not have arrived. */
  | 'interrupted';

/** What claiming a reminder did. */
export type ClaimResult =
  /** Nobody had claimed it: this run sends it. */
  | 'claimed'
  /** Its last attempt failed: this run tries again. */
  | 'retry-after-failure'
  /** A run claimed it and died (lease ran out): this run sends it again, so it may arrive twice. */
  | 'retry-after-interruption'
  /** It was sent, or a live run is sending it: leave it. */
  | 'held';

type LedgerFacts = Pick<ReminderSent, 'state' | 'sentAt' | 'leaseUntil'> & Partial<Pick<ReminderSent, 'recipient' | 'attempts'>>;

const ms = (at: string | Date) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Where `entry` stands at `at`. A pending entry without a lease (written before leases) counts as lapsed. */
export function ledgerStanding(entry: LedgerFacts, at: string | Date): LedgerStanding {
  if (entry.state === 'sent') return 'sent';
  if (entry.state === 'failed') return 'failed';
  return ms(at) < ms(entry.leaseUntil ?? entry.sentAt) ? 'sending' : 'interrupted';
}

/**
 * What `claim` (made at its `sentAt`, for its `recipient`) does over the entry
 * already in the ledger (null: none). A failed or interrupted entry for
 * someone else (the action was reassigned since) is not a retry: the claim
 * starts afresh ('claimed', one attempt) for the new recipient.
 */
export function claimOver(existing: LedgerFacts | null, claim: { sentAt: string; recipient: string }): ClaimResult {
  if (!existing) return 'claimed';
  const standing = ledgerStanding(existing, claim.sentAt);
  if (standing === 'failed' || standing === 'interrupted') {
    if (existing.recipient !== undefined && existing.recipient.trim().toLowerCase() !== claim.recipient.trim().toLowerCase())
      return 'claimed';
  }
  switch (standing) {
    case 'failed':
      return 'retry-after-failure';
    case 'interrupted':
      return 'retry-after-interruption';
    default:
      return 'held';
  }
}

/** The attempts an entry counts once `result` has claimed it: one for a fresh claim, one more for a retry. */
export function attemptsAfter(existing: LedgerFacts | null, result: Exclude<ClaimResult, 'held'>): number {
  return result === 'claimed' || !existing ? 1 : (existing.attempts ?? 1) + 1;
}

/** The end of the lease of a claim made at `at`. */
export function leaseEnd(at: Date, leaseMinutes: number): string {
  return new Date(at.getTime() + leaseMinutes * 60_000).toISOString();
}

/**
 * The entries that could not be delivered, as of `at`: failed or
 * interrupted, and not since overtaken by a later one sent for the same
 * action (or the same lead's digest). `stillWanted` drops the rest, e.g.
 * reminders for actions since completed. Oldest first.
 */
export function undeliveredEntries(
  ledger: readonly ReminderSent[],
  at: string | Date,
  stillWanted: (entry: ReminderSent) => boolean = () => true,
): ReminderSent[] {
  const lastSent = new Map<string, number>();
  for (const e of ledger) {
    if (e.state === 'sent') lastSent.set(e.actionId, Math.max(lastSent.get(e.actionId) ?? -Infinity, ms(e.sentAt)));
  }
  return ledger
    .filter((e) => {
      const standing = ledgerStanding(e, at);
      if (standing !== 'failed' && standing !== 'interrupted') return false;
      return (lastSent.get(e.actionId) ?? -Infinity) < ms(e.sentAt) && stillWanted(e);
    })
    .sort((a, b) => ms(a.sentAt) - ms(b.sentAt));
}
