import type { Action } from '../../domain/model.js';
import { RAG_LABELS } from '../../domain/rules.js';
import { safeText } from './escape.js';
import { adaptiveCard, dueWords, openPlanAction, planUrl, text, type CardElement } from './parts.js';
import { VERBS } from './verbs.js';

/** A compact list of actions, used when there are too many for one card each. */
export interface ActionListCardModel {
  title: string;
  /** Already in display order. */
  actions: Action[];
  today: string;
  publicUrl: string;
  /** Show the owner on each line (the lead's "overdue" list). */
  showOwner?: boolean;
}

/** Lines shown before "… and N more"; keeps the card well under 80 KB. */
export const ACTION_LIST_CAP = 40;

/**
 * One line per action: reference, title, when due (overdue in words and the
 * attention colour) and RAG word; each line has an "Update" button that
 * posts that action's reminder card.
 */
export function actionListCard(model: ActionListCardModel): CardElement {
  const shown = model.actions.slice(0, ACTION_LIST_CAP);
  const body: CardElement[] = [text(safeText(model.title, 200), { weight: 'Bolder', size: 'Medium' })];
  for (const action of shown) body.push(row(action, model));
  if (model.actions.length > shown.length) {
    body.push(text(`… and ${model.actions.length - shown.length} more in the plan`, { isSubtle: true, size: 'Small' }));
  }
  return adaptiveCard(body, [openPlanAction(planUrl(model.publicUrl))]);
}

function row(action: Action, model: ActionListCardModel): CardElement {
  const due = dueWords(action, model.today);
  const owner = model.showOwner ? ` · ${safeText(action.owner?.displayName || action.leadRole || 'No owner', 80)}` : '';
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        items: [
          text(`**${safeText(action.ref, 20)}** ${safeText(action.title, 120)}`, { maxLines: 2 }),
          text(`${due.words} · ${RAG_LABELS[action.rag]}${owner}`, {
            size: 'Small',
            spacing: 'None',
            ...(due.overdue ? { color: 'Attention' } : { isSubtle: true }),
          }),
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Center',
        items: [
          {
            type: 'ActionSet',
            actions: [{ type: 'Action.Execute', title: 'Update', verb: VERBS.showAction, data: { actionId: action.id } }],
          },
        ],
      },
    ],
  };
}
