import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ActionView } from '../../api/types.js';
import { RouteLink } from '../../router.js';

/**
 * Where a carried-over action's work goes on ("Carried over into 2027/28 as
 * 2.3"), or where a carried copy came from ("Carried over from 2026/27 · 2.3",
 * whose history stays on that page). Nothing when neither.
 */
export function CarriedOverNote({ action }: { action: ActionView }) {
  if (action.carriedTo) {
    const to = action.carriedTo;
    return (
      <MessageBar intent="info" layout="multiline" data-testid="carried-to">
        <MessageBarBody>
          <MessageBarTitle>Carried over into {to.planYear}</MessageBarTitle>
          The work goes on in{' '}
          <RouteLink to={`/actions/${encodeURIComponent(to.id)}`}>
            {to.planYear} · {to.ref}
          </RouteLink>
          : add updates there. This page keeps the action’s history in {action.planYear}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!action.carriedFrom) return null;
  const from = action.carriedFrom;
  return (
    <p data-testid="carried-from">
      Carried over from{' '}
      <RouteLink to={`/actions/${encodeURIComponent(from.id)}`}>
        {from.planYear} · {from.ref}
      </RouteLink>
      , where its earlier history is.
    </p>
  );
}
