import { CardFactory, MessageFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Config } from '../config.js';
import { dueWords } from './cards/parts.js';
import { digestCard } from './cards/digest-card.js';
import { reminderCard } from './cards/reminder-card.js';
import { compareByDue } from '../domain/action-view.js';
import type { Action, ConversationRef } from '../domain/model.js';
import type { Logger } from '../logger.js';
import type { Digest } from '../reminders/digest.js';
import type { HandoverNotice, HandoverNotifier, Notifier, ReminderContext, SendResult } from '../reminders/notifier.js';
import { actionListCard } from './cards/action-list-card.js';
import { handoverCard } from './cards/handover-card.js';
import { systemTimer, type Timer } from '../domain/clock.js';
import { RetryPolicy, type RetryBudget } from '../retry.js';
import { RateLimiter, TEAMS_CONVERSATION_LIMITS, perSecond } from './rate-limiter.js';
import { DEFAULT_SEND_BUDGET, classifySendFailure, exhaustedReason, type SendFailure } from './send-retry.js';
import { orgLabel } from '../domain/organisation.js';
import { forOrganisation, type CardOrganisation } from './cards/org-stamp.js';

/** The one adapter method a proactive sender needs (botbuilder's CloudAdapter has it). */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface TeamsNotifierOptions {
  adapter: ProactiveAdapter;
  /** MicrosoftAppId; '' on a laptop with no bot registration. */
  botAppId: string;
  /** PUBLIC_URL: cards link to its /tab/. */
  publicUrl: string;
  timeZone: string;
  /** Shared by every send of this notifier; see `teamsRateLimiter`. */
  limiter: RateLimiter;
  timer?: Timer;
  random?: () => number;
  retry?: Partial<RetryBudget>;
  logger?: Logger;
  /** The organisation whose cards these are (named on each, its id in each button's data); none for the implicit one. */
  organisation?: CardOrganisation;
}

/** Teams' per-conversation limits plus the app's per-tenant messages per second. */
export function teamsRateLimiter(messagesPerSecond: number, timer: Timer = systemTimer): RateLimiter {
  return new RateLimiter({ perKey: TEAMS_CONVERSATION_LIMITS, global: perSecond(messagesPerSecond), timer });
}

/**
 * The notifier the server, the scheduler and the CLI use: paced at
 * TEAMS_MESSAGES_PER_SECOND, sending through the bot app's adapter.
 */
export function createTeamsNotifier(
  config: Pick<Config, 'PUBLIC_URL' | 'TIMEZONE' | 'TEAMS_MESSAGES_PER_SECOND'>,
  bot: { adapter: ProactiveAdapter; appId: string },
  logger: Logger,
): TeamsNotifier {
  return new TeamsNotifier({
    adapter: bot.adapter,
    botAppId: bot.appId,
    publicUrl: config.PUBLIC_URL,
    timeZone: config.TIMEZONE,
    limiter: teamsRateLimiter(config.TEAMS_MESSAGES_PER_SECOND),
    logger,
  });
}

