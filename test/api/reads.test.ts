import { describe, expect, it } from 'vitest';
import type {
  ActionDetailResponse,
  ChangesResponse,
  MyActionsResponse,
  PlanResponse,
  SubmitUpdateRequest,
  SummaryResponse,
} from '../../bot/src/api/contract.js';
import { decodePlanList } from '../../tab/src/api/plan-list.js';
import type { Action } from '../../bot/src/domain/model.js';
import { ASHA, BEN, BOARD, LEAD, actionId, personClaims, useEntraApi } from './harness.js';

const ctx = useEntraApi({ perTest: true });

async function get<T>(path: string, who: typeof ASHA): Promise<T> {
  const res = await ctx.api.call(path, { token: await ctx.issuer.token(personClaims(who)) });
  expect(res.status, `${path} → ${res.status}`).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as T;
}

async function update(ref: string, who: typeof ASHA, change: Partial<SubmitUpdateRequest>): Promise<void> {
  const id = await actionId(ctx.api.store, ref);
  const version = (await ctx.api.store.getAction(id))!.version;
  const body: SubmitUpdateRequest = {
    requestId: `reads-${ref}-${version}-${who.displayName}`,
    expectedVersion: version,
    text: 'Progress made.',
    rag: 'Green',
    ...change,
  };
  const res = await ctx.api.call(`/api/actions/${id}/updates`, { method: 'POST', token: await ctx.issuer.token(personClaims(who)), body });
  expect(res.status).toBe(201);
}

/** Counts straight from the store, independent of the API's summary code. */
function countsFrom(actions: Action[], today: string) {
  const open = actions.filter((a) => a.status !== 'Complete');
  return {
    total: actions.length,
    complete: actions.length - open.length,
    overdue: open.filter((a) => a.dueDate !== null && a.dueDate < today).length,
    red: actions.filter((a) => a.rag === 'Red').length,
    blue: actions.filter((a) => a.rag === 'Blue').length,
  };
}

