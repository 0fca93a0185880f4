import { afterEach, describe, expect, it } from 'vitest';
import { allTexts, checkCard, findAll } from './cards/card-check.js';
import { ASHA, LEAD, conversationOf, installationAdd, membersAdded, startBotHarness, type BotHarness } from './bot-harness.js';

let h: BotHarness;
afterEach(async () => h?.close());

describe('installing the app', () => {
  it('stores how to reach the user, with the email Teams knows, and clears an unreachable mark', async () => {
    h = await startBotHarness();
    await h.store.saveConversation({
      aadObjectId: ASHA.aadObjectId,
      displayName: ASHA.displayName,
      reference: {},
      updatedAt: '2026-01-01T00:00:00Z',
      unreachableReason: '403 ConversationBlockedByUser',
    });
    await h.store.setUnreachable(ASHA.aadObjectId, '403 ConversationBlockedByUser');

    const res = await h.post(membersAdded(h, ASHA));

    expect(res.status).toBe(200);
    const ref = await h.store.getConversation(ASHA.aadObjectId);
    expect(ref).toMatchObject({ aadObjectId: ASHA.aadObjectId, email: ASHA.email, displayName: 'Asha Patel', tenantId: 'tenant-1' });
    expect(ref?.unreachableReason).toBeUndefined();
    expect(ref?.reference).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: conversationOf(ASHA) },
      user: { id: ASHA.teamsId },
    });
  });

  it('greets the owner with their open actions, soonest due first, each ready for an update', async () => {
    h = await startBotHarness();
    await h.post(membersAdded(h, ASHA));

    const activities = h.connector.sentActivities(conversationOf(ASHA));
    expect(String(activities[0]?.text)).toMatch(/^Hello Asha — I am the WRES action tracker/);
    const cards = h.connector.sentCards(conversationOf(ASHA));
    const headlines = cards.map((c) => allTexts(c).find((t) => t.startsWith('WRES action')));
    expect(headlines).toEqual(['WRES action 1.1 · due in 7 days (Tue 17 Mar)', 'WRES action 1.3 · due in 21 days (Tue 31 Mar)']);
    for (const card of cards) {
      expect(findAll(card, 'Action.Execute').map((a) => a.title)).toContain('Send update');
      expect(checkCard(card).warnings).toEqual([]);
    }
    expect(cards.some((c) => allTexts(c).some((t) => t.startsWith('WRES action plan — week of')))).toBe(false);
  });

  it('also shows an E&D lead this week’s digest', async () => {
    h = await startBotHarness();
    await h.post(membersAdded(h, LEAD));

    const texts = h.connector.sentActivities(conversationOf(LEAD)).map((a) => String(a.text ?? ''));
    expect(texts).toContain(
      'You have no open actions in the WRES action plan. As an E&D lead you can type "overdue" or "digest" to see the whole plan.',
    );
    const digest = h.connector.sentCards(conversationOf(LEAD)).find((c) => allTexts(c).includes('WRES action plan — week of 9 Mar'));
    expect(digest).toBeDefined();
    expect(allTexts(digest)).toContain('1 overdue · 0 due this week · 2 with no recent update · 4 actions in all');
    expect(allTexts(digest).some((t) => t.startsWith('Ben Okafor (not reachable in Teams) — **1.2**'))).toBe(true);
  });

  it('stores the reference without greeting twice for the installationUpdate Teams sends alongside', async () => {
    h = await startBotHarness();
    const res = await h.post(installationAdd(h, ASHA));
    expect(res.status).toBe(200);
    expect(await h.store.getConversation(ASHA.aadObjectId)).not.toBeNull();
    expect(h.connector.sentActivities()).toEqual([]);
  });

  it('still works when Teams cannot give the member profile: no email, greeting by name', async () => {
    h = await startBotHarness({ unknownToTeams: [ASHA] });
    await h.post(membersAdded(h, ASHA));
    const ref = await h.store.getConversation(ASHA.aadObjectId);
    expect(ref).not.toBeNull();
    expect(ref?.email).toBeUndefined();
    expect(h.connector.sentCards(conversationOf(ASHA))).toHaveLength(2);
    expect(h.logger.lines.some((l) => l.level === 'warn' && l.message.includes('member profile'))).toBe(true);
  });
});
