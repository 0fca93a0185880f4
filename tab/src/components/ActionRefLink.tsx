import type { ActionView } from '../api/types.js';
import { formatDate } from '../lib/format.js';
import { RouteLink } from '../router.js';

/** "2.3 Audit the panels", linking to the action's page: how the lead's confirmation and result lists name an action. */
export function ActionRefLink({ action }: { action: Pick<ActionView, 'id' | 'ref' | 'title'> }) {
  return (
    <RouteLink to={`/actions/${encodeURIComponent(action.id)}`}>
      {action.ref} <bdi>{action.title}</bdi>
    </RouteLink>
  );
}

/** The action's due date as it stands: the date, else the plan's own words ("ongoing"), else "No date". */
export function dueNowText(action: Pick<ActionView, 'dueDate' | 'dueText'>): string {
  return action.dueDate ? formatDate(action.dueDate) : action.dueText || 'No date';
}
