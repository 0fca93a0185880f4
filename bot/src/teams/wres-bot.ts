import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type Activity,
} from 'botbuilder';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import { directoryUncheckedMessage } from '../service/roles.js';
import { handleCardAction } from './card-actions.js';
import type { CardElement } from './cards/parts.js';
import type { Reply } from './commands.js';
import { actorOf, rememberConversation, senderOf } from './identity.js';
import { answerAcross, notInOrganisation, notMemberReply, refusedCard, unreachableReply, welcomeAcross } from './org-commands.js';
import { stamped, type OrganisationBots } from './org-bots.js';
import { installedForThem, installedGreeting } from './welcome.js';

/** What the bot works with: its organisations (each with its own handler deps), the clock and the logger. */
export interface WresBotDeps {
  bots: OrganisationBots;
  clock: Clock;
  logger: Logger;
}

/**
 * The WRES bot's conversational side in Teams: remembers how to reach each
 * user when the app is installed and greets them with their actions,
 * answers chat commands, and handles the Action.Execute verbs of its cards,
 * each in one organisation only: a card in the organisation its data names,
 * a command in the organisations the person belongs to.
 */
export class WresBot extends TeamsActivityHandler {
  constructor(private readonly deps: WresBotDeps) {
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
    const { bots, logger, clock } = this.deps;
    const user = await bots.withDirectory(await senderOf(context, bots.conversations, logger));
    const memberships = await bots.membershipsOf(user);
    const unreachable = (await bots.unreachableFor(user)).map(unreachableReply);
    // Each organisation the person belongs to keeps its own way of reaching them (none other learns of them).
    let remembered = false;
    for (const { bot } of memberships) {
      const ref = await rememberConversation(context, user, bot.deps.store, clock.now());
      // First contact tells the roles which account is behind a listed email.
      if (ref) bot.deps.roles.linkAccounts([ref]);
      remembered ||= !!ref;
      if (ref && bots.implicit) logger.info('Stored a Teams conversation reference', { hasEmail: !!ref.email });
    }
    if (remembered && !bots.implicit) logger.info('Stored a Teams conversation reference', { organisations: memberships.length });
    if (!greet || context.activity.conversation?.conversationType === 'channel') return;
    const installedByRun = await someAsync(memberships, ({ bot }) => installedForThem(bot.deps.store, user, clock.now()));
    const first = memberships[0];
    const replies = !first
      ? unreachable.length
        ? unreachable
        : [notMemberReply(bots, user)]
      : installedByRun
        ? installedGreeting(first.actor)
        : await welcomeAcross(memberships);
    await sendReplies(context, replies);
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const { bots, logger, clock } = this.deps;
    const user = await bots.withDirectory(await senderOf(context, bots.conversations, logger));
    const memberships = await bots.membershipsOf(user);
    // A user who chats with the bot can be reminded, even if the install event was missed.
    for (const { bot } of memberships)
      if (user.aadObjectId && !(await bot.deps.store.getConversation(user.aadObjectId)))
        await rememberConversation(context, user, bot.deps.store, clock.now());
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const plain = text.replace(/<at>[^<]*<\/at>/gi, ' ');
    // An organisation that cannot be served is named; the others answer as usual.
    const unreachable = (await bots.unreachableFor(user)).map(unreachableReply);
    const answers = memberships.length > 0 || unreachable.length === 0 ? await answerAcross(bots, memberships, plain, user) : [];
    await sendReplies(context, [...unreachable, ...answers]);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { bots, logger } = this.deps;
    const data = invokeValue.action.data;
    const route = bots.route(data);
    if (route.kind === 'refused') {
      logger.warn('Refused a card submission for an organisation it cannot be acted on in', { verb: invokeValue.action.verb });
      return cardResponse(refusedCard(route.message, data, bots.all()[0]!.deps.settings.publicUrl));
    }
    const { bot } = route;
    const user = await bots.withDirectory(await senderOf(context, bot.deps.store, logger));
    // Someone outside the card's organisation learns nothing of its plan, not even whose an action is or its ref.
    if (!(await bots.membershipIn(bot, user))) {
      logger.warn('Refused a card submission from someone outside its organisation', { verb: invokeValue.action.verb });
      const why = bots.undecidedWithoutDirectory(user, bot)
        ? directoryUncheckedMessage(user, `${bot.label}'s plan`)
        : notInOrganisation(bot);
      return cardResponse(refusedCard(why, data, bot.deps.settings.publicUrl));
    }
    const answer = await handleCardAction(bot.deps, user, actorOf(user, bot.deps.roles), invokeValue.action.verb ?? '', data);
    if (answer.followUp) await sendReplies(context, [{ card: stamped(bot, answer.followUp), summary: 'WRES action' }]);
    if (answer.kind === 'message')
      return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text as never };
    return cardResponse(stamped(bot, answer.card));
  }
}

function cardResponse(card: CardElement): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
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
