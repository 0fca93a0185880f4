import type { Person } from '../../domain/model.js';
import { safeText } from './escape.js';
import { adaptiveCard, openPlanAction, text, type CardElement } from './parts.js';

/** The answer to a confirmed reassignment: what moved, what did not and why, and whether the new owner was told. */
export interface ReassignedCardModel {
  to: Person;
  /** "2.3 Audit shortlisting panels" for each action now theirs. */
  moved: { ref: string; title: string }[];
  /** Actions left alone, with the reason in words. */
  left: { ref: string; reason: string }[];
  /** Whether the handover card went, in words (null: nothing moved). */
  handover: { sent: true } | { sent: false; reason: string } | null;
  planUrl: string;
}

/**
 * Replaces the confirmation: "✓ Reassigned 3 actions to Adele Vance", the
 * actions, "Adele Vance has been sent a handover card" or why not (so the lead
 * can tell them another way), and any action left alone with its reason.
 */
export function reassignedCard(model: ReassignedCardModel): CardElement {
  const who = safeText(model.to.displayName, 80);
  const n = model.moved.length;
  const body: CardElement[] = [
    text(n > 0 ? `✓ Reassigned ${n === 1 ? 'action' : `${n} actions`} to ${who}` : 'Nothing was reassigned', {
      weight: 'Bolder',
      size: 'Medium',
      ...(n === 0 ? { color: 'Attention' } : {}),
    }),
  ];
  for (const m of model.moved.slice(0, 40))
    body.push(text(`**${safeText(m.ref, 20)}** ${safeText(m.title, 120)}`, { spacing: 'Small', maxLines: 2 }));
  if (model.handover?.sent) body.push(text(`${who} has been sent a handover card in Teams.`, { spacing: 'Medium' }));
  else if (model.handover)
    body.push(text(`**Please check:** ${safeText(model.handover.reason, 400)}`, { spacing: 'Medium', color: 'Attention' }));
  if (model.left.length) {
    body.push(text(`Left as ${model.left.length === 1 ? 'it was' : 'they were'}:`, { weight: 'Bolder', spacing: 'Medium' }));
    for (const l of model.left.slice(0, 40)) body.push(text(`**${safeText(l.ref, 20)}** ${safeText(l.reason, 300)}`, { spacing: 'Small' }));
  }
  return adaptiveCard(body, [openPlanAction(model.planUrl)]);
}
