import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { buildDigest } from '../../bot/src/reminders/digest-builder.js';
import { digestKey, runDigest } from '../../bot/src/reminders/digest-job.js';
import { describeReport } from '../../bot/src/reminders/run-report.js';
import { INTERRUPTED_REASON } from '../../bot/src/reminders/undelivered.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { RoleDirectory } from '../../bot/src/service/roles.js';
import type { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { makeMetric, makeRecordUpdate } from '../store/fixtures.js';
import { ASHA, BEN, CARA, LEAD, RecordingNotifier, TempPlan, conversationFor, testConfig } from './harness.js';

const MONDAY = '2026-03-23T08:00:00Z';

async function remind(store: SqlitePlanStore, actionId: string, stage: string, recipient: string, sentAt: string) {
  const key = { actionId, stage, dueDate: (await store.getAction(actionId))?.dueDate ?? '' };
  await store.claimReminder({ ...key, recipient, sentAt, leaseUntil: sentAt });
  await store.markReminderSent(key, sentAt);
}

describe('buildDigest', () => {
  let plan: TempPlan;
  let store: SqlitePlanStore;
  let actions: Record<string, Action>;
  const config = testConfig({ PUBLIC_URL: 'https://wres.example.nhs.uk/' });

  beforeEach(async () => {
    plan = new TempPlan();
    store = await plan.open();
    await store.saveConversation(conversationFor(ASHA));
    await store.saveConversation({ ...conversationFor(BEN), unreachableReason: 'this person has blocked the app in Teams' });
    actions = await plan.seed(
      store,
      {
        '1.1': { owner: ASHA, dueDate: '2026-03-09', rag: 'Red' },
        '1.2': { owner: ASHA, dueDate: '2026-03-19', rag: 'Amber' },
        '1.3': { owner: BEN, dueDate: '2026-03-02', rag: 'Amber' },
        '1.4': { owner: null, leadRole: 'Head of Resourcing', dueDate: '2026-03-16', rag: 'Amber' },
        '1.5': { owner: CARA, dueDate: '2026-03-27', rag: 'Green' },
        '1.6': { owner: ASHA, dueDate: null, status: 'Ongoing', rag: 'Green' },
        '1.7': { owner: ASHA, dueDate: '2026-03-01', status: 'Complete', rag: 'Blue', indicators: [3] },
      },
      '2026-02-02T09:00:00Z',
    );
    // Ben was reminded three times with no update since; Asha three times, but she answered afterwards.
    for (const [stage, at] of [
      ['due-7', '2026-02-23T09:00:00Z'],
      ['due-0', '2026-03-02T09:00:00Z'],
      ['overdue-7', '2026-03-09T09:00:00Z'],
    ] as const) {
      await remind(store, actions['1.3']!.id, stage, BEN.aadObjectId!, at);
    }
    for (const [stage, at] of [
      ['due-14', '2026-02-23T09:00:00Z'],
      ['due-7', '2026-03-02T09:00:00Z'],
      ['due-0', '2026-03-09T09:00:00Z'],
    ] as const) {
      await remind(store, actions['1.1']!.id, stage, ASHA.aadObjectId!, at);
    }
    await store.recordUpdate(
      makeRecordUpdate(actions['1.1']!, { rag: 'Red', submittedAt: '2026-03-20T10:00:00Z', text: 'Waiting on panel data' }),
    );
    // Indicator 3 worsened (RL 2.00 → 2.80) and has no open action; indicator 2 worsened but has open actions.
    await store.saveMetrics(
      Object.entries({
        'workforce.white': [1000, 1000],
        'workforce.bme': [500, 500],
        'disciplinary.white': [10, 10],
        'disciplinary.bme': [10, 14],
        'shortlisted.white': [100, 100],
        'shortlisted.bme': [100, 100],
        'appointed.white': [20, 20],
        'appointed.bme': [20, 10],
      }).flatMap(([measure, [y1, y2]]) => [
        makeMetric({ year: '2023/24', measure, value: y1! }),
        makeMetric({ year: '2024/25', measure, value: y2! }),
      ]),
    );
  });
  afterEach(() => plan.cleanup());

  it('lists overdue actions by owner, most overdue first, with days and last update', async () => {
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.today).toBe('2026-03-23');
    expect(digest.overdueByOwner.map((g) => [g.owner, g.reachable, g.actions.map((a) => `${a.ref}:${a.days}`)])).toEqual([
      ['Ben Okafor', false, ['1.3:21']],
      ['Asha Patel', true, ['1.1:14', '1.2:4']],
      ['Head of Resourcing', false, ['1.4:7']],
    ]);
    expect(digest.overdueByOwner[1]!.actions[0]!.lastUpdate).toEqual(expect.objectContaining({ text: 'Waiting on panel data' }));
  });

  it('counts the plan: RAG, overdue, due this week, stale', async () => {
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.counts).toEqual({
      actions: 7,
      overdue: 4,
      dueThisWeek: 1,
      stale: 5,
      byRag: { Red: 1, Amber: 3, Green: 2, Blue: 1, None: 0 },
    });
    expect(digest.stale.map((s) => `${s.ref}:${s.days}:${s.owner}`)).toEqual([
      '1.2:49:Asha Patel',
      '1.3:49:Ben Okafor',
      '1.4:49:Head of Resourcing',
      '1.5:49:Cara Singh',
      '1.6:49:Asha Patel',
    ]);
    expect(digest.tabUrl).toBe('https://wres.example.nhs.uk/tab/');
  });

  it('names owners who are not answering, counting only reminders since their last update', async () => {
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.notAnswering).toEqual([{ owner: 'Ben Okafor', timesReminded: 3, since: '2026-02-23T09:00:00Z' }]);
  });

  it('names every owner the bot cannot reach, with the reason', async () => {
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.unreachable.map((u) => [u.owner, u.reason, u.openActions])).toEqual([
      ['Ben Okafor', 'this person has blocked the app in Teams', 1],
      ['Cara Singh', expect.stringContaining('has not installed the app'), 1],
      ['Head of Resourcing', expect.stringContaining('no named person'), 1],
    ]);
  });

  it('flags indicators that worsened with no open action', async () => {
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.worsenedWithoutAction).toEqual([{ indicator: 3, summary: '2023/24 2.00 → 2024/25 2.80' }]);
  });

  it('shows the lead each reminder that could not be delivered, and why, until a later one for the action goes', async () => {
    // A run died while sending 1.2's due-date reminder (its lease ran out at 09:15).
    const interrupted = { actionId: actions['1.2']!.id, stage: 'due-0', dueDate: '2026-03-19' };
    await store.claimReminder({
      ...interrupted,
      recipient: ASHA.aadObjectId!,
      sentAt: '2026-03-19T09:00:00Z',
      leaseUntil: '2026-03-19T09:15:00Z',
    });
    // Teams refused Ben's second overdue reminder.
    const refused = { actionId: actions['1.3']!.id, stage: 'overdue-14', dueDate: '2026-03-02' };
    await store.claimReminder({
      ...refused,
      recipient: BEN.aadObjectId!,
      sentAt: '2026-03-16T09:00:00Z',
      leaseUntil: '2026-03-16T09:15:00Z',
    });
    await store.markReminderFailed(refused, { reason: 'this person has blocked the app in Teams', at: '2026-03-16T09:00:05Z' });
    // Not owed any more: 1.1's failed reminder was overtaken by a later one; 1.7 is complete.
    for (const [action, stage, at] of [
      ['1.1', 'due-1', '2026-03-08T09:00:00Z'],
      ['1.7', 'due-0', '2026-03-02T09:00:00Z'],
    ] as const) {
      const key = { actionId: actions[action]!.id, stage, dueDate: actions[action]!.dueDate! };
      await store.claimReminder({ ...key, recipient: ASHA.aadObjectId!, sentAt: at, leaseUntil: at });
      await store.markReminderFailed(key, { reason: 'Teams answered HTTP 503', at });
    }

    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.undelivered).toEqual([
      {
        what: 'the overdue reminder, weekly (14 days overdue) for action 1.3',
        title: 'Action 1.3',
        who: 'Ben Okafor',
        reason: 'this person has blocked the app in Teams',
        attempts: 1,
        lastTriedAt: '2026-03-16T09:00:05Z',
      },
      {
        what: 'the reminder on the due date for action 1.2',
        title: 'Action 1.2',
        who: 'Asha Patel',
        reason: INTERRUPTED_REASON,
        attempts: 1,
        lastTriedAt: '2026-03-19T09:00:00Z',
      },
    ]);
  });

  it('lists an owner as not reachable after Teams refused a reminder with 403', async () => {
    const notifier = new RecordingNotifier();
    notifier.failWith(
      ASHA.aadObjectId!,
      { ok: false, permanent: true, reason: 'the app is not installed for this person (removed or never added)' },
      Infinity,
    );
    await runReminders({ store, notifier, clock: fixedClock(MONDAY), config, logger: memoryLogger() });
    const digest = await buildDigest({ store, clock: fixedClock(MONDAY), config });
    expect(digest.unreachable).toContainEqual({
      owner: 'Asha Patel',
      reason: 'the app is not installed for this person (removed or never added)',
      openActions: 3,
    });
    expect(digest.overdueByOwner.find((g) => g.owner === 'Asha Patel')?.reachable).toBe(false);
  });
});