/** The stored reference must at least say where and to which conversation to post. */
const referenceSchema = z.looseObject({
  serviceUrl: z.string().url(),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/**
 * The Notifier on Teams: each reminder or digest is an Adaptive Card posted
 * into the person's 1:1 chat with `continueConversationAsync`. Sends are
 * paced under Teams' limits (per conversation and per app), and retried
 * by the shared retry policy (bot/src/retry.ts): 429 after its Retry-After,
 * 412/5xx/network errors with jittered backoff. 403 or 404 is a permanent
 * failure (the person cannot be reached); anything else that fails is
 * transient and left for the next run.
 */
export class TeamsNotifier implements Notifier, HandoverNotifier {
  private readonly timer: Timer;
  private readonly retries: RetryPolicy;

  constructor(private readonly options: TeamsNotifierOptions) {
    this.timer = options.timer ?? systemTimer;
    this.retries = new RetryPolicy({ ...DEFAULT_SEND_BUDGET, ...options.retry }, this.timer, options.random);
  }

  /**
   * The same sender for one organisation's cards, in its time zone: the rate
   * limiter is shared, so every organisation's sends together stay within
   * Teams' per-app limit for the tenant (one sender per tenant).
   */
  forOrganisation(organisation: CardOrganisation, timeZone: string): TeamsNotifier {
    return new TeamsNotifier({ ...this.options, timer: this.timer, organisation, timeZone });
  }

  sendReminder(to: ConversationRef, action: Action, context: ReminderContext): Promise<SendResult> {
    const { publicUrl, timeZone } = this.options;
    const card = reminderCard({ action, today: context.today, publicUrl, timeZone, stage: context.stage });
    const due = dueWords(action, context.today).words;
    const summary = context.stage.startsWith('stale') ? `WRES action ${action.ref}: how is it going?` : `WRES action ${action.ref}: ${due}`;
    return this.deliver(to, card, summary);
  }

  sendDigest(to: ConversationRef, digest: Digest): Promise<SendResult> {
    const c = digest.counts;
    const org = this.options.organisation;
    const plan = org ? `WRES action plan of ${orgLabel(org)}` : 'WRES action plan';
    return this.deliver(to, digestCard(digest), `${plan}: ${c.overdue} overdue, ${c.dueThisWeek} due this week`);
  }

  /** One action: the answerable handover card; several: one list, each line with its Update button. */
  sendHandover(to: ConversationRef, notice: HandoverNotice): Promise<SendResult> {
    const { publicUrl, timeZone } = this.options;
    const [only, ...more] = notice.actions;
    if (only && more.length === 0) {
      const card = handoverCard({ ...only, by: notice.by, from: notice.from, today: notice.today, publicUrl, timeZone });
      return this.deliver(to, card, `${notice.by} handed WRES action ${only.action.ref} over to you`);
    }
    const title = `${notice.by} handed you ${notice.actions.length} WRES actions from ${notice.from}, soonest due first`;
    const actions = notice.actions.map((a) => a.action).sort(compareByDue);
    const card = actionListCard({ title, actions, today: notice.today, publicUrl });
    return this.deliver(to, card, `${notice.by} handed ${notice.actions.length} WRES actions over to you`);
  }

  private async deliver(to: ConversationRef, unstamped: Record<string, unknown>, summary: string): Promise<SendResult> {
    const card = forOrganisation(unstamped, this.options.organisation ?? null);
    const parsed = referenceSchema.safeParse(to.reference);
    if (!parsed.success)
      return { ok: false, permanent: true, reason: 'the saved Teams conversation is incomplete; they need to open the app again' };
    const reference = to.reference as Partial<ConversationReference>;
    const key = parsed.data.conversation.id;
    const sent = await this.retries.run<SendResult, SendFailure>(
      async () => {
        const release = await this.options.limiter.acquire(key);
        const failure = await this.post(reference, card, summary).finally(release);
        if (!failure) return { done: { ok: true } };
        const verdict = classifySendFailure(failure);
        if (verdict.kind === 'unreachable') return { done: { ok: false, permanent: true, reason: verdict.reason } };
        if (verdict.kind === 'give-up') return { done: { ok: false, permanent: false, reason: verdict.reason } };
        return { retry: failure, retryAfter: failure.retryAfter };
      },
      ({ value: failure, attempt, delayMs }) => {
        this.options.logger?.warn('Teams send will be retried', { status: failure.status, code: failure.code, attempt, delayMs });
        // Throttling is per conversation: hold every send to it, not just this one.
        if (failure.status === 429) this.options.limiter.pause(key, this.timer.now() + delayMs);
      },
    );
    if (sent.ok) return sent.value;
    return { ok: false, permanent: false, reason: exhaustedReason(sent.value, sent.attempts, sent.exhausted) };
  }

  /** One attempt; resolves with the failure instead of throwing, so the adapter's turn error handler never sees it. */
  private async post(
    reference: Partial<ConversationReference>,
    card: Record<string, unknown>,
    summary: string,
  ): Promise<SendFailure | null> {
    let failure: SendFailure | null = null;
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
        try {
          withoutSdkRetries(context);
          const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
          activity.summary = summary;
          await context.sendActivity(activity);
        } catch (e) {
          failure = toFailure(e);
        }
      });
    } catch (e) {
      failure = toFailure(e);
    }
    return failure;
  }
}

/**
 * botbuilder's connector client retries 429 and 5xx itself, sleeping in real
 * time and outside our pacing; retrying here instead keeps the rate limiter's
 * count true and the waits testable. If a future SDK changes shape, its own
 * retries simply stay on.
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get<{ client?: { pipeline?: { removePolicy?: (p: { name: string }) => unknown } } } | undefined>(
    context.adapter.ConnectorClientKey,
  );
  connector?.client?.pipeline?.removePolicy?.({ name: 'defaultRetryPolicy' });
}

/** Reads status, service error code and Retry-After from the SDK's RestError (or any error). */
function toFailure(e: unknown): SendFailure {
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get?: unknown } };
  };
  const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
  const headers = err.response?.headers;
  const retryAfter =
    typeof headers?.get === 'function' ? (headers.get as (name: string) => unknown).call(headers, 'retry-after') : undefined;
  return {
    ...(status !== undefined ? { status } : {}),
    ...(status !== undefined && typeof err.code === 'string' ? { code: err.code } : {}),
    message: typeof err.message === 'string' ? err.message : String(e),
    ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
  };
}
