import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../bot/src/cli/main.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';
import { ASHA, BEN, LEAD, TempPlan, conversationFor } from './harness.js';

describe('wres remind and wres digest', () => {
  let plan: TempPlan;
  let connector: FakeBotConnector;
  let env: Record<string, string>;

  beforeEach(async () => {
    plan = new TempPlan();
    connector = await new FakeBotConnector().start();
    const store = await plan.open();
    for (const person of [ASHA, BEN, LEAD]) await store.saveConversation(conversationFor(person, connector.url));
    await plan.seed(store, {
      '2.3': { owner: ASHA, dueDate: '2026-03-25' },
      '2.4': { owner: BEN, dueDate: '2026-03-25' },
      '2.5': { owner: null, leadRole: 'Head of Resourcing', dueDate: '2026-03-25' },
    });
    await store.close();
    env = {
      NODE_ENV: 'test',
      DATABASE_PATH: plan.path,
      ED_LEADS: LEAD.email!,
      PUBLIC_URL: 'https://wres.example.nhs.uk',
      SCHEDULER: 'false',
    };
  });
  afterEach(async () => {
    await connector.stop();
    await plan.cleanup();
  });

  async function wres(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, env, {
      io: { stdout: (c) => void out.push(String(c)), stderr: (c) => void err.push(c) },
      clock: fixedClock('2026-03-01T09:00:00Z'),
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('sends the reminders due at --now, says who was not reminded and why, and sends nothing twice', async () => {
    const first = await wres('remind', '--now', '2026-03-18T09:00');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Reminder run for 2026-03-18: 2 reminders sent, 1 not sent, 0 failed.');
    expect(first.out).toContain('Sent the 7-day reminder for action 2.3 to Asha Patel.');
    expect(first.out).toContain(
      'Did not send the 7-day reminder for action 2.5 to Head of Resourcing: no named person owns this action in the plan.',
    );
    // Words, not ledger ids.
    expect(first.out).not.toMatch(/\b(due|overdue|stale|digest)-\d/);
    expect(connector.sentCards()).toHaveLength(2);

    const again = await wres('remind', '--now', '2026-03-18T15:00');
    expect(again.out).toContain('0 reminders sent');
    expect(connector.sentCards()).toHaveLength(2);
  });

  it('exits 1 and says so when Teams refuses a reminder', async () => {
    connector.blockConversation((conversationFor(BEN).reference.conversation as { id: string }).id);
    const run = await wres('remind', '--now', '2026-03-18T09:00:00Z');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'Could not send the 7-day reminder for action 2.4 to Ben Okafor: this person has blocked the app in Teams (now marked not reachable in Teams).',
    );

    const status = await wres('status');
    expect(status.out).toContain('Reminders that could not be delivered: 1 (the next reminder run tries each again):');
    expect(status.out).toContain(
      '  - The 7-day reminder for action 2.4 to Ben Okafor: this person has blocked the app in Teams (1 attempt, last Wed 18 Mar).',
    );
  });

  it('with organisations registered, --org sends that organisation’s reminders on cards that carry and name it', async () => {
    expect((await wres('org', 'add', 'RXX', '--name', 'North Trust', '--lead', LEAD.email!, '--adopt')).code).toBe(0);
    const run = await wres('--org', 'RXX', 'remind', '--now', '2026-03-18T09:00');
    expect(run.code).toBe(0);
    const cards = connector.sentCards();
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      // Answers to these cards must act in North Trust only: every button carries its id, and the card names it.
      expect(JSON.stringify(card)).toContain('"orgId":"RXX"');
      expect(JSON.stringify(card)).toContain('North Trust (RXX)');
    }
  });

  it('rejects a --now that is not a date with exit 2', async () => {
    const run = await wres('remind', '--now', 'next tuesday');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--now "next tuesday" is not an ISO date-time');
  });

  it('sends the weekly digest to the E&D lead once, and prints JSON on request', async () => {
    const first = await wres('digest', '--now', '2026-03-30T09:00', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out) as { sent: { who: string; stage: string }[] };
    expect(report.sent).toEqual([{ subject: 'weekly digest', stage: 'digest-2026-03-30', who: 'Dee Lead' }]);
    const leadChat = (conversationFor(LEAD).reference.conversation as { id: string }).id;
    expect(JSON.stringify(connector.sentCards(leadChat))).toContain('3 overdue');
    const again = await wres('digest', '--now', '2026-03-31T09:00');
    expect(again.out).toContain(
      "Did not send the weekly digest (week of 30 Mar 2026) to Dee Lead: this week's digest has already gone to them.",
    );
    expect(again.out).not.toMatch(/digest-\d/);
  });
});