describe('runDigest', () => {
  let plan: TempPlan;
  let store: SqlitePlanStore;
  const OTHER_LEAD = '55555555-5555-4555-8555-555555555555';
  const config = testConfig({ ED_LEADS: `${LEAD.email}, ${OTHER_LEAD}` });
  const roles = new RoleDirectory({ edLeads: config.ED_LEADS, viewers: [] });

  beforeEach(async () => {
    plan = new TempPlan();
    store = await plan.open();
    await store.saveConversation(conversationFor(LEAD));
    await plan.seed(store, { '1.1': { owner: ASHA, dueDate: '2026-03-09' } });
  });
  afterEach(() => plan.cleanup());

  const run = (s: SqlitePlanStore, notifier: RecordingNotifier, iso: string) =>
    runDigest({ store: s, notifier, clock: fixedClock(iso), config, roles, logger: memoryLogger() });

  it('sends the digest to each lead once a week, across restarts, and reports a lead it cannot reach', async () => {
    const notifier = new RecordingNotifier();
    const monday = await run(store, notifier, MONDAY);
    expect(monday.sent).toEqual([{ subject: 'weekly digest', stage: 'digest-2026-03-23', who: 'Dee Lead' }]);
    expect(monday.skipped).toEqual([expect.objectContaining({ who: OTHER_LEAD, reason: 'no-conversation' })]);
    expect(notifier.digests[0]!.digest.counts.overdue).toBe(1);
    expect(notifier.digests[0]!.to.aadObjectId).toBe(LEAD.aadObjectId);

    await store.close();
    const restarted = await plan.open();
    const tuesday = await run(restarted, notifier, '2026-03-24T08:00:00Z');
    expect(tuesday.sent).toEqual([]);
    expect(tuesday.skipped.map((s) => s.reason).sort()).toEqual(['already-sent', 'no-conversation']);

    const nextMonday = await run(restarted, notifier, '2026-03-30T08:00:00Z');
    expect(nextMonday.sent.map((s) => s.stage)).toEqual(['digest-2026-03-30']);
    expect(notifier.digests).toHaveLength(2);
  });

  it('sends a digest again after a run died while sending it, once the lease has run out, and says it may have gone twice', async () => {
    const key = digestKey(LEAD.aadObjectId!, '2026-03-23');
    await store.claimReminder({ ...key, recipient: LEAD.aadObjectId!, sentAt: '2026-03-23T08:01:00Z', leaseUntil: '2026-03-23T08:16:00Z' });
    const notifier = new RecordingNotifier();
    const during = await run(store, notifier, '2026-03-23T08:10:00Z');
    expect(during.skipped).toContainEqual(expect.objectContaining({ who: 'Dee Lead', reason: 'claimed-elsewhere' }));
    const after = await run(store, notifier, '2026-03-23T08:20:00Z');
    expect(after.sent).toEqual([{ subject: 'weekly digest', stage: 'digest-2026-03-23', who: 'Dee Lead', retry: 'after-interruption' }]);
    expect(describeReport(after)).toContain('1 digest retried after an interrupted run — it may have arrived twice.');
    expect(notifier.digests).toHaveLength(1);
  });

  it('catches up later in the week when Monday was missed, and retries a failed send', async () => {
    const notifier = new RecordingNotifier();
    notifier.failWith(LEAD.aadObjectId!, { ok: false, permanent: false, reason: 'Teams answered HTTP 503' });
    expect((await run(store, notifier, '2026-03-25T08:00:00Z')).failed).toHaveLength(1);
    expect((await run(store, notifier, '2026-03-26T08:00:00Z')).sent.map((s) => s.stage)).toEqual(['digest-2026-03-23']);
  });
});
