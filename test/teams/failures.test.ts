import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/src/errors.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { allTexts, findAll, unescapeForReader } from './cards/card-check.js';
import { ASHA, cardAction, conversationOf, membersAdded, message, startBotHarness, type BotHarness } from './bot-harness.js';

let h: BotHarness;
afterEach(async () => h?.close());

/** A store whose every call fails with `unavailable` while `down` is set, as a lost database would. */
function flakyStore(down: { value: boolean }, fail: () => Error = () => new AppError('unavailable', 'The plan store cannot be reached.')) {
  return (store: PlanStore): PlanStore =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (down.value) return Promise.reject(fail());
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}

describe('when something fails', () => {
  it('apologises in the chat instead of going silent, and logs no secrets', async () => {
    const down = { value: true };
    h = await startBotHarness({ storeForBot: flakyStore(down) });
    const res = await h.post(message(h, ASHA, 'my actions'));

    expect(res.status).toBe(200);
    const texts = h.connector.sentActivities(conversationOf(ASHA)).map((a) => String(a.text));
    expect(texts).toEqual([expect.stringMatching(/^Sorry — something went wrong on our side/)]);
    const logged = h.logger.lines.find((l) => l.message === 'Bot turn failed');
    expect(logged?.fields).toMatchObject({ activityType: 'message' });
    expect(JSON.stringify(h.logger.lines)).not.toMatch(/password|secret|bearer/i);
  });

  it('keeps the note on the card when the store cannot be reached during a submit', async () => {
    const down = { value: false };
    h = await startBotHarness({ storeForBot: flakyStore(down) });
    await h.post(membersAdded(h, ASHA));
    const card = h.connector.sentCards(conversationOf(ASHA))[0]!;
    const data = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;

    down.value = true;
    const res = await h.post(cardAction(h, ASHA, VERBS.sendUpdate, { ...data, text: 'Do not lose this.', rag: 'Green' }));

    expect(res.status).toBe(200);
    const texts = allTexts((res.body as { value: unknown }).value).map(unescapeForReader);
    expect(texts[0]).toBe('Your update was not saved');
    expect(texts[1]).toContain('Your note was: “Do not lose this.”');
    down.value = false;
    const action = (await h.store.listActions()).find((a) => a.ref === '1.1')!;
    expect(await h.store.listUpdates(action.id)).toHaveLength(1);
  });

  it('answers a button press with a card even when something unexpected breaks', async () => {
    const down = { value: false };
    h = await startBotHarness({ storeForBot: flakyStore(down, () => new TypeError('boom')) });
    await h.post(membersAdded(h, ASHA));
    const card = h.connector.sentCards(conversationOf(ASHA))[0]!;
    const data = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;

    down.value = true;
    const res = await h.post(cardAction(h, ASHA, VERBS.sendUpdate, { ...data, text: 'Keep me.', rag: 'Green' }));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const texts = allTexts((res.body as { value: unknown }).value).map(unescapeForReader);
    expect(texts[0]).toBe('Something went wrong');
    expect(texts[1]).toContain('Your note was: “Keep me.”');
    expect(h.logger.lines.some((l) => l.message === 'Bot turn failed' && String(l.fields?.error).includes('boom'))).toBe(true);
  });
});
