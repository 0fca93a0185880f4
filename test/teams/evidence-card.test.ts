// Evidence links through the real bot: the reminder card's links box, the receipt that lists
// them, a bad link shown on the card with everything typed kept, and retries — on SQLite and
// on the local Graph stand-in.
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { MAX_CARD_BYTES, VERBS } from '../../bot/src/teams/cards/verbs.js';
import { seedPlan } from '../graph/seed-plan.js';
import { startRig, type StoreRig } from '../graph/harness.js';
import { allTexts, checkCard, findAll, unescapeForReader } from './cards/card-check.js';
import { ASHA, cardAction, conversationOf, membersAdded, startBotHarness, type BotHarness } from './bot-harness.js';

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf';

let h: BotHarness | null = null;
let rig: StoreRig | null = null;
afterEach(async () => {
  await h?.close();
  await rig?.close();
  h = null;
  rig = null;
});

/** The bot on SQLite (default) or on the Graph stand-in, with Asha's install card's Send update data. */
async function start(
  on: 'sqlite' | 'sharepoint' = 'sqlite',
): Promise<{ bot: BotHarness; store: PlanStore; action: Action; data: Record<string, unknown> }> {
  let graphStore: PlanStore | null = null;
  if (on === 'sharepoint') {
    rig = await startRig();
    seedPlan(rig.server, 3, ASHA);
    graphStore = await rig.open();
  }
  h = await startBotHarness(graphStore ? { storeForBot: () => graphStore } : {});
  const store = graphStore ?? h.store;
  await h.post(membersAdded(h, ASHA));
  const card = h.connector.sentCards(conversationOf(ASHA))[0]!;
  const send = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!;
  const data = send.data as Record<string, unknown>;
  return { bot: h, store, action: (await store.getAction(String(data.actionId)))!, data };
}

function cardOf(res: { status: number; body: unknown }): Record<string, unknown> {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  const card = (res.body as { value: Record<string, unknown> }).value;
  const check = checkCard(card);
  expect(check.warnings).toEqual([]);
  expect(check.bytes).toBeLessThan(MAX_CARD_BYTES);
  return card;
}

const submit = (bot: BotHarness, data: Record<string, unknown>) => bot.post(cardAction(bot, ASHA, VERBS.sendUpdate, data));
const inputValue = (card: unknown, id: string) => findAll(card, 'Input.Text').find((i) => i.id === id)?.value;