describe('GET /api/plan', () => {
  it('lists every action in reference order with due wording, overdue, stale and the latest update', async () => {
    const plan = decodePlanList(await get<PlanResponse>('/api/plan', ASHA));
    expect(plan.today).toBe('2026-03-10');
    const byRef = Object.fromEntries(plan.items.map((a) => [a.ref, a]));
    expect(plan.items.map((a) => a.ref)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(byRef['1.1']).toMatchObject({
      dueLabel: 'in 7 days',
      overdue: false,
      stale: false,
      ownerLabel: 'Asha Patel',
      indicators: [2],
      latest: { text: 'Panel guidance drafted.', authorName: 'Asha Patel', day: '2026-03-01' },
    });
    expect(byRef['1.2']).toMatchObject({ dueLabel: '10 days overdue', overdue: true, stale: true, ownerLabel: 'Ben Okafor', rag: 'Red' });
    expect(byRef['2.1']).toMatchObject({ dueLabel: 'Ongoing', overdue: false, stale: true, ownerLabel: 'Head of Workforce' });
    expect(byRef['2.2']).toMatchObject({ dueLabel: 'Complete', stale: false, theme: 'Board', status: 'Complete', rag: 'Blue' });
  });

  it('leaves out what only the action page needs: measure, owner emails and object ids, history', async () => {
    const text = await (await ctx.api.call('/api/plan', { token: await ctx.issuer.token(personClaims(BOARD)) })).text();
    const stored = await ctx.api.store.listActions();
    for (const a of stored) {
      expect(text).toContain(a.title);
      if (a.measure) expect(text).not.toContain(a.measure);
    }
    expect(text).not.toContain(ASHA.email);
    expect(text).not.toContain(ASHA.aadObjectId);
  });

  it('lets an E&D lead update every action (said on the action page)', async () => {
    for (const a of await ctx.api.store.listActions()) {
      const detail = await get<ActionDetailResponse>(`/api/actions/${a.id}`, LEAD);
      expect(detail.canUpdate).toBe(true);
    }
  });
});

describe('GET /api/summary', () => {
  it('matches the counts in the store, before and after updates', async () => {
    const first = await get<SummaryResponse>('/api/summary', BOARD);
    const expected = countsFrom(await ctx.api.store.listActions(), first.today);
    expect(first).toMatchObject({
      total: expected.total,
      complete: expected.complete,
      overdue: expected.overdue,
      percentComplete: 25,
      stale: 2,
    });
    expect(first.byRag).toEqual({ Red: expected.red, Amber: 1, Green: 1, Blue: expected.blue, None: 0 });
    expect(first.byStatus).toEqual({ NotStarted: 0, InProgress: 2, Ongoing: 1, Complete: 1, CarriedOver: 0 });
    expect(first.perIndicator).toHaveLength(9);
    expect(first.perIndicator[2]).toMatchObject({ indicator: 3, actions: 1, overdue: 1, byRag: { Red: 1 } });

    await update('1.2', BEN, { rag: 'Blue', markComplete: true, text: 'Review finished and reported.' });
    const after = await get<SummaryResponse>('/api/summary', BOARD);
    const now = countsFrom(await ctx.api.store.listActions(), after.today);
    expect(after).toMatchObject({ total: now.total, complete: now.complete, overdue: now.overdue, percentComplete: 50, stale: 1 });
    expect(after.byRag.Blue).toBe(now.blue);
    expect(after.perIndicator[2]).toMatchObject({ actions: 1, overdue: 0, byRag: { Red: 0, Blue: 1 } });
  });
});

describe('GET /api/my-actions', () => {
  it("lists only the caller's actions, open ones first and soonest due first", async () => {
    expect((await get<MyActionsResponse>('/api/my-actions', ASHA)).actions.map((a) => a.ref)).toEqual(['1.1', '2.2']);
    expect((await get<MyActionsResponse>('/api/my-actions', BEN)).actions.map((a) => a.ref)).toEqual(['1.2']);
    expect((await get<MyActionsResponse>('/api/my-actions', BOARD)).actions).toEqual([]);
  });

  it('matches owners by object id first: the same email under another object id is someone else', async () => {
    const token = await ctx.issuer.token({
      oid: '99999999-0000-4000-8000-000000000000',
      name: 'Ben O',
      preferred_username: 'BEN.OKAFOR@example.nhs.uk',
    });
    const owned = await ctx.issuer.token(personClaims(BEN));
    const byOid = (await (await ctx.api.call('/api/my-actions', { token: owned })).json()) as MyActionsResponse;
    const byOtherOid = (await (await ctx.api.call('/api/my-actions', { token })).json()) as MyActionsResponse;
    expect(byOid.actions).toHaveLength(1);
    // Ben's action records his object id, so a different object id is a different person.
    expect(byOtherOid.actions).toHaveLength(0);
  });
});

describe('GET /api/changes', () => {
  it('reports RAG moves, completions, newly overdue actions and updates since the last board', async () => {
    await update('1.2', BEN, { rag: 'Amber', text: 'Two cases reviewed.' });
    await update('1.1', ASHA, { rag: 'Blue', markComplete: true, text: 'All panels audited.' });
    const changes = await get<ChangesResponse>('/api/changes', BOARD);
    expect(changes.since).toBe('2025-12-10');
    expect(changes.ragMoves).toEqual([
      expect.objectContaining({
        action: expect.objectContaining({ ref: '1.2', ownerLabel: 'Ben Okafor' }),
        from: 'Red',
        to: 'Amber',
        by: 'Ben Okafor',
      }),
    ]);
    expect(changes.completions.map((c) => c.action.ref)).toEqual(['1.1']);
    expect(changes.newlyOverdue.map((a) => a.ref)).toEqual(['1.2']);
    expect(changes.updates.map((u) => [u.ref, u.text])).toEqual([
      ['1.1', 'Panel guidance drafted.'],
      ['1.2', 'Two cases reviewed.'],
      ['1.1', 'All panels audited.'],
    ]);
  });

  it('honours ?since and leaves out what happened before it', async () => {
    const changes = await get<ChangesResponse>('/api/changes?since=2026-03-02', BOARD);
    expect(changes.since).toBe('2026-03-02');
    expect(changes.updates).toEqual([]);
    expect(changes.newlyOverdue).toEqual([]);
  });

  it('refuses a since that is not a date or is in the future', async () => {
    const token = await ctx.issuer.token(personClaims(BOARD));
    expect((await ctx.api.call('/api/changes?since=31/12/2025', { token })).status).toBe(400);
    expect((await ctx.api.call('/api/changes?since=2025-02-30', { token })).status).toBe(400);
    expect((await ctx.api.call('/api/changes?since=2026-04-01', { token })).status).toBe(400);
  });
});
