/**
 * The bot when one organisation cannot be served (its store could not be
 * opened: a site down or not granted): a card of that organisation is
 * answered "Nothing was done", naming it, and the other organisation's
 * cards are answered as usual, for the same person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/src/errors.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { BEN, SOL, chatOf, press, say, startOrgHarness, type OrgHarness } from './org-bot-harness.js';

const text = (x: unknown) => JSON.stringify(x);

let h: OrgHarness;
beforeAll(async () => {
  h = await startOrgHarness();
  // South's site stops answering; the next registry check finds it cannot be opened.
  h.south.store.listActions = () => Promise.reject(new AppError('unavailable', 'SharePoint did not answer'));
  await h.tenancy.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('a card of an organisation that cannot be served', () => {
  it('is answered “Nothing was done”, naming the organisation, while the other organisation is served', async () => {
    expect(h.tenancy.context('R1H')!.unavailable).toBe('SharePoint did not answer');
    const southAction = (await h.tenancy.context('RXX')!.store.listActions())[0]!; // any id: South's is never looked up
    const answer = text((await h.post(press(h, BEN, VERBS.refresh, { orgId: 'R1H', actionId: southAction.id }))).body);
    expect(answer).toContain('Nothing was done');
    expect(answer).toContain('South Trust (R1H) cannot be reached just now');

    const north = await h.actionOf(h.north, '1.1');
    const own = text((await h.post(press(h, SOL, VERBS.refresh, { orgId: 'RXX', actionId: north.id }))).body);
    expect(own).toContain('NORTH');
    expect(own).not.toContain('cannot be reached');
  });

  it('names the organisation to its lead in a message and still answers for the other one', async () => {
    await h.reachable(h.north, [SOL]);
    await h.post(say(h, SOL, 'my actions'));
    const replies = text(h.connector.sentActivities(chatOf(SOL)));
    expect(replies).toContain('South Trust (R1H) cannot be reached just now');
    expect(replies).toContain('North Trust (RXX)');
    expect(replies).not.toContain('something went wrong');
  });

  it('tells someone who may own an action there that their access could not be checked, not that they have none', async () => {
    await h.post(say(h, BEN, 'my actions'));
    const replies = text(h.connector.sentActivities(chatOf(BEN)));
    expect(replies).toContain('Your access could not be checked just now');
    expect(replies).not.toContain('You are not in any organisation');
  });
});