describe('evidence links on the reminder card', () => {
  it('offers an optional links box on the card Teams is sent', async () => {
    const { bot } = await start();
    const card = bot.connector.sentCards(conversationOf(ASHA))[0]!;
    const box = findAll(card, 'Input.Text').find((i) => i.id === 'links');
    expect(box).toMatchObject({ label: 'Evidence links (optional)', style: 'Url' });
    expect(box).not.toHaveProperty('isRequired', true);
    expect(checkCard(card).warnings).toEqual([]);
  });

  it('stores the links and lists them on the receipt as host and path, escaped, each a link', async () => {
    const { bot, store, action, data } = await start();
    const res = await submit(bot, { ...data, text: 'All five panels audited.', rag: 'Green', links: `${AUDIT} ${PAPER}` });

    const texts = allTexts(cardOf(res));
    const evidence = texts.find((t) => t.startsWith('Evidence: '))!;
    expect(evidence).toBe(
      'Evidence: [nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx](https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx)' +
        ' · [intranet.example.nhs.uk/board/2026-03/wres-paper.pdf](https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf)',
    );
    expect((await store.listUpdates(action.id)).at(-1)).toMatchObject({ text: 'All five panels audited.', links: [AUDIT, PAPER] });
  });

  it('cannot be made to show other markdown or point elsewhere by what a link’s address holds', async () => {
    const { bot, data } = await start();
    const tricky = 'https://intranet.example.nhs.uk/a_(b)/**x**/[c](https:%2F%2Fevil.example.com)/~d~';
    const card = cardOf(await submit(bot, { ...data, text: 'Evidence with odd characters.', rag: 'Green', links: tricky }));

    const evidence = allTexts(card).find((t) => t.startsWith('Evidence: '))!;
    const target = /\]\(([^()\s]+)\)$/.exec(evidence)?.[1];
    expect(target).toBe('https://intranet.example.nhs.uk/a%5F%28b%29/%2A%2Ax%2A%2A/%5Bc%5D%28https:%2F%2Fevil.example.com%29/%7Ed%7E');
    expect(new URL(target!).host).toBe('intranet.example.nhs.uk');
    expect(unescapeForReader(evidence.slice('Evidence: '.length, evidence.lastIndexOf('](') + 1))).toBe(
      '[intranet.example.nhs.uk/a_(b)/**x**/[c](https://evil.example.com)/~d~]',
    );
  });

  it.each([
    ['an http link', 'http://intranet.example.nhs.uk/audit.xlsx', 'starts with http://, which is not secure'],
    ['a link with a password', 'https://asha:Winter2026@intranet.example.nhs.uk/audit.xlsx', 'contains a password or access key'],
    ['four links', `${AUDIT} ${PAPER} https://intranet.example.nhs.uk/3 https://intranet.example.nhs.uk/4`, 'at most three links'],
    ['not a link', 'the audit spreadsheet on the shared drive', 'is not a web address'],
  ])('shows the card again for %s, with the message and everything typed kept, and stores nothing', async (_case, links, words) => {
    const { bot, store, action, data } = await start();
    const before = await store.listUpdates(action.id);
    const typed = { ...data, text: 'Audited the remaining two panels.', rag: 'Green', markComplete: 'true', links };
    const card = cardOf(await submit(bot, typed));

    const texts = allTexts(card).map(unescapeForReader);
    expect(texts.some((t) => t.includes('Please check:') && t.includes(words))).toBe(true);
    expect(inputValue(card, 'text')).toBe('Audited the remaining two panels.');
    expect(inputValue(card, 'links')).toBe(links);
    expect(findAll(card, 'Input.ChoiceSet')[0]?.value).toBe('Green');
    expect(findAll(card, 'Input.Toggle')[0]?.value).toBe('true');
    const again = findAll(card, 'Action.Execute').find((a) => a.verb === VERBS.sendUpdate)!.data as Record<string, unknown>;
    expect(again.requestId).toBe(data.requestId);
    expect(await store.listUpdates(action.id)).toEqual(before);
    expect(await store.getAction(action.id)).toEqual(action);

    // Fixed and sent again from the same card: stored once.
    cardOf(await submit(bot, { ...again, text: typed.text, rag: 'Green', links: AUDIT }));
    expect((await store.listUpdates(action.id)).at(-1)).toMatchObject({ text: typed.text, links: [AUDIT] });
  });

  it('stores a retried submission with the same links once, and refuses the same card sent with other links', async () => {
    const { bot, store, action, data } = await start();
    const before = (await store.listUpdates(action.id)).length;
    const first = cardOf(await submit(bot, { ...data, text: 'Audit done.', rag: 'Green', links: `${AUDIT}\n${PAPER}` }));
    const retry = cardOf(await submit(bot, { ...data, text: 'Audit done.', rag: 'Green', links: `${PAPER} ${AUDIT}` }));
    expect(allTexts(retry)).toEqual(allTexts(first));
    expect(await store.listUpdates(action.id)).toHaveLength(before + 1);

    const other = cardOf(await submit(bot, { ...data, text: 'Audit done.', rag: 'Green', links: AUDIT }));
    expect(
      allTexts(other)
        .map(unescapeForReader)
        .some((t) => t.includes('different note, rating or links')),
    ).toBe(true);
    expect(inputValue(other, 'links')).toBe(AUDIT);
    expect(await store.listUpdates(action.id)).toHaveLength(before + 1);
  });

  it('stays under the Teams size limit with the longest note and three of the longest links, typed or recorded', async () => {
    const { bot, data } = await start();
    const long = (n: number) => `https://intranet.example.nhs.uk/${n}/${'x'.repeat(1960)}`;
    const links = [long(1), long(2), long(3)].join(' ');
    const note = 'N'.repeat(2000);
    const mistake = cardOf(await submit(bot, { ...data, text: note, rag: 'Purple', links }));
    expect(inputValue(mistake, 'links')).toBe(links);
    cardOf(await submit(bot, { ...data, text: note, rag: 'Green', links }));
  });

  it('works the same on the SharePoint store through the Graph stand-in', async () => {
    const { bot, store, action, data } = await start('sharepoint');
    const bad = cardOf(await submit(bot, { ...data, text: 'Audit done.', rag: 'Green', links: 'http://intranet.example.nhs.uk/a' }));
    expect(inputValue(bad, 'links')).toBe('http://intranet.example.nhs.uk/a');
    expect(rig!.server.list('WRES Progress Updates')!.items.size).toBe(3);

    const res = await submit(bot, { ...data, text: 'Audit done.', rag: 'Green', links: `${AUDIT} ${PAPER}` });
    expect(allTexts(cardOf(res)).some((t) => t.startsWith('Evidence: [nhsuk.sharepoint.com/sites/edi/Shared Documents/'))).toBe(true);
    expect((await store.listUpdates(action.id)).at(-1)?.links).toEqual([AUDIT, PAPER]);
    const item = [...rig!.server.list('WRES Progress Updates')!.items.values()].at(-1)!;
    expect(item.fields.EvidenceLinks).toBe(`${AUDIT}\n${PAPER}`);
  });
});
