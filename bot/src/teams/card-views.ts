import { localDate } from '../domain/dates.js';
import type { Action } from '../domain/model.js';
import { isSamePerson, type Actor } from '../domain/people.js';
import { isClosed } from '../domain/rules.js';
import type { SubmitOutcome } from '../service/plan-service.js';
import type { BotSettings } from './bot-deps.js';
import { recordedCard } from './cards/recorded-card.js';
import { reminderCard, type ReminderCardModel } from './cards/reminder-card.js';
import type { CardElement } from './cards/parts.js';
import { compareByDue } from '../domain/action-view.js';

/** Today in the organisation's time zone. */
export function todayIn(settings: BotSettings, now: Date): string {
  return localDate(now, settings.timeZone);
}

/** A reminder card for `action` with the bot's settings filled in. */
export function reminderFor(
  settings: BotSettings,
  now: Date,
  action: Action,
  extra: Omit<ReminderCardModel, 'action' | 'today' | 'publicUrl' | 'timeZone'> = {},
): CardElement {
  return reminderCard({ action, today: todayIn(settings, now), publicUrl: settings.publicUrl, timeZone: settings.timeZone, ...extra });
}

/** The card shown after a recorded (or repeated) submission: everything it shows comes with the outcome, nothing is read again. */
export function recordedFor(
  settings: BotSettings,
  now: Date,
  outcome: Extract<SubmitOutcome, { kind: 'recorded' | 'duplicate' }>,
  viewerAadObjectId: string | undefined,
): CardElement {
  return recordedCard({
    action: outcome.action,
    update: outcome.update,
    history: outcome.history,
    today: todayIn(settings, now),
    publicUrl: settings.publicUrl,
    timeZone: settings.timeZone,
    ...(viewerAadObjectId ? { viewerAadObjectId } : {}),
    syncing: outcome.pending === true,
  });
}

/** The actor's open actions, soonest due first; undated ones last, then by reference. */
export function openActionsOf(actions: Action[], actor: Actor): Action[] {
  return actions.filter((a) => !isClosed(a) && isSamePerson(a.owner, actor)).sort(byDueDate);
}

/** Orders actions soonest due first, undated last, ties by reference. */
export const byDueDate = compareByDue;
