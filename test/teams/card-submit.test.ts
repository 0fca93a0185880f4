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
  startBotHarness,
  type BotHarness,
  type TestUser,
} from './bot-harness.js';

let h: BotHarness;
let action: Action;

beforeEach(async () => {
  h = await startBotHarness();
  action = (await h.store.listActions()).find((a) => a.ref === '1.1')!;
});
afterEach(async () => h.close());

/** The Send update button's data on the first card the bot sent Asha at install. */
async function sendButtonData(): Promise<Record<string, unknown>> {
  await h.post(membersAdded(h, ASHA));
  const card = h.connector.sentCards(conversationOf(ASHA))[0]!;
  const send = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!;
  return send.data as Record<string, unknown>;
}

/** The card in an invoke response, after checking the response is the shape Teams expects. */
function cardOf(res: { status: number; body: unknown }): Record<string, unknown> {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  const card = (res.body as { value: Record<string, unknown> }).value;
  expect(checkCard(card).warnings).toEqual([]);
  return card;
}

async function submit(user: TestUser, data: Record<string, unknown>) {
  return h.post(cardAction(h, user, VERBS.sendUpdate, data));
}

describe('answering a reminder card', () => {
  it('stores the update and replaces the card with the recorded card', async () => {
    const data = await sendButtonData();
    const res = await submit(ASHA, { ...data, text: 'Audited the remaining two panels.', rag: 'Green', markComplete: 'false' });

    const texts = allTexts(cardOf(res)).map(unescapeForReader);
    expect(texts).toContain('✓ Update recorded — 10 Mar 09:00');
    expect(texts).toContain('You: “Audited the remaining two panels.”');
    expect(texts).toContain('RAG Amber → Green · Status In progress');
    const updates = await h.store.listUpdates(action.id);
    expect(updates.at(-1)).toMatchObject({
      text: 'Audited the remaining two panels.',
      ragTo: 'Green',
      source: 'teams',
      author: { aadObjectId: ASHA.aadObjectId, name: 'Asha Patel' },
    });
    expect((await h.store.getAction(action.id))?.rag).toBe('Green');
  });

  it('marks the action complete from the toggle', async () => {
    const data = await sendButtonData();
    await submit(ASHA, { ...data, text: 'All panels audited.', rag: 'Green', markComplete: 'true' });
    expect(await h.store.getAction(action.id)).toMatchObject({ status: 'Complete', rag: 'Blue' });
  });

  it('stores a retried submission once and answers it with the same recorded card', async () => {
    const data = { ...(await sendButtonData()), text: 'Sent twice by a flaky network.', rag: 'Amber' };
    const before = (await h.store.listUpdates(action.id)).length;
    const first = cardOf(await submit(ASHA, data));
    const second = cardOf(await submit(ASHA, data));

    expect(await h.store.listUpdates(action.id)).toHaveLength(before + 1);
    expect(allTexts(second)).toEqual(allTexts(first));
  });

  it('refuses a request id already used on another action: the card comes back with the message, the note kept and a fresh id', async () => {
    const data = await sendButtonData();
    cardOf(await submit(ASHA, { ...data, text: 'Audited the remaining two panels.', rag: 'Green' }));
    const other = (await h.store.listActions()).find((a) => a.ref === '1.3')!;
    const before = await h.store.listUpdates(other.id);

    const reused = { ...data, actionId: other.id, expectedVersion: other.version, text: 'CPD figures drafted.', rag: 'Amber' };
    const card = cardOf(await submit(ASHA, reused));

    const texts = allTexts(card).map(unescapeForReader);
    expect(texts.some((t) => t.includes('this form’s submission id was already used for an update on another action'))).toBe(true);
    expect(texts.some((t) => t.includes('✓ Update recorded'))).toBe(false);
    expect(findAll(card, 'Input.Text')[0]?.value).toBe('CPD figures drafted.');
    const again = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;
    expect(again).toMatchObject({ actionId: other.id, expectedVersion: other.version });
    expect(again.requestId).not.toBe(data.requestId);
    expect(await h.store.listUpdates(other.id)).toEqual(before);
    expect(await h.store.getAction(other.id)).toEqual(other);

    cardOf(await submit(ASHA, { ...again, text: 'CPD figures drafted.', rag: 'Amber' }));
    expect((await h.store.listUpdates(other.id)).map((u) => u.text)).toEqual([...before.map((u) => u.text), 'CPD figures drafted.']);
  });

  it('stores a note from a card without control characters', async () => {
    const data = await sendButtonData();
    const card = cardOf(await submit(ASHA, { ...data, text: 'Two panels\u0000 left\u000bnext month\u0007.', rag: 'Amber' }));
    expect(allTexts(card).map(unescapeForReader)).toContain('You: “Two panels left\nnext month.”');
    expect((await h.store.listUpdates(action.id)).at(-1)?.text).toBe('Two panels left\nnext month.');
  });

  it('refuses someone who neither owns the action nor leads E&D, and stores nothing', async () => {
    const data = await sendButtonData();
    const res = await submit(BEN, { ...data, text: 'Not mine to say.', rag: 'Red' });

    const texts = allTexts(cardOf(res)).map(unescapeForReader);
    expect(texts).toContain('You cannot update this action');
    expect(texts.some((t) => t.includes('Only Asha Patel or an E&D lead can update action 1.1.'))).toBe(true);
    expect(await h.store.listUpdates(action.id)).toHaveLength(1);
    expect((await h.store.getAction(action.id))?.version).toBe(action.version);
  });

  it('lets an E&D lead update someone else’s action', async () => {
    const data = await sendButtonData();
    cardOf(await submit(LEAD, { ...data, text: 'Chased with Asha: two panels left.', rag: 'Amber' }));
    expect((await h.store.listUpdates(action.id)).at(-1)?.author.name).toBe('Lena Hart');
  });

  it('keeps what was typed and says what to fix when the note is empty', async () => {
    const data = await sendButtonData();
    const card = cardOf(await submit(ASHA, { ...data, text: '   ', rag: 'Red', markComplete: 'true' }));

    expect(allTexts(card).some((t) => t.includes('Please write what has happened since the last update.'))).toBe(true);
    expect(findAll(card, 'Input.ChoiceSet')[0]?.value).toBe('Red');
    expect(findAll(card, 'Input.Toggle')[0]?.value).toBe('true');
    expect(findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)?.data).toEqual(data);
    expect(await h.store.listUpdates(action.id)).toHaveLength(1);
  });

  it('keeps a note of 2,001 characters so it can be shortened, and stores nothing', async () => {
    const data = await sendButtonData();
    const long = 'a'.repeat(2001);
    const card = cardOf(await submit(ASHA, { ...data, text: long, rag: 'Amber' }));

    expect(allTexts(card).some((t) => t.includes('Please keep the note under 2,000 characters.'))).toBe(true);
    expect(findAll(card, 'Input.Text')[0]?.value).toBe(long);
    expect(await h.store.listUpdates(action.id)).toHaveLength(1);
  });

  it('shows the latest state and asks again, instead of overwriting, when the card is out of date', async () => {
    const data = await sendButtonData();
    await h.service.submitUpdate(
      { displayName: 'Lena Hart', aadObjectId: LEAD.aadObjectId, isLead: true },
      { actionId: action.id, requestId: 'lead-update-0001', expectedVersion: action.version, text: 'Board asked for a date.', rag: 'Red' },
      'tab',
    );

    const card = cardOf(await submit(ASHA, { ...data, text: 'My late news.', rag: 'Green' }));

    const texts = allTexts(card).map(unescapeForReader);
    expect(texts.some((t) => t.startsWith('Lena Hart updated this action at 10 Mar 09:00 — here is the latest.'))).toBe(true);
    expect(texts.some((t) => t.includes('Board asked for a date.'))).toBe(true);
    expect(findAll(card, 'Input.Text')[0]?.value).toBe('My late news.');
    const current = (await h.store.getAction(action.id))!;
    expect(current).toMatchObject({ rag: 'Red', latestUpdate: { text: 'Board asked for a date.' } });
    const again = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;
    expect(again.expectedVersion).toBe(current.version);

    cardOf(await submit(ASHA, { ...again, text: 'My late news.', rag: 'Green' }));
    expect((await h.store.listUpdates(action.id)).map((u) => u.text).slice(-2)).toEqual(['Board asked for a date.', 'My late news.']);
  });

  it('offers a fresh card with a new request id from "Add another update"', async () => {
    const data = await sendButtonData();
    cardOf(await submit(ASHA, { ...data, text: 'First.', rag: 'Amber' }));
    const fresh = cardOf(await h.post(cardAction(h, ASHA, VERBS.addAnother, { actionId: action.id })));
    const send = findAll(fresh, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;
    expect(send.requestId).not.toBe(data.requestId);
    expect(send.expectedVersion).toBe(action.version + 1);
    expect(
      allTexts(fresh)
        .map(unescapeForReader)
        .some((t) => t.startsWith('Last update 10 Mar by Asha Patel: “First.”')),
    ).toBe(true);
  });

  it('answers a card it cannot read with a polite card, not an error', async () => {
    const card = cardOf(await submit(ASHA, { actionId: action.id, text: 'no request id' }));
    expect(allTexts(card)).toContain('This card is out of date');
  });
});
