/**
 * The bot when one organisation cannot be served (its store could not be
 * opened: a site down or not granted): a card of that organisation is
 * answered "Nothing was done", naming it, and the other organisation's
 * cards are answered as usual, for the same person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/src/errors.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { BEN, SOL, press, startOrgHarness, type OrgHarness } from './org-bot-harness.js';

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
});
