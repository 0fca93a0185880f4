/**
 * Reassigning through the real bot (the local Bot Connector stand-in): an E&D
 * lead's `reassign` command answers with a confirmation; Reassign moves the
 * action once however often Teams sends it, logs it as a reassignment and
 * sends the new owner a handover card they answer like a reminder. Others are
 * refused politely.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { allTexts, checkCard, findAll, unescapeForReader } from './cards/card-check.js';
import {
  ASHA,
  BEN,
  LEAD,
  cardAction,
  conversationOf,
  membersAdded,
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

const byRef = async (ref: string): Promise<Action> => (await h.store.listActions()).find((a) => a.ref === ref)!;
/** What a reader sees of the card's texts (bold markers dropped). */
const readable = (card: unknown) => allTexts(card).map((t) => unescapeForReader(t).replace(/\*\*/g, ''));
const handoverCards = (user: TestUser) => cardsIn(user).filter((c) => readable(c)[0]?.startsWith('Handed over to you'));

/** The cards the bot posted into `user`'s chat since `before` (each checked against the Adaptive Cards schema). */
function cardsIn(user: TestUser, before = 0): Record<string, unknown>[] {
  const cards = h.connector
    .sentActivities(conversationOf(user))
    .slice(before)
    .flatMap((a) => ((a.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((x) => x.content));
  for (const card of cards) expect(checkCard(card).warnings).toEqual([]);
  return cards;
}

/** Types `text` as `user`; returns the one card answered. */
async function say(user: TestUser, text: string): Promise<Record<string, unknown>> {
  const before = h.connector.sentActivities(conversationOf(user)).length;
  expect((await h.post(message(h, user, text))).status).toBe(200);
  const cards = cardsIn(user, before);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** Presses the card's button `verb` as `user`; returns the card that replaces it. */
async function press(user: TestUser, card: Record<string, unknown>, verb: string): Promise<Record<string, unknown>> {
  const button = findAll(card, 'Action.Execute').find((a) => a.verb === verb)!;
  const res = await h.post(cardAction(h, user, verb, button.data as Record<string, unknown>));
  expect(res.status).toBe(200);
  const answer = (res.body as { value: Record<string, unknown> }).value;
  expect(checkCard(answer).warnings).toEqual([]);
  return answer;
}

describe('the reassign command', () => {
  it('asks the lead to confirm, then reassigns once, logs it and sends the new owner a handover card', async () => {
    await h.post(membersAdded(h, BEN));
    const action = await byRef('1.1');

    const confirm = await say(LEAD, 'reassign 1.1 to Ben.Okafor@example.nhs.uk');
    expect(readable(confirm)[0]).toBe('Reassign action 1.1 to Ben Okafor?');
    expect(readable(confirm)).toContain('Asha Patel · due in 7 days (Tue 17 Mar) · Amber');
    expect(await byRef('1.1')).toEqual(action);

    const done = await press(LEAD, confirm, VERBS.confirmReassign);
    expect(readable(done)).toContain('✓ Reassigned action to Ben Okafor');
    expect(readable(done)).toContain('Ben Okafor has been sent a handover card in Teams.');
    const after = await byRef('1.1');
    expect(after.owner).toEqual({ displayName: BEN.displayName, email: BEN.email, aadObjectId: BEN.aadObjectId });
    expect((await h.store.listUpdates(action.id)).at(-1)).toMatchObject({
      text: 'Reassigned from Asha Patel to Ben Okafor by Lena Hart',
      source: 'teams',
      author: { name: 'Lena Hart', aadObjectId: LEAD.aadObjectId },
      event: { kind: 'reassigned', to: { email: BEN.email } },
    });

    const handover = handoverCards(BEN);
    expect(handover).toHaveLength(1);
    const texts = readable(handover[0]);
    expect(texts[0]).toBe('Handed over to you · WRES action 1.1 · due in 7 days (Tue 17 Mar)');
    expect(texts).toContain('Lena Hart made you the owner of this action; it was Asha Patel’s.');
    expect(texts.filter((t) => / Asha Patel: | Lena Hart: /.test(t))).toEqual(['12 Feb Asha Patel: “Panels for 3 of 5 posts audited”']);

    // Teams sends the press again: nothing more is stored or sent.
    await press(LEAD, confirm, VERBS.confirmReassign);
    expect((await h.store.listUpdates(action.id)).filter((u) => u.event?.kind === 'reassigned')).toHaveLength(1);
    expect(handoverCards(BEN)).toHaveLength(1);

    // Ben answers the handover card in place, as he would a reminder.
    const send = findAll(handover[0], 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!;
    const res = await h.post(
      cardAction(h, BEN, VERBS.sendUpdate, { ...(send.data as Record<string, unknown>), text: 'Picked this up from Asha.', rag: 'Amber' }),
    );
    expect(readable((res.body as { value: unknown }).value)).toContain('You: “Picked this up from Asha.”');
    expect((await h.store.listUpdates(action.id)).at(-1)).toMatchObject({
      text: 'Picked this up from Asha.',
      author: { name: BEN.displayName },
    });
  });

  it('reassigns all of one person’s open actions after listing them, and leaves closed ones alone', async () => {
    await h.post(membersAdded(h, BEN));
    const confirm = await say(LEAD, 'reassign all from asha.patel@example.nhs.uk to ben.okafor@example.nhs.uk');
    const texts = readable(confirm);
    expect(texts[0]).toBe('Reassign 2 actions to Ben Okafor?');
    expect(texts.filter((t) => /^\d\.\d /.test(t))).toEqual([
      '1.1 Audit shortlisting panels for diversity',
      '1.3 Publish CPD access figures',
    ]);

    const done = await press(LEAD, confirm, VERBS.confirmReassign);
    expect(readable(done)[0]).toBe('✓ Reassigned 2 actions to Ben Okafor');
    expect((await byRef('1.1')).owner?.displayName).toBe('Ben Okafor');
    expect((await byRef('1.3')).owner?.displayName).toBe('Ben Okafor');
    expect((await byRef('2.2')).owner?.displayName).toBe('Asha Patel');
    expect(handoverCards(BEN).map((c) => readable(c)[0])).toEqual([
      'Handed over to you · WRES action 1.1 · due in 7 days (Tue 17 Mar)',
      'Handed over to you · WRES action 1.3 · due in 21 days (Tue 31 Mar)',
    ]);
  });

  it('says when the new owner cannot be told in Teams, so the lead can tell them another way', async () => {
    const done = await press(LEAD, await say(LEAD, 'reassign 1.1 to ben.okafor@example.nhs.uk'), VERBS.confirmReassign);
    expect(readable(done)).toContain(
      'Please check: Ben Okafor has not installed the app in Teams yet, so no handover card could be sent: please let them know.',
    );
    expect((await byRef('1.1')).owner?.displayName).toBe('Ben Okafor');
  });

  it('leaves an action someone updated after the card was shown, and says so', async () => {
    const confirm = await say(LEAD, 'reassign 1.1 to ben.okafor@example.nhs.uk');
    const action = await byRef('1.1');
    await h.service.submitUpdate(
      { displayName: ASHA.displayName, aadObjectId: ASHA.aadObjectId, isLead: false },
      {
        actionId: action.id,
        requestId: 'meanwhile-0001',
        expectedVersion: action.version,
        text: 'Two panels left.',
        rag: 'Amber',
      },
      'tab',
    );
    const done = await press(LEAD, confirm, VERBS.confirmReassign);
    expect(readable(done)[0]).toBe('Nothing was reassigned');
    expect(readable(done).some((t) => t.includes('changed action 1.1 since you looked'))).toBe(true);
    expect((await byRef('1.1')).owner?.displayName).toBe('Asha Patel');
  });

  it('refuses people who are not E&D leads, and unknown or unreadable new owners, changing nothing', async () => {
    const action = await byRef('1.1');
    expect(readable(await say(ASHA, 'reassign 1.1 to ben.okafor@example.nhs.uk'))[0]).toBe('“reassign” is for E&D leads');
    const unknown = readable(await say(LEAD, 'reassign 1.1 to nobody@example.nhs.uk'));
    expect(unknown[0]).toBe('Nothing was reassigned');
    expect(unknown[1]).toContain('Nobody with the email nobody@example.nhs.uk is known to the app yet');
    expect(readable(await say(LEAD, 'reassign 9.9 to ben.okafor@example.nhs.uk'))[1]).toContain('The plan has no action 9.9.');
    expect(readable(await say(LEAD, 'reassign 2.2 to ben.okafor@example.nhs.uk'))[1]).toBe(
      'Action 2.2 is complete, so there is nothing to hand over.',
    );
    expect(readable(await say(LEAD, 'reassign someone'))[0]).toBe('How to reassign');
    // A confirmation forwarded to someone who is not a lead changes nothing.
    const confirm = await say(LEAD, 'reassign 1.1 to ben.okafor@example.nhs.uk');
    expect(readable(await press(ASHA, confirm, VERBS.confirmReassign))).toContain('Only E&D leads can reassign actions.');
    expect(await byRef('1.1')).toEqual(action);
    expect(await h.store.listUpdates(action.id)).toHaveLength(1);
  });
});
