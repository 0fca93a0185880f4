/**
 * The verbs and input ids that card builders put on Adaptive Cards and the
 * bot's invoke handler reads back. Both sides import these constants so they
 * never drift apart.
 */
export const VERBS = {
  /** Reminder card: record the typed progress update. */
  sendUpdate: 'wres.update.send',
  /** Recorded card: show a fresh reminder card for the same action. */
  addAnother: 'wres.update.again',
  /** Automatic refresh: re-render a reminder card with the action's current state. */
  refresh: 'wres.card.refresh',
  /** Compact list: post the reminder card for one action. */
  showAction: 'wres.action.show',
  /** Reassignment confirmation (E&D leads): reassign the listed actions. */
  confirmReassign: 'wres.reassign.confirm',
  /** Reassignment confirmation: do nothing. */
  cancelReassign: 'wres.reassign.cancel',
} as const;
/** Ids of the reminder card's inputs; Teams merges their values into the Action.Execute data. */
export const INPUT_IDS = {
  text: 'text',
  rag: 'rag',
  markComplete: 'markComplete',
  /** Evidence links, separated by spaces or line breaks (see domain/evidence-links.ts `splitLinkText`). */
  links: 'links',
} as const;

/** Teams shows cards up to about 80 KB; builders keep a margin under this. */
export const MAX_CARD_BYTES = 80 * 1024;
