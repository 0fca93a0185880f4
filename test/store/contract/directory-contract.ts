import { describe, expect, it } from 'vitest';
import { IMPORTED_AT, makeConversation, makeImportedPlan, makeMetric, makeRecordUpdate } from '../fixtures.js';
import { actionByRef, useStore, type MakeStore } from './harness.js';

const MEGAN = makeConversation({
  aadObjectId: '22222222-2222-4222-8222-222222222222',
  email: 'megan.bowen@example.nhs.uk',
  displayName: 'Megan Bowen',
  reference: {
    conversation: { id: 'a:2megan' },
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
  },
});

/** Conversation references, indicator metrics and health. */
export function describeDirectoryContract(makeStore: MakeStore): void {
  describe('conversations', () => {
    const store = useStore(makeStore);

    it('saves a conversation reference and reads it back', async () => {
      const asha = makeConversation();
      await store().saveConversation(asha);
      expect(await store().getConversation(asha.aadObjectId)).toEqual(asha);
      expect(await store().getConversation('33333333-3333-4333-8333-333333333333')).toBeNull();
    });

    it('replaces a saved reference when the user installs the app again', async () => {
      await store().saveConversation(makeConversation());
      const reinstalled = makeConversation({
        reference: { conversation: { id: 'a:new' } },
        updatedAt: '2026-02-01T12:00:00Z',
      });
      await store().saveConversation(reinstalled);
      expect(await store().listConversations()).toEqual([reinstalled]);
    });

    it('lists every saved conversation', async () => {
      await store().saveConversation(makeConversation());
      await store().saveConversation(MEGAN);
      const all = (await store().listConversations()).sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
      expect(all).toEqual([makeConversation(), MEGAN]);
    });

    it('marks a user unreachable and reachable again', async () => {
      await store().saveConversation(makeConversation());
      await store().saveConversation(MEGAN);
      const id = makeConversation().aadObjectId;

      await store().setUnreachable(id, 'ConversationBlockedByUser');
      expect(await store().getConversation(id)).toMatchObject({
        unreachableReason: 'ConversationBlockedByUser',
      });
      expect((await store().getConversation(MEGAN.aadObjectId))?.unreachableReason).toBeUndefined();

      await store().setUnreachable(id, null);
      expect((await store().getConversation(id))?.unreachableReason).toBeUndefined();
    });

    it('makes a user reachable again when a fresh reference is saved', async () => {
      await store().saveConversation(makeConversation());
      await store().setUnreachable(makeConversation().aadObjectId, 'BotNotInConversationRoster');
      await store().saveConversation(makeConversation({ updatedAt: '2026-02-01T12:00:00Z' }));
      expect((await store().getConversation(makeConversation().aadObjectId))?.unreachableReason).toBeUndefined();
    });
  });

  describe('indicator metrics', () => {
    const store = useStore(makeStore);

    it('saves figures and replaces them by year and measure', async () => {
      const shortlisted = makeMetric();
      const appointed = makeMetric({ measure: 'appointed.bme', value: 14 });
      const nextYear = makeMetric({ year: '2020/21', value: 131 });
      await store().saveMetrics([shortlisted, appointed, nextYear]);

      const corrected = makeMetric({
        value: 124,
        source: 'tab',
        updatedAt: '2026-02-01T12:00:00Z',
      });
      const unknown = makeMetric({ measure: 'appointed.white', value: null });
      await store().saveMetrics([corrected, unknown]);

      const key = (m: { year: string; measure: string }) => `${m.year} ${m.measure}`;
      const all = (await store().listMetrics()).sort((a, b) => key(a).localeCompare(key(b)));
      expect(all).toEqual([appointed, unknown, corrected, nextYear]);
    });
  });

  describe('health', () => {
    const store = useStore(makeStore);

    it('reports its kind and counts actions and progress updates', async () => {
      expect(await store().health()).toMatchObject({
        kind: store().kind,
        actions: 0,
        updates: 0,
      });
      await store().importActions(makeImportedPlan(3), IMPORTED_AT);
      const action = await actionByRef(store(), '1.2');
      await store().recordUpdate(makeRecordUpdate(action));

      const health = await store().health();
      expect(health).toMatchObject({
        kind: store().kind,
        actions: 3,
        updates: 4,
      });
      expect(health.pendingWrites).toBeGreaterThanOrEqual(0);
      expect(store().kind).toBeTruthy();
    });
  });
}
