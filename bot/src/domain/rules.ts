import type { Action, ProgressUpdate, Rag, Status } from './model.js';

/** Whether an action was finished (marked complete). */
export function isComplete(action: Pick<Action, 'status'>): boolean {
  return action.status === 'Complete';
}

/** Whether an action was carried into the next plan year: the work goes on in its copy there. */
export function isCarriedOver(action: Pick<Action, 'status'>): boolean {
  return action.status === 'CarriedOver';
}

/**
 * Closed: complete, or carried over into the next plan year. The one rule for
 * "nothing more happens here": a closed action gets no reminders or nudges,
 * is never overdue or stale, is not an owner's open action, and takes no
 * more progress updates or reassignments.
 */
export function isClosed(action: Pick<Action, 'status'>): boolean {
  return isComplete(action) || isCarriedOver(action);
}

/**
 * Overdue means the due date is before `today` (a `YYYY-MM-DD` date in the
 * organisation's time zone, see `localDate`) and the action is still open
 * (not complete, not carried over). Undated and ongoing actions are never overdue.
 */
export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: string): boolean {
  return !isClosed(action) && action.dueDate !== null && action.dueDate < today;
}

/**
 * The RAG and status an update leaves the action with. Complete implies Blue
 * and Blue implies Complete; leaving Blue reopens the action as In progress;
 * the first update on a not-started action moves it to In progress.
 */
export function nextState(
  current: Pick<Action, 'rag' | 'status'>,
  change: { rag?: Rag; markComplete?: boolean },
): { rag: Rag; status: Status } {
  let rag = change.rag ?? current.rag;
  let status: Status = current.status;
  if (change.markComplete || rag === 'Blue') {
    return { rag: 'Blue', status: 'Complete' };
  }
  if (status === 'Complete' || status === 'CarriedOver') status = 'InProgress';
  if (status === 'NotStarted') status = 'InProgress';
  if (rag === 'None' && change.rag === undefined) rag = current.rag;
  return { rag, status };
}

/** Applies "Complete implies Blue" to imported or stored state so the two never disagree. */
export function normaliseState(rag: Rag, status: Status): { rag: Rag; status: Status } {
  if (status === 'Complete' || rag === 'Blue') return { rag: 'Blue', status: 'Complete' };
  return { rag, status };
}

/** A progress note, as opposed to a reassignment or a carry-over recorded in the same log: what "latest updates" lists. */
export function isProgressNote(update: Pick<ProgressUpdate, 'event'>): boolean {
  return update.event === undefined;
}

/**
 * The word in a RAG column: the rating, or "Carried over" for an action carried
 * into the next plan year (its own state: its rating is history, counted in its copy).
 */
export function ragWord(action: Pick<Action, 'rag' | 'status'>): string {
  return isCarriedOver(action) ? STATUS_LABELS.CarriedOver : RAG_LABELS[action.rag];
}

/** Human labels, used by the card, the digest and the tab. */
export const STATUS_LABELS: Record<Status, string> = {
  NotStarted: 'Not started',
  InProgress: 'In progress',
  Ongoing: 'Ongoing',
  Complete: 'Complete',
  CarriedOver: 'Carried over',
};

export const RAG_LABELS: Record<Rag, string> = {
  Red: 'Red',
  Amber: 'Amber',
  Green: 'Green',
  Blue: 'Blue — complete',
  None: 'Not rated',
};
