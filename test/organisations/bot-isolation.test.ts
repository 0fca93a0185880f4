/**
 * Isolation on the bot's side (issue #16): through the real adapter and the
 * Bot Connector stand-in, a card, a command or a digest of one organisation
 * never reads or changes another's plan, and refusals say so in words — on
 * SQLite and on SharePoint (the Graph stand-in), South's data checked at the
 * store itself. One harness per store for the file: the cases are written
 * to run in order on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCycle } from '../../bot/src/reminders/cycle.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { ASHA, BEN, LEAD, OLLIE, SAM, SOL, chatOf, executeData, press, say, startOrgHarness, type OrgHarness } from './org-bot-harness.js';
import { STORE_KINDS } from './org-stores.js';

const text = (x: unknown) => JSON.stringify(x);

/** What the bot answered a button press with (the card that replaces the pressed one). */
function answerCard(res: { body: unknown }): unknown {
  return (res.body as { value?: unknown }).value;
}

describe.each(STORE_KINDS)('the bot across two organisations on %s', (kind) => {
  let h: OrgHarness;
  beforeAll(async () => {
    h = await startOrgHarness({ store: kind });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a card naming another organisation, or none, and changes nothing there', async () => {
    const south = await h.actionOf(h.south, '1.1');
    const north = await h.actionOf(h.north, '1.1');
    const southBefore = h.stores.snapshot('R1H');
    const submit = (orgId: string | undefined, actionId: string, version: number) =>
      h.post(
        press(h, ASHA, VERBS.sendUpdate, {
          actionId,
          expectedVersion: version,
          requestId: `req-${orgId}-${actionId}`,
          text: 'Forged note',
          rag: 'Green',
          ...(orgId ? { orgId } : {}),
        }),
      );
    // South's own org id with South's action: Asha is nobody there.
    const asSouth = text(answerCard(await submit('R1H', south.id, south.version)));
    expect(asSouth).toContain('You are not in South Trust (R1H)');
    expect(asSouth).toContain('Nothing was saved');
    expect(asSouth).toContain('Forged note');
    // North's org id with an id of South's that North does not also use: North's plan has no such action.
    const northIds = (await h.north.store.listActions()).map((a) => a.id);
    const foreign = (await h.south.store.listActions()).find((a) => !northIds.includes(a.id))!;
    expect(text(answerCard(await submit('RXX', foreign.id, foreign.version)))).toContain('Action not found');
    // An org id the deployment does not serve, and a card with none (sent before organisations).
    const forged = text(answerCard(await submit('ZZZ', south.id, south.version)));
    expect(forged).toContain('does not serve');
    expect(forged).toContain('Forged note');
    expect(text(answerCard(await submit(undefined, north.id, north.version)))).toContain('before your organisation was set up');

    const after = await h.actionOf(h.south, '1.1');
    expect(after.version).toBe(south.version);
    expect(await h.south.store.listUpdates(south.id)).toEqual([]);
    expect(await h.north.store.listUpdates(north.id)).toEqual([]);
    expect(h.stores.snapshot('R1H')).toEqual(southBefore);

    // The same card for her own action in her own organisation is recorded there, and says whose plan it is.
    const own = text(answerCard(await submit('RXX', north.id, north.version)));
    expect(own).toContain('North Trust (RXX)');
    expect((await h.north.store.listUpdates(north.id)).map((u) => u.text)).toEqual(['Forged note']);
  });

  it('shows someone outside an organisation nothing of its actions through a forged card, in words', async () => {
    const south = await h.actionOf(h.south, '1.1');
    const southBefore = h.stores.snapshot('R1H');
    for (const verb of [VERBS.showAction, VERBS.refresh, VERBS.sendUpdate]) {
      const data = { orgId: 'R1H', actionId: south.id, expectedVersion: south.version, requestId: `peek-${verb}`, text: 'Peek' };
      const answer = text((await h.post(press(h, ASHA, verb, data))).body);
      expect(answer, verb).toContain('You are not in South Trust (R1H)');
      // Neither the action's title, its ref nor its owner: a refusal tells an outsider nothing of South's plan.
      expect(answer, verb).not.toMatch(/SOUTH|Ben Okafor|1\.1/);
    }
    expect(h.stores.snapshot('R1H')).toEqual(southBefore);
    // The owner of that action in South is answered as always.
    const own = text(answerCard(await h.post(press(h, BEN, VERBS.refresh, { orgId: 'R1H', actionId: south.id }))));
    expect(own).toContain('SOUTH staff network charter');
  });

  it('lets a lead of one organisation reassign nothing of another, by command or by card', async () => {
    const south = await h.actionOf(h.south, '1.8');
    const southBefore = h.stores.snapshot('R1H');
    const inSouth = text(await lastCardAfter(h, () => h.post(say(h, LEAD, `reassign 1.8 to ${SAM.email} in R1H`)), LEAD));
    expect(inSouth).toContain('You are not an E&D lead of R1H');
    // South's ref is looked up in North's plan only (North has no 1.8).
    expect(text(await lastCardAfter(h, () => h.post(say(h, LEAD, `reassign 1.8 to ${SAM.email}`)), LEAD))).toContain(
      'The plan has no action',
    );
    // A confirmation card forged with South's org id and action.
    const forged = answerCard(
      await h.post(
        press(h, LEAD, VERBS.confirmReassign, {
          orgId: 'R1H',
          requestId: 'forged-reassign-1',
          to: { email: SAM.email },
          actions: [{ id: south.id, expectedVersion: south.version }],
        }),
      ),
    );
    expect(text(forged)).toContain('You are not in South Trust (R1H)');
    expect(text(forged)).toContain('Nothing was saved or changed');
    const after = await h.actionOf(h.south, '1.8');
    expect(after.owner?.email).toBe(BEN.email);
    expect(after.version).toBe(south.version);
    expect(h.stores.snapshot('R1H')).toEqual(southBefore);

    // Her own organisation's action: the confirmation card is North's.
    const own = await lastCardAfter(h, () => h.post(say(h, LEAD, `reassign 1.1 to ${SAM.email}`)), LEAD);
    expect(text(own)).toContain('North Trust (RXX)');
    expect(executeData(own).every((d) => d.orgId === 'RXX')).toBe(true);
  });

  it('asks a lead of two organisations which one, and acts in the one named', async () => {
    const asked = text(await lastCardAfter(h, () => h.post(say(h, SOL, `reassign 1.1 to ${SAM.email}`)), SOL));
    expect(asked).toContain('Which organisation?');
    expect(asked).toContain('in R1H');
    const south = await lastCardAfter(h, () => h.post(say(h, SOL, `reassign 1.1 to ${SAM.email} in R1H`)), SOL);
    expect(text(south)).toContain('SOUTH staff network charter');
    expect(text(south)).not.toContain('NORTH');
    expect(executeData(south).every((d) => d.orgId === 'R1H')).toBe(true);
  });

  it('shows "my actions" per organisation the person is in, and only theirs', async () => {
    await h.post(say(h, SAM, 'my actions'));
    const sam = h.connector.sentActivities(chatOf(SAM));
    const samText = text(sam);
    expect(samText).toContain('North Trust (RXX)');
    expect(samText).toContain('South Trust (R1H)');
    const cards = h.connector.sentCards(chatOf(SAM));
    expect(cards.map((c) => executeData(c)[0]?.orgId)).toEqual(['RXX', 'R1H']);
    expect(text(cards[0])).toContain('NORTH reverse mentoring');
    expect(text(cards[1])).toContain('SOUTH exit interview analysis');

    await h.post(say(h, ASHA, 'my actions'));
    const asha = text(h.connector.sentActivities(chatOf(ASHA)));
    expect(asha).toContain('NORTH audit of shortlisting panels');
    expect(asha).not.toContain('SOUTH');
    expect(asha).not.toContain('South Trust');
    expect(
      h.connector
        .sentCards(chatOf(ASHA))
        .flatMap(executeData)
        .every((d) => d.orgId === 'RXX'),
    ).toBe(true);

    await h.post(say(h, OLLIE, 'my actions'));
    const ollie = text(h.connector.sentActivities(chatOf(OLLIE)));
    expect(ollie).toContain('You are not in any organisation');
    expect(ollie).not.toMatch(/NORTH|SOUTH/);
  });

  it('greets someone in two organisations with each one’s actions, and keeps their chat only where they belong', async () => {
    await h.post({ ...say(h, SAM, ''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:wres-bot' }] });
    const greeting = text(h.connector.sentActivities(chatOf(SAM)));
    expect(greeting).toContain('North Trust (RXX)');
    expect(greeting).toContain('South Trust (R1H)');
    expect(await h.north.store.getConversation(SAM.aadObjectId)).not.toBeNull();
    expect(await h.south.store.getConversation(SAM.aadObjectId)).not.toBeNull();

    // Asha is only North's: nothing of South's changes (SQLite keeps one chat per person for the file, outside any organisation).
    const southBefore = h.stores.snapshot('R1H');
    await h.post({ ...say(h, ASHA, ''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:wres-bot' }] });
    expect(await h.north.store.getConversation(ASHA.aadObjectId)).not.toBeNull();
    expect(h.stores.snapshot('R1H')).toEqual(southBefore);
    expect(text(h.connector.sentActivities(chatOf(ASHA)))).not.toMatch(/SOUTH|South Trust/);
  });

  it('sends each lead their own organisation’s digest, naming it; a lead of two gets two', async () => {
    await h.reachable(h.north, [LEAD, SOL]);
    await h.reachable(h.south, [SOL]);
    const report = await runDigestCycle({ organisations: h.bot.cycleOrganisations(), clock: h.clock, logger: h.logger });
    expect(report.sent.map((s) => `${s.organisation} → ${s.who}`).sort()).toEqual([
      'North Trust (RXX) → Lena Hart',
      'North Trust (RXX) → Sol Amari',
      'South Trust (R1H) → Sol Amari',
    ]);
    const lena = h.connector.sentActivities(`a:chat-${LEAD.aadObjectId}`);
    expect(lena).toHaveLength(1);
    expect(text(lena)).toContain('North Trust (RXX)');
    expect(text(lena)).toContain('NORTH overdue disciplinary review');
    expect(text(lena)).not.toMatch(/SOUTH|South Trust/);
    const sol = h.connector.sentActivities(`a:chat-${SOL.aadObjectId}`).map(text);
    expect(sol).toHaveLength(2);
    const southDigest = sol.find((s) => s.includes('South Trust (R1H)'))!;
    expect(southDigest).toContain('SOUTH overdue board development');
    expect(southDigest).not.toMatch(/NORTH|North Trust/);
  });
});

/** Runs `act` and returns the last card sent into `user`'s chat. */
async function lastCardAfter(h: OrgHarness, act: () => Promise<unknown>, user: typeof LEAD): Promise<unknown> {
  await act();
  return h.connector.sentCards(chatOf(user)).at(-1);
}
