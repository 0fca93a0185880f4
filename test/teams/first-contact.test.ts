/**
 * Identity by object id in the bot (SQLite store): when an owner known only
 * by email first talks to the bot, their actions are linked to their Entra
 * account, and from then on another account claiming the same email is not
 * their owner.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { makeImportedAction } from '../store/fixtures.js';
import {
  ASHA,
  BEN,
  NOW,
  TENANT,
  cardAction,
  membersAdded,
  message,
  startBotHarness,
  type BotHarness,
  type TestUser,
} from './bot-harness.js';

/** Another Teams account that Teams once reported with Asha's email (a mis-set or guest account). */
const IMPOSTOR: TestUser = {
  ...ASHA,
  displayName: 'Not Asha',
  aadObjectId: '99999999-0000-4000-8000-000000000001',
  teamsId: '29:impostor',
};

let h: BotHarness;
beforeEach(async () => {
  h = await startBotHarness({
    plan: [
      // Imported from a spreadsheet: the owner is an email, not yet an account.
      makeImportedAction({ ref: '3.1', owner: { displayName: 'Asha Patel', email: ASHA.email }, dueDate: '2026-03-20' }),
      makeImportedAction({ ref: '3.2', owner: { displayName: 'Ben Okafor', email: BEN.email.toUpperCase() }, dueDate: '2026-03-21' }),
    ],
  });
  await h.store.saveConversation({
    aadObjectId: IMPOSTOR.aadObjectId,
    displayName: IMPOSTOR.displayName,
    email: ASHA.email,
    tenantId: TENANT,
    reference: {},
    updatedAt: NOW,
  });
});
afterEach(async () => h.close());

const ownerOf = async (ref: string) => (await h.store.listActions()).find((a) => a.ref === ref)!.owner;

async function submitAs(user: TestUser, ref: string): Promise<string> {
  const action = (await h.store.listActions()).find((a) => a.ref === ref)!;
  const data = {
    actionId: action.id,
    expectedVersion: action.version,
    requestId: `first-contact-${user.teamsId}`,
    text: 'Done some.',
    rag: 'Green',
  };
  const res = await h.post(cardAction(h, user, VERBS.sendUpdate, data));
  expect(res.status).toBe(200);
  return JSON.stringify(res.body);
}

describe('first contact with the bot', () => {
  it("links the owner's actions to the account Teams reports for their email, leaving others alone", async () => {
    expect((await h.post(membersAdded(h, ASHA))).status).toBe(200);
    expect(await ownerOf('3.1')).toEqual({ displayName: 'Asha Patel', email: ASHA.email, aadObjectId: ASHA.aadObjectId });
    expect((await ownerOf('3.2'))?.aadObjectId).toBeUndefined();
  });

  it('matches the email in any case, and on a first chat message as well as an install', async () => {
    expect((await h.post(message(h, BEN, 'help'))).status).toBe(200);
    expect((await ownerOf('3.2'))?.aadObjectId).toBe(BEN.aadObjectId);
  });

  it('then refuses another account that claims the owner’s email, and stores nothing', async () => {
    await h.post(membersAdded(h, ASHA));
    const answer = await submitAs(IMPOSTOR, '3.1');
    expect(answer).not.toContain('Update recorded');
    const action = (await h.store.listActions()).find((a) => a.ref === '3.1')!;
    expect(await h.store.listUpdates(action.id)).toHaveLength(0);
    expect(await submitAs(ASHA, '3.1')).toContain('Update recorded');
  });
});
