import { shortDate } from '../../domain/dates.js';
import type { Action, ProgressUpdate } from '../../domain/model.js';
import { RAG_LABELS, STATUS_LABELS } from '../../domain/rules.js';
import { linkLabel } from '../../domain/evidence-links.js';
import { markdownLink, safeText } from './escape.js';
import { earlierUpdates } from './reminder-card.js';
import { actionUrl, adaptiveCard, headlineWithBadge, localDay, localDayTime, openPlanAction, text, type CardElement } from './parts.js';
import { VERBS } from './verbs.js';

/** Everything the card shown after "Send update" needs. */
export interface RecordedCardModel {
  /** The action as it stands after the update. */
  action: Action;
  /** The update just recorded (or recorded earlier, for a retried submission). */
  update: ProgressUpdate;
  /** The action's progress log (any order); the newest three other than `update` are listed as "Earlier". */
  history: ProgressUpdate[];
  today: string;
  publicUrl: string;
  timeZone?: string;
  /** Entra object id of the person viewing: their own update reads "You". */
  viewerAadObjectId?: string;
  /** The store accepted the write but the system of record (SharePoint) has not confirmed it yet. */
  syncing?: boolean;
}

const NOTE_MAX = 1200;

/**
 * The card that replaces a reminder after a successful submission:
 * "✓ Update recorded — 10 Mar 09:14", the new RAG (badge with its word) and
 * status, "You: …" with its evidence links (host and path, escaped), up to
 * three earlier updates, "Add another update" and
 * "Open the plan". With `syncing`, says the update is saved and on its way
 * to SharePoint.
 */
export function recordedCard(model: RecordedCardModel): CardElement {
  const { action, update } = model;
  const tz = model.timeZone ?? 'Europe/London';
  const when = localDayTime(update.submittedAt, tz);
  // The host's default text colour: the 'Good' green falls under 4.5:1 on Teams' light grey; the ✓ and the words carry the meaning.
  const heading = text(`✓ Update recorded — ${when}`, { weight: 'Bolder', size: 'Medium' });
  const due = action.dueDate ? ` · due ${shortDate(action.dueDate, model.today)}` : '';
  const body: CardElement[] = [
    headlineWithBadge([heading], action.rag),
    text(`${safeText(action.title, 300)}${due}`, { spacing: 'Small' }),
    text(stateLine(update), { isSubtle: true, spacing: 'None' }),
  ];
  if (model.syncing) {
    body.push(
      text('Saved — syncing to SharePoint. It will appear in the plan shortly.', { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
  }
  const isYou = !!model.viewerAadObjectId && update.author.aadObjectId?.toLowerCase() === model.viewerAadObjectId.toLowerCase();
  const who = isYou ? 'You' : safeText(update.author.name, 80);
  body.push(text(`${who}: “${safeText(update.text, NOTE_MAX)}”`, { spacing: 'Medium' }));
  if (update.links?.length) {
    const links = update.links.map((href) => markdownLink(linkLabel(href), href));
    body.push(text(`Evidence: ${links.join(' · ')}`, { size: 'Small', spacing: 'Small' }));
  }
  const earlier = earlierUpdates(model.history, update.id);
  if (earlier.length) {
    const items = earlier.map((u) => `${localDay(u.submittedAt, tz)} ${safeText(u.author.name, 80)}`);
    body.push(text(`Earlier: ${items.join(' · ')}`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  }
  const actions: CardElement[] = [
    { type: 'Action.Execute', title: 'Add another update', verb: VERBS.addAnother, data: { actionId: action.id } },
    openPlanAction(actionUrl(model.publicUrl, action.id)),
  ];
  return adaptiveCard(body, actions);
}

function stateLine(update: ProgressUpdate): string {
  const rag =
    update.ragFrom === update.ragTo ? `RAG ${RAG_LABELS[update.ragTo]}` : `RAG ${RAG_LABELS[update.ragFrom]} → ${RAG_LABELS[update.ragTo]}`;
  const status =
    update.statusFrom === update.statusTo
      ? `Status ${STATUS_LABELS[update.statusTo]}`
      : `Status ${STATUS_LABELS[update.statusFrom]} → ${STATUS_LABELS[update.statusTo]}`;
  return `${rag} · ${status}`;
}
