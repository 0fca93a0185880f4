import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { messageCard } from './cards/message-card.js';

const APOLOGY =
  'Sorry — something went wrong on our side and I could not finish that. Please try again in a minute; if it keeps happening, tell your E&D lead.';

/**
 * The bot's one catch-all: logs the failure without secrets and tells the
 * user politely. A card button press gets a card in reply (HTTP 200, with
 * the note they typed) so Teams shows words rather than a bare error.
 */
export function turnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const activity = context.activity;
    logger.error('Bot turn failed', { activityType: activity?.type, activityName: activity?.name, error: describeError(error) });
    try {
      if (activity?.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
        const card = messageCard({ title: 'Something went wrong', message: `${APOLOGY}${noteOf(activity.value)}`, tone: 'attention' });
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: CardFactory.adaptiveCard(card).content },
          },
        });
        return;
      }
      await context.sendActivity(APOLOGY);
    } catch (e) {
      logger.warn('Could not tell the user about a failed turn', { error: describeError(e) });
    }
  };
}

/** " Nothing was saved. Your note was: …" when the press carried a typed note. */
function noteOf(value: unknown): string {
  const text = (value as { action?: { data?: { text?: unknown } } } | undefined)?.action?.data?.text;
  return typeof text === 'string' && text.trim() ? ` Nothing was saved. Your note was: “${text.trim()}”` : '';
}
