import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
} from 'botbuilder';
import type { BotDeps } from './bot-deps.js';
import { handleCardAction } from './card-actions.js';
import type { CardElement } from './cards/parts.js';
import { answerText, type Reply } from './commands.js';
import { actorOf, rememberConversation, senderOf } from './identity.js';
import { installedForThem, installedGreeting, welcome } from './welcome.js';

/**
 * The WRES bot's conversational side in Teams: remembers how to reach each
 * user when the app is installed and greets them with their actions,
 * answers chat commands, and handles the Action.Execute verbs of its cards.
 */
export class WresBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      const userId = context.activity.from?.id;
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      // In a personal chat Teams lists the bot (or the user) as added when the app is installed.
      if (added.some((m) => m.id === userId || m.id === botId)) await this.install(context, true);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.install(context, false);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
  }

  private async install(context: TurnContext, greet: boolean): Promise<void> {
    const { store, logger, clock, roles } = this.deps;
    const user = await senderOf(context, store, logger);
    const ref = await rememberConversation(context, user, store, clock.now());
    if (ref) logger.info('Stored a Teams conversation reference', { hasEmail: !!ref.email });
    // First contact tells the roles which account is behind a listed email.
    if (ref) roles.linkAccounts([ref]);
    if (!greet || context.activity.conversation?.conversationType === 'channel') return;
    const actor = actorOf(user, roles);
    const installedByRun = await installedForThem(store, user, clock.now());
    await sendReplies(context, installedByRun ? installedGreeting(actor) : await welcome(this.deps, actor));
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const { store, logger, clock, roles } = this.deps;
    const user = await senderOf(context, store, logger);
    // A user who chats with the bot can be reminded, even if the install event was missed.
    if (user.aadObjectId && !(await store.getConversation(user.aadObjectId))) await rememberConversation(context, user, store, clock.now());
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const plain = text.replace(/<at>[^<]*<\/at>/gi, ' ');
    await sendReplies(context, await answerText(this.deps, actorOf(user, roles), plain));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { store, logger, roles } = this.deps;
    const user = await senderOf(context, store, logger);
    const answer = await handleCardAction(this.deps, user, actorOf(user, roles), invokeValue.action.verb ?? '', invokeValue.action.data);
    if (answer.followUp) await sendReplies(context, [{ card: answer.followUp, summary: 'WRES action' }]);
    if (answer.kind === 'message')
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text as never };
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer.card };
  }
}

/** Sends replies in order, one activity each (a card per message keeps each under the 80 KB limit). */
async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  for (const reply of replies) {
    if ('text' in reply) await context.sendActivity(MessageFactory.text(reply.text));
    else await context.sendActivity(cardMessage(reply.card, reply.summary));
  }
}

/** A message activity carrying one Adaptive Card; `summary` is what notifications and screen readers show. */
function cardMessage(card: CardElement, summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary;
  return activity;
}
