import type { Action, Person } from '../../domain/model.js';
import { ownerLabel } from '../../domain/people.js';
import { RAG_LABELS } from '../../domain/rules.js';
import { safeText } from './escape.js';
import { adaptiveCard, dueWords, text, type CardElement } from './parts.js';
import { VERBS } from './verbs.js';

/** The confirmation an E&D lead answers before actions change owner: what moves, to whom. */
export interface ReassignCardModel {
  /** The actions, in display order, as the lead sees them now (their versions go into the confirmation). */
  actions: Action[];
  to: Person;
  /** "All of A's open actions": A's email, so an action that is no longer theirs is left alone. */
  from?: string;
  today: string;
  /** One per card: pressing Reassign twice (or Teams retrying) stores it once. */
  requestId: string;
}

/** Lines shown before "… and N more". */
const LISTED = 40;

/**
 * "Reassign 3 actions to Adele Vance?": one line per action (ref, title,
 * current owner, when due, RAG word), what happens next (the history records
 * it, the new owner gets a handover card, the old owner's reminders stop),
 * and Reassign / Cancel. Nothing changes until Reassign is pressed.
 */
export function reassignCard(model: ReassignCardModel): CardElement {
  const n = model.actions.length;
  const what = n === 1 ? `action ${safeText(model.actions[0]!.ref, 20)}` : `${n} actions`;
  const body: CardElement[] = [
    text(`Reassign ${what} to ${safeText(model.to.displayName, 80)}?`, { weight: 'Bolder', size: 'Medium' }),
    text(
      `${safeText(model.to.displayName, 80)}${model.to.email ? ` (${safeText(model.to.email, 120)})` : ''} becomes the owner. Each action’s history records the change, ${safeText(model.to.displayName, 80)} gets a handover card in Teams, and the previous owner gets no more reminders for ${n === 1 ? 'it' : 'them'}.`,
      { spacing: 'Small' },
    ),
  ];
  for (const a of model.actions.slice(0, LISTED)) {
    body.push(
      text(`**${safeText(a.ref, 20)}** ${safeText(a.title, 120)}`, { separator: true, spacing: 'Small', maxLines: 2 }),
      text(`${safeText(ownerLabel(a), 80)} · ${dueWords(a, model.today).words} · ${RAG_LABELS[a.rag]}`, {
        isSubtle: true,
        size: 'Small',
        spacing: 'None',
      }),
    );
  }
  if (n > LISTED) body.push(text(`… and ${n - LISTED} more`, { isSubtle: true, size: 'Small' }));
  const data = {
    requestId: model.requestId,
    to: { email: model.to.email ?? '', displayName: model.to.displayName },
    actions: model.actions.map((a) => ({ id: a.id, expectedVersion: a.version })),
    ...(model.from ? { from: model.from } : {}),
  };
  return adaptiveCard(body, [
    { type: 'Action.Execute', title: n === 1 ? 'Reassign' : `Reassign ${n} actions`, verb: VERBS.confirmReassign, style: 'positive', data },
    { type: 'Action.Execute', title: 'Cancel', verb: VERBS.cancelReassign, data: {} },
  ]);
}
