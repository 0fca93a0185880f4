/**
 * A reassignment stops the old owner's reminders for the action: the ledger
 * key is (action, stage, due date), not the person, so nothing the old owner
 * was owed is retried as theirs or listed as owed to them any more; the new
 * owner is reminded from the next stage (or the one the old owner never got),
 * afresh; and a run that read the plan before the change does not send the
 * old owner the reminder it planned.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Action } from '../../bot/src/domain/model.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { runReminders } from '../../bot/src/reminders/reminder-job.js';
import { undeliveredReminders } from '../../bot/src/reminders/undelivered.js';
import { PeopleFinder } from '../../bot/src/service/people-finder.js';
import { Reassignments } from '../../bot/src/service/reassignments.js';
import type { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { ASHA, BEN, LEAD, RecordingNotifier, TempPlan, conversationFor, testConfig } from '../reminders/harness.js';

const config = testConfig();
const lead = { displayName: LEAD.displayName, aadObjectId: LEAD.aadObjectId!, email: LEAD.email!, isLead: true };

let plan: TempPlan;
let store: SqlitePlanStore;
beforeEach(async () => {
  plan = new TempPlan();
  store = await plan.open();
  await store.saveConversation(conversationFor(ASHA));
  await store.saveConversation(conversationFor(BEN));
});
afterEach(() => plan.cleanup());

const run = (notifier: RecordingNotifier, iso: string) =>
  runReminders({ store, notifier, clock: fixedClock(iso), config, logger: memoryLogger() });

async function reassignToBen(action: Action, at: string): Promise<void> {
  const current = (await store.getAction(action.id))!;
  const service = new Reassignments({ store, clock: fixedClock(at), people: new PeopleFinder(store) });
  const outcome = await service.reassign(
    lead,
    { requestId: `move-${action.ref}-0001`, to: { email: BEN.email! }, actions: [{ id: current.id, expectedVersion: current.version }] },
    'tab',
  );
  expect(outcome.items[0]?.kind).toBe('recorded');
}

async function owed(iso: string): Promise<string[]> {
  const [ledger, actions, conversations] = await Promise.all([store.listReminders(), store.listActions(), store.listConversations()]);
  return undeliveredReminders({ ledger, actions, conversations }, new Date(iso), iso.slice(0, 10)).map((u) => `${u.what} → ${u.who}`);
}

describe('reminders after a reassignment', () => {
  it('never retries the old owner’s failed reminder as theirs: the new owner gets it afresh, and it is no longer owed to the old one', async () => {
    const { '3.1': action } = await plan.seed(store, { '3.1': { owner: ASHA, dueDate: '2026-03-25' } });
    const notifier = new RecordingNotifier();
    await run(notifier, '2026-03-11T09:00:00Z'); // due-14 reaches Asha
    notifier.failWith(ASHA.aadObjectId!, { ok: false, permanent: false, reason: 'Teams answered HTTP 503' });
    const failed = await run(notifier, '2026-03-18T09:00:00Z'); // due-7 fails
    expect(failed.failed).toHaveLength(1);
    expect(await owed('2026-03-18T10:00:00Z')).toEqual(['the 7-day reminder for action 3.1 → Asha Patel']);

    await reassignToBen(action!, '2026-03-18T11:00:00Z');
    expect(await owed('2026-03-18T12:00:00Z')).toEqual([]);

    const next = await run(notifier, '2026-03-19T09:00:00Z');
    expect(next.sent).toEqual([expect.objectContaining({ subject: 'action 3.1', stage: 'due-7', who: 'Ben Okafor' })]);
    expect(next.sent[0]).not.toHaveProperty('retry');
    expect(notifier.reminders.map((r) => `${r.context.stage} → ${r.to.displayName}`)).toEqual([
      'due-14 → Asha Patel',
      'due-7 → Ben Okafor',
    ]);
    expect((await store.listReminders(action!.id)).find((e) => e.stage === 'due-7')).toMatchObject({
      recipient: BEN.aadObjectId,
      state: 'sent',
      attempts: 1,
    });

    // Later stages go to Ben only; the stage Asha was sent is not sent again.
    await run(notifier, '2026-03-24T09:00:00Z');
    expect(notifier.reminders.map((r) => `${r.context.stage} → ${r.to.displayName}`)).toEqual([
      'due-14 → Asha Patel',
      'due-7 → Ben Okafor',
      'due-1 → Ben Okafor',
    ]);
  });

  it('does not send the old owner a reminder a run planned before the action was reassigned', async () => {
    const seeded = await plan.seed(store, {
      '3.1': { owner: ASHA, dueDate: '2026-03-25' },
      '3.2': { owner: ASHA, dueDate: '2026-03-25' },
    });
    const notifier = new RecordingNotifier();
    // While Asha's first reminder is on its way, a lead gives 3.2 to Ben.
    notifier.whileSending('3.1', () => reassignToBen(seeded['3.2']!, '2026-03-18T09:00:30Z'));
    const report = await run(notifier, '2026-03-18T09:00:00Z');
    expect(notifier.reminders.map((r) => `${r.action.ref} → ${r.to.displayName}`)).toEqual(['3.1 → Asha Patel']);
    expect(report.skipped.map((s) => [s.subject, s.detail])).toEqual([
      ['action 3.2', 'it was reassigned to Ben Okafor after this run began; the next run reminds them'],
    ]);
    await run(notifier, '2026-03-18T09:30:00Z');
    expect(notifier.reminders.map((r) => `${r.action.ref} → ${r.to.displayName}`)).toEqual(['3.1 → Asha Patel', '3.2 → Ben Okafor']);
  });
});
