import { randomUUID } from 'node:crypto';
import { indicatorLabel } from '../../domain/indicators.js';
import type { Action, ProgressUpdate } from '../../domain/model.js';
import { STATUS_LABELS } from '../../domain/rules.js';
import { safeText } from './escape.js';
import { actionUrl, adaptiveCard, dueWords, headlineWithBadge, localDay, openPlanAction, text, type CardElement } from './parts.js';
import { sendUpdateButton, updateInputs } from './reminder-card.js';

/** Everything the handover card shows its new owner. */
export interface HandoverCardModel {
  action: Action;
  /** The E&D lead who reassigned it. */
  by: string;
  /** Who held it before (name, or the plan's role). */
  from: string;
  /** The action's latest updates, newest first (at most three are shown). */
  recent: ProgressUpdate[];
  /** Today, `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  publicUrl: string;
  timeZone?: string;
  /** Idempotency key of this card's submission; a fresh one when omitted. */
  requestId?: string;
}

const NOTE_MAX = 300;

/**
 * The card a new owner gets when an E&D lead reassigns an action to them:
 * "Handed over to you" with when it is due (overdue in the attention style
 * and words), who handed it over and from whom, the action, its indicators,
 * measure and status, its last three updates in full, then the same note,
 * RAG and "complete" inputs as a reminder, so it is answered the same way
 * (Send update → the recorded card). Pure apart from making a request id.
 */
export function handoverCard(model: HandoverCardModel): CardElement {
  const { action } = model;
  const tz = model.timeZone ?? 'Europe/London';
  const due = dueWords(action, model.today);
  const headline = text(`Handed over to you · WRES action ${safeText(action.ref, 20)} · ${due.words}`, {
    weight: 'Bolder',
    size: 'Medium',
    ...(due.overdue ? { color: 'Attention' } : {}),
  });
  const body: CardElement[] = [
    headlineWithBadge([headline], action.rag),
    text(`${safeText(model.by, 80)} made you the owner of this action; it was ${safeText(model.from, 80)}’s.`, { spacing: 'Small' }),
    text(safeText(action.title, 400), { weight: 'Bolder', spacing: 'Small' }),
  ];
  if (action.indicators.length)
    body.push(text(action.indicators.map((n) => indicatorLabel(n)).join(' · '), { isSubtle: true, spacing: 'None' }));
  const facts: CardElement[] = [];
  if (action.measure.trim()) facts.push({ title: 'Measure', value: safeText(action.measure, 400) });
  facts.push({ title: 'Status', value: STATUS_LABELS[action.status] });
  body.push({ type: 'FactSet', facts, spacing: 'Small' });
  body.push(...recentUpdates(model.recent, tz));
  body.push(...updateInputs(action));
  const actions = [sendUpdateButton(action, model.requestId ?? randomUUID()), openPlanAction(actionUrl(model.publicUrl, action.id))];
  return adaptiveCard(body, actions);
}

function recentUpdates(recent: ProgressUpdate[], timeZone: string): CardElement[] {
  const shown = recent.slice(0, 3);
  if (shown.length === 0) return [text('No updates yet.', { isSubtle: true, spacing: 'Small' })];
  return [
    text('Latest updates', { weight: 'Bolder', size: 'Small', spacing: 'Medium' }),
    ...shown.map((u) =>
      text(`${localDay(u.submittedAt, timeZone)} ${safeText(u.author.name, 80)}: “${safeText(u.text, NOTE_MAX)}”`, {
        size: 'Small',
        spacing: 'Small',
      }),
    ),
  ];
}
