/**
 * Identity by Entra object id on the tab API (SQLite store): an email claim
 * alone never makes a caller the owner of an action, or an E&D lead, when
 * the stored person has an object id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../bot/src/api/contract.js';
import { makeImportedAction } from '../store/fixtures.js';
import { ASHA, LEAD, NOW, actionId, entraEnv, personClaims, startApi, startIssuer, type TestApi, type TestIssuer } from './harness.js';

/** Someone else's account that claims Asha's (or the lead's) email, as a mis-set or guest account could. */
const IMPOSTOR_OID = '66666666-6666-4666-8666-666666666666';
const UNLINKED = { displayName: 'Una Linked', email: 'una.linked@example.nhs.uk' };

let issuer: TestIssuer;
let api: TestApi;
beforeAll(async () => {
  issuer = await startIssuer();
  api = await startApi(entraEnv(issuer), {
    now: NOW,
    plan: [
      makeImportedAction({ ref: '1.1', owner: ASHA, dueDate: '2026-03-17' }),
      makeImportedAction({ ref: '1.2', owner: UNLINKED, dueDate: '2026-03-20' }),
      // The lead owns an action too, so the service knows which account is behind LEAD's email.
      makeImportedAction({ ref: '1.3', owner: LEAD, dueDate: '2026-03-24' }),
    ],
  });
});
afterAll(async () => {
  await api?.close();
  await issuer?.close();
});

const me = async (claims: Record<string, unknown>) =>
  (await (await api.call('/api/me', { token: await issuer.token(claims) })).json()) as MeResponse;

async function submit(ref: string, claims: Record<string, unknown>): Promise<number> {
  const id = await actionId(api.store, ref);
  const version = (await api.store.getAction(id))!.version;
  const res = await api.call(`/api/actions/${id}/updates`, {
    method: 'POST',
    token: await issuer.token(claims),
    body: { requestId: `identity-${ref}-${Math.random()}`, expectedVersion: version, text: 'Progress.', rag: 'Green' },
  });
  return res.status;
}

describe('owners are matched on the object id', () => {
  it('does not make an account with the owner’s email but another object id the owner', async () => {
    const impostor = personClaims(ASHA, { oid: IMPOSTOR_OID });
    expect(await me(impostor)).toMatchObject({ role: 'viewer', ownsActions: 0 });
    expect(await submit('1.1', impostor)).toBe(403);
  });

  it('recognises the owner by object id whatever email the token carries', async () => {
    const renamed = personClaims(ASHA, { preferred_username: 'asha.p@new-domain.nhs.uk' });
    expect(await me(renamed)).toMatchObject({ role: 'owner', ownsActions: 1 });
    expect(await submit('1.1', renamed)).toBe(201);
  });

  it('matches an owner not yet linked to an account by email', async () => {
    const una = { oid: '77777777-7777-4777-8777-777777777777', name: UNLINKED.displayName, preferred_username: UNLINKED.email };
    expect(await me(una)).toMatchObject({ role: 'owner', ownsActions: 1 });
  });
});

describe('E&D leads are matched on the object id once it is known', () => {
  it('makes the lead’s own account a lead', async () => {
    expect(await me(personClaims(LEAD))).toMatchObject({ role: 'lead', isLead: true });
  });

  it('does not make another account with the lead’s email a lead', async () => {
    const impostor = personClaims(LEAD, { oid: IMPOSTOR_OID });
    expect(await me(impostor)).toMatchObject({ isLead: false });
    expect(await submit('1.2', impostor)).toBe(403);
  });

  it('keeps an ED_LEADS email with no known account matching by email (not yet linked)', async () => {
    const other = await startApi(entraEnv(issuer, { ED_LEADS: 'new.lead@example.nhs.uk' }));
    try {
      const claims = { oid: IMPOSTOR_OID, name: 'New Lead', preferred_username: 'new.lead@example.nhs.uk' };
      const res = await other.call('/api/me', { token: await issuer.token(claims) });
      expect(((await res.json()) as MeResponse).isLead).toBe(true);
    } finally {
      await other.close();
    }
  });
});
