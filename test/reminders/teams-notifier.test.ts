import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action, ConversationRef } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { PlanService } from '../../bot/src/service/plan-service.js';
import type { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { TeamsNotifier, teamsRateLimiter } from '../../bot/src/teams/proactive-sender.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import { ASHA as BOT_ASHA, BEN as BOT_BEN, NOW, conversationOf, membersAdded, startBotHarness } from '../teams/bot-harness.js';
import { ASHA, BEN, TempPlan, conversationFor, testConfig } from './harness.js';
import { SkippingTimer } from './virtual-timer.js';

const config = testConfig({ PUBLIC_URL: 'https://wres.example.nhs.uk' });

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

describe('TeamsNotifier against the Bot Connector over HTTP', () => {
  let plan: TempPlan;
  let store: SqlitePlanStore;
  let connector: FakeBotConnector;
  let timer: SkippingTimer;
  let notifier: TeamsNotifier;
  let asha: ConversationRef;
  let action: Action;

  beforeEach(async () => {
    plan = new TempPlan();
    store = await plan.open();
    connector = await new FakeBotConnector().start();
    asha = conversationFor(ASHA, connector.url);
    await store.saveConversation(asha);
    await store.saveConversation(conversationFor(BEN, connector.url));
    action = (await plan.seed(store, { '2.3': { owner: ASHA, dueDate: '2026-03-25', title: 'Audit shortlisting panels for diversity' } }))[
      '2.3'
    ]!;
    const logger = memoryLogger();
    const bot = createTeamsBot(config, { store, service: new PlanService(store, fixedClock(NOW)), clock: fixedClock(NOW), logger });
    timer = new SkippingTimer();
    notifier = new TeamsNotifier({
      adapter: bot.adapter,
      botAppId: bot.appId,
      publicUrl: config.PUBLIC_URL,
      timeZone: config.TIMEZONE,
      limiter: teamsRateLimiter(50, timer),
      timer,
      random: () => 0,
      logger,
    });
  });
  afterEach(async () => {
    await connector.stop();
    await plan.cleanup();
  });

  const ashaChat = () => (asha.reference.conversation as { id: string }).id;
  const requestsTo = (conversationId: string) => connector.requests.filter((r) => r.conversationId === conversationId);
  const remind = () => notifier.sendReminder(asha, action, { stage: 'due-7', today: '2026-03-18', recent: [] });

  it('delivers each reminder as an Adaptive Card in the owner’s own chat', async () => {
    await plan.seed(store, { '2.4': { owner: BEN, dueDate: '2026-03-25', title: 'Publish CPD access figures' } });
    const report = await runReminders({ store, notifier, clock: fixedClock('2026-03-18T09:00:00Z'), config, logger: memoryLogger() });
    expect(report.sent.map((s) => `${s.subject} → ${s.who}`).sort()).toEqual(['action 2.3 → Asha Patel', 'action 2.4 → Ben Okafor']);
    const ashaCards = connector.sentCards(ashaChat());
    expect(ashaCards).toHaveLength(1);
    expect(textOf(ashaCards[0])).toContain('Audit shortlisting panels for diversity');
    expect(textOf(ashaCards[0])).toContain('due in 7 days');
    expect(textOf(ashaCards[0])).not.toContain('Publish CPD access figures');
    expect(connector.sentActivities(ashaChat())[0]).toEqual(
      expect.objectContaining({ summary: 'WRES action 2.3: due in 7 days (Wed 25 Mar)' }),
    );
  });

  it('waits as long as a 429 Retry-After asks, then delivers', async () => {
    connector.throttle(1, 2);
    expect(await remind()).toEqual({ ok: true });
    expect(requestsTo(ashaChat()).map((r) => r.status)).toEqual([429, 200]);
    expect(timer.sleeps.some((ms) => ms >= 2000)).toBe(true);
    expect(connector.sentCards(ashaChat())).toHaveLength(1);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const at = new Date(timer.now() + 3000).toUTCString();
    connector.fail({ status: 429, headers: { 'Retry-After': at }, body: { error: { code: 'Throttled', message: 'slow down' } } });
    expect(await remind()).toEqual({ ok: true });
    expect(timer.sleeps.some((ms) => ms >= 3000)).toBe(true);
  });

  it('retries 503 itself (not inside the SDK) and succeeds', async () => {
    connector.fail({ status: 503, times: 2, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } });
    expect(await remind()).toEqual({ ok: true });
    expect(requestsTo(ashaChat()).map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up on a lasting 503 and leaves it for the next run', async () => {
    connector.fail({ status: 503, times: Infinity, body: { error: { code: 'ServiceUnavailable', message: 'busy' } } });
    expect(await remind()).toEqual({ ok: false, permanent: false, reason: 'Teams answered HTTP 503 ServiceUnavailable (tried 4 times)' });
    expect(requestsTo(ashaChat())).toHaveLength(4);
  });

  it('treats a 403 as permanent without retrying', async () => {
    connector.blockConversation(ashaChat());
    expect(await remind()).toEqual({ ok: false, permanent: true, reason: 'this person has blocked the app in Teams' });
    expect(requestsTo(ashaChat())).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    connector.fail({ status: 400, body: { error: { code: 'BadArgument', message: 'bad' } } });
    expect(await remind()).toEqual({ ok: false, permanent: false, reason: 'Teams answered HTTP 400 BadArgument' });
    expect(requestsTo(ashaChat())).toHaveLength(1);
  });

  it('sends the digest card to a lead', async () => {
    const digest = {
      today: '2026-03-23',
      counts: { actions: 1, overdue: 0, dueThisWeek: 1, stale: 0, byRag: { Red: 0, Amber: 1, Green: 0, Blue: 0, None: 0 } },
      overdueByOwner: [],
      stale: [],
      notAnswering: [],
      unreachable: [],
      undelivered: [],
      worsenedWithoutAction: [],
      tabUrl: 'https://wres.example.nhs.uk/tab/',
    };
    expect(await notifier.sendDigest(asha, digest)).toEqual({ ok: true });
    expect(textOf(connector.sentCards(ashaChat())[0])).toContain('WRES action plan — week of');
  });
});

describe('reminders to a user who installed the app', () => {
  it('reach the conversation Teams gave the bot at install, and report owners who have not installed it', async () => {
    const h = await startBotHarness();
    try {
      expect((await h.post(membersAdded(h, BOT_ASHA))).status).toBe(200);
      const before = h.connector.sentCards(conversationOf(BOT_ASHA)).length;
      const logger = memoryLogger();
      const cfg = testConfig({ PUBLIC_URL: 'https://wres.example.nhs.uk' });
      const bot = createTeamsBot(cfg, { store: h.store, service: h.service, clock: h.clock, logger });
      const timer = new SkippingTimer();
      const notifier = new TeamsNotifier({
        adapter: bot.adapter,
        botAppId: bot.appId,
        publicUrl: cfg.PUBLIC_URL,
        timeZone: cfg.TIMEZONE,
        limiter: teamsRateLimiter(50, timer),
        timer,
      });
      const report = await runReminders({ store: h.store, notifier, clock: h.clock, config: cfg, logger });
      expect(report.sent.map((s) => `${s.subject} ${s.stage} → ${s.who}`)).toEqual([
        'action 1.1 due-7 → Asha Patel',
        'action 1.3 stale-2026-01-05 → Asha Patel',
      ]);
      expect(report.skipped.map((s) => `${s.subject} → ${s.who}: ${s.reason}`)).toEqual(['action 1.2 → Ben Okafor: no-conversation']);
      const cards = h.connector.sentCards(conversationOf(BOT_ASHA)).slice(before);
      expect(cards).toHaveLength(2);
      expect(cards.some((c) => textOf(c).includes('Audit shortlisting panels for diversity'))).toBe(true);
      expect(cards.some((c) => textOf(c).includes('How is it going?'))).toBe(true);
      expect(h.connector.sentCards(conversationOf(BOT_BEN))).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('the fake connector’s rate limits', () => {
  it('turns away sends beyond 7 a second in one conversation with 429 and Retry-After', async () => {
    const connector = await new FakeBotConnector({
      rateLimits: { perConversation: [{ limit: 7, windowMs: 1000 }], retryAfterSeconds: 2 },
    }).start();
    try {
      const post = () =>
        fetch(`${connector.url}v3/conversations/a%3Aone/activities`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"type":"message"}',
        });
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await post());
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 429]);
      expect(answers[7]!.headers.get('retry-after')).toBe('2');
      const other = await fetch(`${connector.url}v3/conversations/a%3Atwo/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(other.status).toBe(200);
      expect(connector.throttledCount).toBe(1);
    } finally {
      await connector.stop();
    }
  });
});
