import type { Action, Rag, Status } from './model.js';

/** Whether an action is finished: nothing more to remind about. */
export function isComplete(action: Pick<Action, 'status'>): boolean {
  return action.status === 'Complete';
}

/**
 * Overdue means the due date is before `today` (a `YYYY-MM-DD` date in the
 * organisation's time zone, see `localDate`) and the action is not complete.
 * Undated and ongoing actions are never overdue.
 */
export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: string): boolean {
  return !isComplete(action) && action.dueDate !== null && action.dueDate < today;
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
  if (status === 'Complete') status = 'InProgress';
  if (status === 'NotStarted') status = 'InProgress';
  if (rag === 'None' && change.rag === undefined) rag = current.rag;
  return { rag, status };
}

/** Applies "Complete implies Blue" to imported or stored state so the two never disagree. */
export function normaliseState(rag: Rag, status: Status): { rag: Rag; status: Status } {
  if (status === 'Complete' || rag === 'Blue') return { rag: 'Blue', status: 'Complete' };
  return { rag, status };
}

/** Human labels, used by the card, the digest and the tab. */
export const STATUS_LABELS: Record<Status, string> = {
  NotStarted: 'Not started',
  InProgress: 'In progress',
  Ongoing: 'Ongoing',
  Complete: 'Complete',
};

export const RAG_LABELS: Record<Rag, string> = {
  Red: 'Red',
  Amber: 'Amber',
  Green: 'Green',
  Blue: 'Blue — complete',
  None: 'Not rated',
};
