import { z } from 'zod';
import type { Action } from '../domain/model.js';
import { canUpdate, type Actor } from '../domain/people.js';
import { movedOnMessage } from '../domain/carry-over.js';
import type { RAGS } from '../domain/model.js';
import { isCarriedOver } from '../domain/rules.js';
import { isAppError } from '../errors.js';
import { parseUpdateInput } from '../service/plan-service.js';
import type { BotDeps } from './bot-deps.js';
import { recordedFor, reminderFor } from './card-views.js';
import { messageCard } from './cards/message-card.js';
import type { CardElement } from './cards/parts.js';
import { localDayTime, planUrl } from './cards/parts.js';
import type { ReminderCardValues } from './cards/reminder-card.js';
import { VERBS } from './cards/verbs.js';
import type { TeamsUser } from './identity.js';
import { confirmReassign } from './reassign-command.js';

/** What the bot answers an Action.Execute with: a card that replaces the clicked one, or a short message (card unchanged). */
export type CardActionAnswer =
  { kind: 'card'; card: CardElement; followUp?: CardElement } | { kind: 'message'; text: string; followUp?: CardElement };

const actionRef = z.object({ actionId: z.string().min(1).max(200) });
const refreshData = actionRef.extend({ requestId: z.string().min(8).max(200).optional() });
/** What a card's inputs may hold, read leniently so whatever was typed can be shown again. */
const typedData = z.object({
  text: z.string().max(200_000).optional().catch(undefined),
  rag: z.string().max(50).optional().catch(undefined),
  markComplete: z
    .union([z.boolean(), z.string().max(10)])
    .optional()
    .catch(undefined),
  links: z.string().max(20_000).optional().catch(undefined),
});
/** The send button's own data, enough to show the card again with a message. */
const cardRef = actionRef.extend({ requestId: z.string().min(8).max(200), expectedVersion: z.coerce.number().int().nonnegative() });

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
    case VERBS.confirmReassign:
      return { kind: 'card', card: await confirmReassign(deps, actor, data) };
    case VERBS.cancelReassign:
      return {
        kind: 'card',
        card: messageCard({
          title: 'Nothing was reassigned',
          message: 'The actions stay with their owners.',
          planUrl: planUrl(deps.settings.publicUrl),
        }),
      };
    default:
      return { kind: 'card', card: staleCard(deps) };
  }
}

/**
 * "Send update": the submission is validated once, here, with the schema the
 * API uses too (`parseUpdateInput`); every answer the service gives comes
 * back with what the card needs. A mistake, a conflict or a refusal shows
 * the card again with the note as typed.
 */
async function sendUpdate(deps: BotDeps, user: TeamsUser, actor: Actor, data: unknown): Promise<CardActionAnswer> {
  const ref = cardRef.safeParse(data);
  if (!ref.success) return { kind: 'card', card: staleCard(deps) };
  const { actionId, requestId, expectedVersion } = ref.data;
  const values = typedValues(data);
  const now = deps.clock.now();
  const again = async (error: string): Promise<CardActionAnswer> => {
    const action = await deps.store.getAction(actionId).catch(() => undefined);
    if (action === null) return { kind: 'card', card: goneCard(deps) };
    if (action === undefined) return { kind: 'card', card: unavailableCard(deps, values) };
    const changed = action.version !== expectedVersion;
    const notice = changed ? { notice: conflictNotice(action, deps.settings.timeZone) } : {};
    return { kind: 'card', card: reminderFor(deps.settings, now, action, { requestId, values, error, ...notice }) };
  };
  try {
    const outcome = await deps.service.submitUpdate(actor, parseUpdateInput(data), 'teams');
    deps.logger.info('Progress update from Teams', { actionId: outcome.action.id, outcome: outcome.kind });
    if (outcome.kind === 'conflict') {
      const notice = conflictNotice(outcome.action, deps.settings.timeZone);
      return { kind: 'card', card: reminderFor(deps.settings, now, outcome.action, { requestId, values, notice }) };
    }
    // The request id is spent on another update: a fresh card (new id) lets the kept note be sent as a new one.
    if (outcome.kind === 'refused')
      return { kind: 'card', card: reminderFor(deps.settings, now, outcome.action, { values, error: outcome.reason }) };
    return { kind: 'card', card: recordedFor(deps.settings, now, outcome, user.aadObjectId) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === 'forbidden') return { kind: 'card', card: refusalCard(deps, e.message) };
    if (e.code === 'not_found') return { kind: 'card', card: goneCard(deps) };
    if (e.code === 'conflict') return { kind: 'card', card: attentionCard(deps, 'This action has moved on', e.message) };
    if (e.code === 'bad_input') return again(e.message);
    deps.logger.warn('Could not store an update from Teams', { actionId, code: e.code });
    return again('Your update could not be saved just now. Your note is kept below: please press Send update again in a minute.');
  }
}

/** The inputs as the person left them: shown again on any card that asks them to try again. */
function typedValues(data: unknown): ReminderCardValues {
  const typed = typedData.safeParse(data);
  const { text, rag, markComplete, links } = typed.success ? typed.data : {};
  return {
    text: text ?? '',
    ...(isRag(rag) ? { rag } : {}),
    markComplete: markComplete === true || markComplete === 'true',
    ...(links ? { links } : {}),
  };
}

async function showCard(deps: BotDeps, actor: Actor, verb: string, data: unknown): Promise<CardActionAnswer> {
  const parsed = refreshData.safeParse(data);
  if (!parsed.success) return { kind: 'card', card: staleCard(deps) };
  const action = await deps.store.getAction(parsed.data.actionId);
  if (!action) return { kind: 'card', card: goneCard(deps) };
  if (isCarriedOver(action)) return { kind: 'card', card: attentionCard(deps, 'This action has moved on', movedOnMessage(action)) };
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
function conflictNotice(action: Action, timeZone: string): string {
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

function unavailableCard(deps: BotDeps, typed: ReminderCardValues): CardElement {
  const note = typed.text?.trim() ?? '';
  const links = typed.links?.trim() ?? '';
  const kept = (note ? ` Your note was: “${note}”` : '') + (links ? ` Your links were: ${links}` : '');
  return attentionCard(deps, 'Your update was not saved', `The plan cannot be reached just now. Please try again in a few minutes.${kept}`);
}

function staleCard(deps: BotDeps): CardElement {
  return attentionCard(deps, 'This card is out of date', 'It could not be read. Type "my actions" for fresh cards. Nothing was saved.');
}
