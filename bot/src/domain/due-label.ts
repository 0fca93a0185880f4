import { relativeDue } from './calendar-days.js';
import type { Action } from './model.js';
import { isCarriedOver, isComplete } from './rules.js';

// Plans share a handful of due dates (quarter and year ends); the wording is worth remembering.
const dueLabels = new Map<string, string>();

/**
 * Human wording for when an action is due, relative to `today`: "in 7 days",
 * "due today", "3 days overdue", "Complete", "Carried over", "Ongoing", "No date". Pure (no
 * luxon), so the service's views and the tab word it the same way.
 */
export function dueLabel(action: Pick<Action, 'status' | 'dueDate'>, today: string): string {
  if (isComplete(action)) return 'Complete';
  if (isCarriedOver(action)) return 'Carried over';
  if (action.dueDate === null) return action.status === 'Ongoing' ? 'Ongoing' : 'No date';
  const key = `${action.dueDate}|${today}`;
  let label = dueLabels.get(key);
  if (label === undefined) {
    label = relativeDue(action.dueDate, today);
    if (dueLabels.size > 2048) dueLabels.clear();
    dueLabels.set(key, label);
  }
  return label;
}
