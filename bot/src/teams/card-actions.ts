import { z } from 'zod';
import type { Action } from '../domain/model.js';
import { canUpdate, type Actor } from '../domain/people.js';
import { RAGS } from '../domain/model.js';
import { isAppError } from '../errors.js';
import type { BotDeps } from './bot-deps.js';
import { recordedFor, reminderFor } from './card-views.js';
import { messageCard } from './cards/message-card.js';
import type { CardElement } from './cards/parts.js';
import { localDayTime, planUrl } from './cards/parts.js';
import type { ReminderCardValues } from './cards/reminder-card.js';
import { VERBS } from './cards/verbs.js';
import type { TeamsUser } from './identity.js';

/** What the bot answers an Action.Execute with: a card that replaces the clicked one, or a short message (card unchanged). */
export type CardActionAnswer =
  { kind: 'card'; card: CardElement; followUp?: CardElement } | { kind: 'message'; text: string; followUp?: CardElement };

const actionRef = z.object({ actionId: z.string().min(1).max(200) });
/** The send button's data with the card's inputs merged in; loose types because Teams sends strings. */
const sendData = actionRef.extend({
  requestId: z.string().min(8).max(200),
  expectedVersion: z.coerce.number().int().nonnegative(),
  text: z.string().max(200_000).optional(),
  rag: z.string().max(50).optional(),
  markComplete: z.union([z.boolean(), z.string().max(10)]).optional(),
});
const refreshData = actionRef.extend({ requestId: z.string().min(8).max(200).optional() });

/**
 * Handles the verbs on the bot's cards for `user`. Mistakes, refusals and
 * conflicts come back as cards (HTTP 200), never as errors: a user sees
 * what to do on the card itself.
 */
export async function handleCardAction(
  deps: BotDeps,
  user: TeamsUser,
  actor: Actor,
  verb: string,
  data: unknown,
): Promise<CardActionAnswer> {
  switch (verb) {
    case VERBS.sendUpdate:
      return sendUpdate(deps, user, actor, data);
    case VERBS.addAnother:
    case VERBS.showAction:
    case VERBS.refresh:
      return showCard(deps, actor, verb, data);
    default:
      return { kind: 'card', card: staleCard(deps) };
  }
}

async function sendUpdate(deps: BotDeps, user: TeamsUser, actor: Actor, data: unknown): Promise<CardActionAnswer> {
  const parsed = sendData.safeParse(data);
  if (!parsed.success) return { kind: 'card', card: staleCard(deps) };
  const input = parsed.data;
  const values: ReminderCardValues = {
    text: input.text ?? '',
    ...(isRag(input.rag) ? { rag: input.rag } : {}),
    markComplete: input.markComplete === true || input.markComplete === 'true',
  };
  const now = deps.clock.now();
  try {
    const valid = deps.service.parseUpdate({ ...input, text: values.text, markComplete: values.markComplete });
    const outcome = await deps.service.submitUpdate(actor, valid, 'teams');
    if (outcome.kind === 'conflict') {
      const notice = conflictNotice(outcome.action, deps.settings.timeZone);
      return { kind: 'card', card: reminderFor(deps.settings, now, outcome.action, { requestId: input.requestId, values, notice }) };
    }
    deps.logger.info('Progress update from Teams', { actionId: outcome.action.id, outcome: outcome.kind });
    return { kind: 'card', card: await recordedFor(deps.settings, deps.store, now, outcome, user.aadObjectId) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === 'forbidden') return { kind: 'card', card: refusalCard(deps, e.message) };
    if (e.code === 'not_found') return { kind: 'card', card: goneCard(deps) };
    if (e.code !== 'bad_input') deps.logger.warn('Could not store an update from Teams', { actionId: input.actionId, code: e.code });
    const action = await deps.store.getAction(input.actionId).catch(() => undefined);
    if (action === null) return { kind: 'card', card: goneCard(deps) };
    if (action === undefined) return { kind: 'card', card: unavailableCard(deps, values.text ?? '') };
    const error =
      e.code === 'bad_input'
        ? e.message
        : 'Your update could not be saved just now. Your note is kept below: please press Send update again in a minute.';
    const changed = action.version !== input.expectedVersion;
    return {
      kind: 'card',
      card: reminderFor(deps.settings, now, action, {
        requestId: input.requestId,
        values,
        error,
        ...(changed ? { notice: conflictNotice(action, deps.settings.timeZone) } : {}),
      }),
    };
  }
}

async function showCard(deps: BotDeps, actor: Actor, verb: string, data: unknown): Promise<CardActionAnswer> {
  const parsed = refreshData.safeParse(data);
  if (!parsed.success) return { kind: 'card', card: staleCard(deps) };
  const action = await deps.store.getAction(parsed.data.actionId);
  if (!action) return { kind: 'card', card: goneCard(deps) };
  const refusal = `Only ${action.owner?.displayName ?? 'the action owner'} or an E&D lead can update action ${action.ref}.`;
  const now = deps.clock.now();
  if (verb === VERBS.showAction) {
    if (!canUpdate(actor, action)) return { kind: 'message', text: refusal };
    return { kind: 'message', text: `Here is action ${action.ref}.`, followUp: reminderFor(deps.settings, now, action) };
  }
  if (!canUpdate(actor, action)) return { kind: 'card', card: refusalCard(deps, refusal) };
  const requestId = verb === VERBS.refresh ? parsed.data.requestId : undefined;
  return { kind: 'card', card: reminderFor(deps.settings, now, action, requestId ? { requestId } : {}) };
}

/** "Priya Shah updated this action at 10:02 …": shown when a card was answered after someone else's change. */
export function conflictNotice(action: Action, timeZone: string): string {
  const last = action.latestUpdate;
  const who = last
    ? `${last.authorName} updated this action at ${localDayTime(last.submittedAt, timeZone)}`
    : 'Someone changed this action';
  return `${who} — here is the latest. Nothing of yours was saved yet: check your note below and press Send update again to add it.`;
}

function isRag(v: string | undefined): v is Exclude<(typeof RAGS)[number], 'None'> {
  return v === 'Red' || v === 'Amber' || v === 'Green' || v === 'Blue';
}

/** A card saying why nothing was done, with the link to the plan. */
function attentionCard(deps: BotDeps, title: string, message: string): CardElement {
  return messageCard({ title, message, tone: 'attention', planUrl: planUrl(deps.settings.publicUrl) });
}

function refusalCard(deps: BotDeps, message: string): CardElement {
  return attentionCard(deps, 'You cannot update this action', `${message} Nothing was saved.`);
}

function goneCard(deps: BotDeps): CardElement {
  return attentionCard(deps, 'Action not found', 'That action is no longer in the plan. Nothing was saved.');
}

function unavailableCard(deps: BotDeps, note: string): CardElement {
  const kept = note.trim() ? ` Your note was: “${note.trim()}”` : '';
  return attentionCard(deps, 'Your update was not saved', `The plan cannot be reached just now. Please try again in a few minutes.${kept}`);
}

function staleCard(deps: BotDeps): CardElement {
  return attentionCard(deps, 'This card is out of date', 'It could not be read. Type "my actions" for fresh cards. Nothing was saved.');
}
