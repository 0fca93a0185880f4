import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { addDays } from '../../bot/src/domain/dates.js';
import { isWorkingDay } from '../../bot/src/domain/working-days.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { describeReport } from '../../bot/src/reminders/run-report.js';
import type { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { makeRecordUpdate } from '../store/fixtures.js';
import { ASHA, BEN, CARA, RecordingNotifier, TempPlan, conversationFor, testConfig } from './harness.js';

const config = testConfig();

function run(store: SqlitePlanStore, notifier: RecordingNotifier, iso: string) {
  return runReminders({ store, notifier, clock: fixedClock(iso), config, logger: memoryLogger() });
}

describe('runReminders', () => {
  let plan: TempPlan;
  let store: SqlitePlanStore;

  beforeEach(async () => {
    plan = new TempPlan();
    store = await plan.open();
    await store.saveConversation(conversationFor(ASHA));
    await store.saveConversation(conversationFor(BEN));
  });
  afterEach(() => plan.cleanup());

  it('sends each reminder on its working day, to the owner’s conversation, with weekend and bank holiday stages on the day before', async () => {
    // 3.1 due Wed 25 March; 3.2 due Sun 29 March (its due-1 and due-0 fall on Fri 27; its overdue-7,
    // Sun 5 April, on Thu 2 April: Fri 3 is Good Friday in England and Wales, the default BANK_HOLIDAYS).
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' }, '3.2': { owner: BEN, dueDate: '2026-03-29' } });
    const notifier = new RecordingNotifier();
    const log: string[] = [];
    for (let day = '2026-03-09'; day <= '2026-04-03'; day = addDays(day, 1)) {
      if (!isWorkingDay(day)) continue;
      const before = notifier.reminders.length;
      await run(store, notifier, `${day}T09:00:00Z`);
      for (const r of notifier.reminders.slice(before)) log.push(`${day} ${r.action.ref} ${r.context.stage} → ${r.to.displayName}`);
    }
    expect(log).toEqual([
      '2026-03-11 3.1 due-14 → Asha Patel',
      '2026-03-13 3.2 due-14 → Ben Okafor',
      '2026-03-18 3.1 due-7 → Asha Patel',
      '2026-03-20 3.2 due-7 → Ben Okafor',
      '2026-03-24 3.1 due-1 → Asha Patel',
      '2026-03-25 3.1 due-0 → Asha Patel',
      '2026-03-27 3.2 due-0 → Ben Okafor',
      '2026-04-01 3.1 overdue-7 → Asha Patel',
      '2026-04-01 3.2 stale-2026-03-02 → Ben Okafor',
      '2026-04-02 3.1 stale-2026-03-02 → Asha Patel',
      '2026-04-02 3.2 overdue-7 → Ben Okafor',
    ]);
  });

  it('passes the stage, today and the latest updates to the notifier', async () => {
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' } });
    const notifier = new RecordingNotifier();
    await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(notifier.reminders[0]!.context).toEqual({ stage: 'due-7', today: '2026-03-18', recent: [] });
    expect(await store.listReminders()).toEqual([
      expect.objectContaining({ stage: 'due-7', dueDate: '2026-03-25', recipient: ASHA.aadObjectId, state: 'sent' }),
    ]);
  });

  it('reports owners it cannot remind instead of skipping them silently', async () => {
    await store.setUnreachable(BEN.aadObjectId!, 'this person has blocked the app in Teams');
    await plan.seed(store, {
      '1.1': { owner: null, leadRole: 'Head of Resourcing', dueDate: '2026-03-25' },
      '1.2': { owner: CARA, dueDate: '2026-03-25' },
      '1.3': { owner: BEN, dueDate: '2026-03-25' },
      '1.4': { owner: ASHA, dueDate: '2026-03-25' },
    });
    const notifier = new RecordingNotifier();
    const report = await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(report.sent.map((s) => s.subject)).toEqual(['action 1.4']);
    expect(report.skipped.map((s) => [s.subject, s.who, s.reason])).toEqual([
      ['action 1.1', 'Head of Resourcing', 'no-owner'],
      ['action 1.2', 'Cara Singh', 'no-conversation'],
      ['action 1.3', 'Ben Okafor', 'unreachable'],
    ]);
    expect(describeReport(report).join('\n')).toContain(
      'Did not send the 7-day reminder for action 1.3 to Ben Okafor: this person has blocked the app in Teams.',
    );
    expect(notifier.reminders.map((r) => r.action.ref)).toEqual(['1.4']);
    // Nothing was claimed for them, so they are reminded once they can be reached.
    expect((await store.listReminders()).map((r) => r.stage)).toEqual(['due-7']);
  });

  it('finds an owner named only by email through the conversation stored at install', async () => {
    await store.saveConversation(conversationFor({ ...CARA, aadObjectId: '33333333-3333-4333-8333-333333333333' }));
    await plan.seed(store, { '1.2': { owner: CARA, dueDate: '2026-03-25' } });
    const notifier = new RecordingNotifier();
    await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(notifier.reminders.map((r) => r.to.aadObjectId)).toEqual(['33333333-3333-4333-8333-333333333333']);
  });

  it('sends nothing twice across a restart', async () => {
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' }, '3.2': { owner: BEN, dueDate: '2026-03-25' } });
    const first = new RecordingNotifier();
    expect((await run(store, first, '2026-03-18T09:00:00Z')).sent).toHaveLength(2);
    await store.close();

    const restarted = await plan.open();
    const second = new RecordingNotifier();
    const report = await run(restarted, second, '2026-03-18T09:05:00Z');
    await run(restarted, second, '2026-03-19T09:00:00Z');
    expect(second.sent).toEqual([]);
    expect(report.sent).toEqual([]);
  });

  it('sends each reminder once when two instances run at the same time on one database', async () => {
    const refs = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`4.${i + 1}`, { owner: i % 2 ? ASHA : BEN, dueDate: '2026-03-25' }]),
    );
    await plan.seed(store, refs);
    const other = await plan.open();
    const [a, b] = [new RecordingNotifier({ yieldFirst: true }), new RecordingNotifier({ yieldFirst: true })];
    const [ra, rb] = await Promise.all([run(store, a, '2026-03-18T09:00:00Z'), run(other, b, '2026-03-18T09:00:00Z')]);
    const refsSent = [...a.reminders, ...b.reminders].map((r) => r.action.ref).sort();
    expect(refsSent).toEqual(Object.keys(refs).sort());
    expect(ra.sent.length + rb.sent.length).toBe(12);
    expect(ra.skipped.length + rb.skipped.length).toBe(12);
    expect([...ra.skipped, ...rb.skipped].every((s) => s.reason === 'claimed-elsewhere')).toBe(true);
  });

  it('keeps a failed send in the ledger with its reason, and retries it on the next run', async () => {
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' } });
    const notifier = new RecordingNotifier();
    notifier.failWith(ASHA.aadObjectId!, { ok: false, permanent: false, reason: 'Teams answered HTTP 503' });
    const first = await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(first.failed).toEqual([
      expect.objectContaining({ subject: 'action 3.1', stage: 'due-7', permanent: false, detail: 'Teams answered HTTP 503' }),
    ]);
    expect(describeReport(first)).toContain(
      'Could not send the 7-day reminder for action 3.1 to Asha Patel: Teams answered HTTP 503 (kept as not delivered; the next run tries again).',
    );
    expect(await store.listReminders()).toEqual([
      expect.objectContaining({ stage: 'due-7', state: 'failed', failure: 'Teams answered HTTP 503', attempts: 1 }),
    ]);

    const second = await run(store, notifier, '2026-03-19T09:00:00Z');
    expect(second.sent).toEqual([expect.objectContaining({ subject: 'action 3.1', stage: 'due-7', retry: 'after-failure' })]);
    expect(notifier.reminders).toHaveLength(1);
    expect(await store.listReminders()).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })]);
  });

  it('takes over a reminder claimed by a run that died, once its lease has run out, and says it may have arrived twice', async () => {
    const { '3.1': action } = await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' } });
    // A run claimed it at 09:00 and was killed before it could mark it sent.
    const key = { actionId: action!.id, stage: 'due-7', dueDate: '2026-03-25' };
    await store.claimReminder({ ...key, recipient: ASHA.aadObjectId!, sentAt: '2026-03-18T09:00:00Z', leaseUntil: '2026-03-18T09:15:00Z' });
    const notifier = new RecordingNotifier();

    const during = await run(store, notifier, '2026-03-18T09:10:00Z');
    expect(describeReport(during)).toContain(
      'Did not send the 7-day reminder for action 3.1 to Asha Patel: another run has sent it or is sending it (if that run stopped, a run after its lease sends it).',
    );
    expect(notifier.reminders).toEqual([]);

    const after = await run(store, notifier, '2026-03-18T09:16:00Z');
    expect(after.sent).toEqual([expect.objectContaining({ subject: 'action 3.1', stage: 'due-7', retry: 'after-interruption' })]);
    expect(notifier.reminders.map((r) => r.action.ref)).toEqual(['3.1']);
    expect(describeReport(after)).toEqual([
      'Reminder run for 2026-03-18: 1 reminder sent, 0 not sent, 0 failed.',
      '1 reminder retried after an interrupted run — it may have arrived twice.',
      'Sent the 7-day reminder for action 3.1 to Asha Patel (again: a run stopped while sending it, so it may have arrived twice).',
    ]);
    expect(await store.listReminders()).toEqual([expect.objectContaining({ state: 'sent', attempts: 2 })]);
    expect((await run(store, notifier, '2026-03-19T09:00:00Z')).sent).toEqual([]);
  });

  it('does not send a reminder for an action completed or updated while the run was sending, and says why', async () => {
    const seeded = await plan.seed(store, {
      '3.1': { owner: ASHA, dueDate: '2026-03-25' },
      '3.2': { owner: ASHA, dueDate: '2026-03-25' },
      '3.3': { owner: ASHA, dueDate: '2026-03-25' },
    });
    const notifier = new RecordingNotifier();
    // While the paced run sends 3.1, Asha completes 3.2 and writes a note on 3.3 from the tab.
    notifier.whileSending('3.1', async () => {
      await store.recordUpdate(makeRecordUpdate(seeded['3.2']!, { text: 'Done', rag: 'Blue', status: 'Complete' }));
      await store.recordUpdate(makeRecordUpdate(seeded['3.3']!, { text: 'Half way' }));
    });
    const report = await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(notifier.reminders.map((r) => r.action.ref)).toEqual(['3.1']);
    expect(report.skipped.map((s) => [s.subject, s.reason, s.detail])).toEqual([
      ['action 3.2', 'changed-since-planned', 'it was marked complete after this run began'],
      ['action 3.3', 'changed-since-planned', 'it was updated after this run began; the next run looks at it again'],
    ]);
    expect((await store.listReminders()).map((r) => r.actionId)).toEqual([seeded['3.1']!.id]);
  });

  it('marks an owner unreachable on a permanent refusal, stops sending to them, and resumes after they reinstall', async () => {
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' }, '3.2': { owner: ASHA, dueDate: '2026-03-25' } });
    const notifier = new RecordingNotifier();
    notifier.failWith(ASHA.aadObjectId!, {
      ok: false,
      permanent: true,
      reason: 'the app is not installed for this person (removed or never added)',
    });
    const report = await run(store, notifier, '2026-03-18T09:00:00Z');
    expect(report.failed).toEqual([expect.objectContaining({ permanent: true })]);
    expect(report.skipped).toEqual([expect.objectContaining({ reason: 'unreachable' })]);
    expect((await store.getConversation(ASHA.aadObjectId!))?.unreachableReason).toBe(
      'the app is not installed for this person (removed or never added)',
    );
    expect(await store.listReminders()).toEqual([
      expect.objectContaining({ state: 'failed', failure: 'the app is not installed for this person (removed or never added)' }),
    ]);

    expect((await run(store, notifier, '2026-03-19T09:00:00Z')).skipped.map((s) => s.reason)).toEqual(['unreachable', 'unreachable']);
    await store.saveConversation(conversationFor(ASHA));
    const after = await run(store, notifier, '2026-03-20T09:00:00Z');
    expect(after.sent.map((s) => s.stage)).toEqual(['due-7', 'due-7']);
  });

  it('leaves complete actions alone', async () => {
    await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-11', status: 'Complete', rag: 'Blue' } });
    const notifier = new RecordingNotifier();
    const report = await run(store, notifier, '2026-04-20T09:00:00Z');
    expect(report).toEqual({ job: 'reminders', today: '2026-04-20', sent: [], skipped: [], failed: [] });
  });
});
