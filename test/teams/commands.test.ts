import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { allTexts, checkCard, findAll, unescapeForReader } from './cards/card-check.js';
import { RoleDirectory } from '../../bot/src/service/roles.js';
import { makeRecordUpdate } from '../store/fixtures.js';
import { answerText } from '../../bot/src/teams/commands.js';
import {
  ASHA,
  BEN,
  LEAD,
  PUBLIC_URL,
  cardAction,
  conversationOf,
  message,
  startBotHarness,
  type BotHarness,
  type TestUser,
} from './bot-harness.js';

let h: BotHarness;
beforeEach(async () => {
  h = await startBotHarness();
});
afterEach(async () => h.close());

/** Sends `text` as `user` and returns what the bot said back in that chat: texts and cards. */
async function say(user: TestUser, text: string): Promise<{ texts: string[]; cards: Record<string, unknown>[] }> {
  const before = h.connector.sentActivities(conversationOf(user)).length;
  const res = await h.post(message(h, user, text));
  expect(res.status).toBe(200);
  const sent = h.connector.sentActivities(conversationOf(user)).slice(before);
  const cards = sent.flatMap((a) => ((a.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((x) => x.content));
  for (const card of cards) expect(checkCard(card).warnings).toEqual([]);
  return { texts: sent.map((a) => String(a.text ?? '')).filter(Boolean), cards };
}

function headlines(cards: Record<string, unknown>[]): (string | undefined)[] {
  return cards.map((c) => allTexts(c).find((t) => t.startsWith('WRES action')));
}

describe('chat commands', () => {
  it('"my actions" sends a card for each open action, soonest due first', async () => {
    const { texts, cards } = await say(ASHA, 'my actions');
    expect(texts).toEqual(['You have 2 open actions in the WRES action plan, soonest due first:']);
    expect(headlines(cards)).toEqual(['WRES action 1.1 · due in 7 days (Tue 17 Mar)', 'WRES action 1.3 · due in 21 days (Tue 31 Mar)']);
  });

  it('ignores case, extra spaces and the @mention', async () => {
    const { cards } = await say(ASHA, '<at>WRES</at>  My   ACTIONS ');
    expect(cards).toHaveLength(2);
  });

  it('shows an overdue action in words and the attention colour', async () => {
    const { cards } = await say(BEN, 'my actions');
    const headline = findAll(cards[0], 'TextBlock').find((t) => String(t.text).startsWith('WRES action'));
    expect(headline).toMatchObject({ text: 'WRES action 1.2 · 10 days overdue (due Sat 28 Feb)', color: 'Attention' });
  });

  it('"overdue" lists every overdue action with its owner for an E&D lead', async () => {
    const { cards } = await say(LEAD, 'overdue');
    expect(cards).toHaveLength(1);
    const texts = allTexts(cards[0]).map(unescapeForReader);
    expect(texts).toContain('1 overdue action, longest overdue first');
    expect(texts).toContain('**1.2** Review disciplinary cases by ethnicity');
    expect(texts).toContain('10 days overdue (due Sat 28 Feb) · Red · Ben Okafor');
  });

  it('"digest" gives an E&D lead this week’s digest', async () => {
    const { cards } = await say(LEAD, 'Digest');
    expect(allTexts(cards[0])).toContain('WRES action plan — week of 9 Mar');
  });

  it('refuses "overdue" and "digest" politely to someone who is not an E&D lead', async () => {
    for (const command of ['overdue', 'digest']) {
      const { cards } = await say(ASHA, command);
      expect(cards).toHaveLength(1);
      expect(allTexts(cards[0])[0]).toBe(`“${command}” is for E&D leads`);
      expect(allTexts(cards[0]).some((t) => t.includes('1.2'))).toBe(false);
    }
  });

  it('"help" lists the commands, with the lead-only ones for leads', async () => {
    const owner = await say(ASHA, 'help');
    const lead = await say(LEAD, 'HELP');
    expect(allTexts(owner.cards[0]).some((t) => t.startsWith('my actions:'))).toBe(true);
    expect(allTexts(owner.cards[0]).some((t) => t.startsWith('digest:'))).toBe(false);
    expect(allTexts(lead.cards[0]).some((t) => t.startsWith('digest:'))).toBe(true);
  });

  it('answers unknown text with help, never silence, and shows the text literally', async () => {
    const { cards } = await say(ASHA, 'what is **this**?');
    const texts = allTexts(cards[0]);
    expect(texts[0]).toBe('Sorry, I did not understand “what is \\*\\*this\\*\\*?”.');
    expect(texts.some((t) => t.startsWith('my actions:'))).toBe(true);
  });

  it('says so when someone has no open actions', async () => {
    const { texts, cards } = await say(LEAD, 'my actions');
    expect(cards).toEqual([]);
    expect(texts[0]).toMatch(/^You have no open actions in the WRES action plan\./);
  });

  it('remembers a user who chats before any install event was seen', async () => {
    await say(BEN, 'help');
    expect(await h.store.getConversation(BEN.aadObjectId)).toMatchObject({ email: BEN.email });
  });
});

describe('the compact list', () => {
  it('is used past five open actions, and its Update button posts that action’s card', async () => {
    await h.store.importActions(
      Array.from({ length: 6 }, (_, i) => ({
        action: {
          ref: `3.${i + 1}`,
          planYear: '2025/26',
          theme: 'Progression',
          indicators: [7 as const],
          title: `Mentoring cohort ${i + 1}`,
          measure: '',
          owner: { displayName: BEN.displayName, email: BEN.email, aadObjectId: BEN.aadObjectId },
          leadRole: '',
          dueDate: `2026-04-0${i + 1}`,
          dueText: '',
          status: 'InProgress' as const,
          rag: 'Green' as const,
        },
        history: [],
      })),
      '2026-01-05T09:00:00Z',
    );
    const { cards } = await say(BEN, 'my actions');
    expect(cards).toHaveLength(1);
    const buttons = findAll(cards[0], 'Action.Execute');
    expect(buttons).toHaveLength(7);

    const before = h.connector.sentCards(conversationOf(BEN)).length;
    const res = await h.post(cardAction(h, BEN, VERBS.showAction, buttons[1]!.data as Record<string, unknown>));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    const posted = h.connector.sentCards(conversationOf(BEN)).slice(before);
    expect(headlines(posted)).toEqual(['WRES action 3.1 · due in 22 days (Wed 1 Apr)']);
  });
});

describe('"remind me" (development only)', () => {
  it('sends the caller the reminder cards the daily run would send today, through the card builder, and records nothing', async () => {
    const before = h.connector.sentActivities(conversationOf(ASHA)).length;
    const { texts, cards } = await say(ASHA, 'Remind me');
    expect(texts).toEqual([
      'Here are the 2 reminders the daily run would send you today, as they arrive (a development preview: nothing is recorded, so the run still sends them).',
    ]);
    // 1.1 is due in a week; 1.3 has had no update since it was imported on 5 January.
    expect(headlines(cards)).toEqual(['WRES action 1.1 · due in 7 days (Tue 17 Mar)', 'WRES action 1.3 · How is it going?']);
    expect(findAll(cards[0], 'Action.Execute').map((b) => b.title)).toContain('Send update');
    const summaries = h.connector
      .sentActivities(conversationOf(ASHA))
      .slice(before)
      .map((a) => a.summary)
      .filter(Boolean);
    expect(summaries).toEqual(['WRES action 1.1: 7-day reminder', 'WRES action 1.3: no update for 64 days (since 5 Jan 2026)']);
    expect(await h.store.listReminders()).toEqual([]);
  });

  it('gives an overdue owner the weekly overdue reminder', async () => {
    const { cards } = await say(BEN, 'remind me');
    const headline = findAll(cards[0], 'TextBlock').find((t) => String(t.text).startsWith('WRES action'));
    expect(headline).toMatchObject({ text: 'WRES action 1.2 · 10 days overdue (due Sat 28 Feb)', color: 'Attention' });
  });

  it('says so when nothing is due today, and when there is nothing to remind about', async () => {
    // 1.3 (Asha, due 31 Mar) has a fresh update, so neither a deadline reminder nor a nudge is due; 1.1 is done.
    const plan = await h.store.listActions();
    const [a11, a13] = ['1.1', '1.3'].map((ref) => plan.find((a) => a.ref === ref)!);
    await h.store.recordUpdate(
      makeRecordUpdate(a11!, { text: 'Done', rag: 'Blue', status: 'Complete', submittedAt: '2026-03-09T10:00:00Z' }),
    );
    await h.store.recordUpdate(makeRecordUpdate(a13!, { text: 'On track', submittedAt: '2026-03-09T10:00:00Z' }));
    const asha = await say(ASHA, 'remind me');
    expect(asha.cards).toEqual([]);
    expect(asha.texts).toEqual(['None of your open actions has a reminder due today. Type "my actions" to see them all.']);

    const lead = await say(LEAD, 'remind me');
    expect(lead.texts).toEqual(['You have no open actions in the WRES action plan, so no reminder is due.']);
  });

  it('is listed in help outside production', async () => {
    const { cards } = await say(ASHA, 'help');
    expect(allTexts(cards[0]).some((t) => t.startsWith('remind me:'))).toBe(true);
  });

  it('is refused politely in production, and not offered in help there', async () => {
    const deps = {
      settings: {
        publicUrl: PUBLIC_URL,
        timeZone: 'Europe/London',
        reminderPolicy: { offsetsDays: [14, 7, 1, 0], staleAfterDays: 30, timeZone: 'Europe/London' },
        bankHolidays: 'england-and-wales' as const,
        devCommands: false,
      },
      store: h.store,
      service: h.service,
      roles: new RoleDirectory({ edLeads: [LEAD.email], viewers: [] }),
      clock: h.clock,
      logger: h.logger,
    };
    const asha = { displayName: ASHA.displayName, email: ASHA.email, aadObjectId: ASHA.aadObjectId, isLead: false };
    const [refusal, ...rest] = await answerText(deps, asha, 'remind me');
    expect(rest).toEqual([]);
    expect(refusal && 'card' in refusal ? allTexts(refusal.card)[0] : refusal).toBe('“remind me” is only for trying the app out');
    const [help] = await answerText(deps, asha, 'help');
    expect(help && 'card' in help && allTexts(help.card).some((t) => t.startsWith('remind me'))).toBe(false);
  });
});
