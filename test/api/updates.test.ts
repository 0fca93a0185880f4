import { describe, expect, it } from 'vitest';
import type {
  ActionDetailResponse,
  ApiErrorBody,
  BadUpdateBody,
  ConflictBody,
  SubmitUpdateRequest,
  SubmitUpdateResponse,
} from '../../bot/src/api/contract.js';
import { ASHA, BEN, BOARD, LEAD, actionId, personClaims, useEntraApi } from './harness.js';

const ctx = useEntraApi({ env: { VIEWERS: BOARD.email }, perTest: true });

const tokenFor = (p: typeof ASHA) => ctx.issuer.token(personClaims(p));
let counter = 0;
function body(overrides: Partial<SubmitUpdateRequest> = {}): SubmitUpdateRequest {
  counter += 1;
  return {
    requestId: `tab-test-request-${counter}`,
    expectedVersion: 1,
    text: 'Interview panels for two posts now include a BME member.',
    rag: 'Green',
    ...overrides,
  };
}

async function post(ref: string, who: typeof ASHA, payload: unknown): Promise<Response> {
  return ctx.api.call(`/api/actions/${await actionId(ctx.api.store, ref)}/updates`, {
    method: 'POST',
    token: await tokenFor(who),
    body: payload,
  });
}

async function versionOf(ref: string): Promise<number> {
  return (await ctx.api.store.getAction(await actionId(ctx.api.store, ref)))!.version;
}

describe('POST /api/actions/:id/updates', () => {
  it('records an owner update (201) that then appears on the action page', async () => {
    const id = await actionId(ctx.api.store, '1.1');
    const res = await post('1.1', ASHA, body({ expectedVersion: await versionOf('1.1'), text: '  Two panels audited.  ' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as SubmitUpdateResponse;
    expect(created.outcome).toBe('recorded');
    expect(created.update).toMatchObject({
      text: 'Two panels audited.',
      ragFrom: 'Amber',
      ragTo: 'Green',
      source: 'tab',
      author: { name: 'Asha Patel', aadObjectId: ASHA.aadObjectId },
    });
    expect(created.action).toMatchObject({
      rag: 'Green',
      canUpdate: true,
      latestUpdate: { text: 'Two panels audited.', authorName: 'Asha Patel' },
    });

    const detail = (await (await ctx.api.call(`/api/actions/${id}`, { token: await tokenFor(BOARD) })).json()) as ActionDetailResponse;
    expect(detail.updates.at(-1)).toMatchObject({ id: created.update.id, text: 'Two panels audited.' });
    expect(detail.updates.map((u) => u.submittedAt)).toEqual([...detail.updates.map((u) => u.submittedAt)].sort());
    expect(detail.action.rag).toBe('Green');
    expect(detail.canUpdate).toBe(false);
  });

  it('refuses a viewer (403) and stores nothing', async () => {
    const id = await actionId(ctx.api.store, '1.1');
    const before = await ctx.api.store.listUpdates(id);
    const version = await versionOf('1.1');
    const res = await post('1.1', BOARD, body({ expectedVersion: version }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as ApiErrorBody).error.message).toContain('Asha Patel');
    expect(await ctx.api.store.listUpdates(id)).toEqual(before);
    expect(await versionOf('1.1')).toBe(version);
  });

  it("refuses another owner's update on someone else's action (403)", async () => {
    const res = await post('1.1', BEN, body({ expectedVersion: await versionOf('1.1') }));
    expect(res.status).toBe(403);
  });

  it('lets an E&D lead update any action', async () => {
    const res = await post('1.2', LEAD, body({ expectedVersion: await versionOf('1.2'), rag: 'Amber' }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as SubmitUpdateResponse).update.author.name).toBe('Lena Hart');
  });

  it('stores a retried submission once: the same requestId answers 200 duplicate', async () => {
    const id = await actionId(ctx.api.store, '1.2');
    const payload = body({ expectedVersion: await versionOf('1.2'), rag: 'Amber' });
    const first = await post('1.2', BEN, payload);
    const second = await post('1.2', BEN, payload);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const again = (await second.json()) as SubmitUpdateResponse;
    expect(again.outcome).toBe('duplicate');
    expect(again.update.id).toBe(((await first.json()) as SubmitUpdateResponse).update.id);
    expect((await ctx.api.store.listUpdates(id)).filter((u) => u.requestId === payload.requestId)).toHaveLength(1);
  });

  it('refuses a requestId already used on another action with 409 and a readable message, never "duplicate"', async () => {
    const payload = body({ expectedVersion: await versionOf('1.2'), text: 'Note for 1.2', rag: 'Amber' });
    expect((await post('1.2', LEAD, payload)).status).toBe(201);
    const other = await actionId(ctx.api.store, '2.1');
    const version = await versionOf('2.1');

    const res = await post('2.1', LEAD, { ...payload, expectedVersion: version, text: 'Note for 2.1' });

    expect(res.status).toBe(409);
    const refused = (await res.json()) as ApiErrorBody;
    expect(refused.error).toEqual({ code: 'conflict', message: expect.stringContaining('already used for an update on another action') });
    expect(await ctx.api.store.listUpdates(other)).toEqual([]);
    expect(await versionOf('2.1')).toBe(version);
  });

  it('refuses a requestId sent again with a different note with 409, keeping the first note', async () => {
    const id = await actionId(ctx.api.store, '1.2');
    const payload = body({ expectedVersion: await versionOf('1.2'), text: 'First wording', rag: 'Amber' });
    expect((await post('1.2', BEN, payload)).status).toBe(201);
    const res = await post('1.2', BEN, { ...payload, text: 'Second wording' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiErrorBody).error.message).toContain('different note');
    expect((await ctx.api.store.listUpdates(id)).filter((u) => u.requestId === payload.requestId).map((u) => u.text)).toEqual([
      'First wording',
    ]);
  });

  it('stores a note without control characters: line breaks kept as line feeds, NUL and the like removed', async () => {
    const res = await post(
      '1.1',
      ASHA,
      body({ expectedVersion: await versionOf('1.1'), text: 'Panels\u0000 held\r\nnext:\u000bboard\u0085done\u001b.' }),
    );
    expect(res.status).toBe(201);
    expect(((await res.json()) as SubmitUpdateResponse).update.text).toBe('Panels held\nnext:\nboard\ndone.');
  });

  it('answers 400 for a note that is nothing but control characters', async () => {
    const res = await post('1.1', ASHA, body({ expectedVersion: await versionOf('1.1'), text: '\u0000\u0007 \u001b' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as BadUpdateBody).error.details.text).toMatch(/write what has happened/);
  });

  it('refuses a stale version with 409 and the current action, storing nothing', async () => {
    const stale = await versionOf('1.2');
    expect((await post('1.2', LEAD, body({ expectedVersion: stale, text: 'Lead checked in.', rag: 'Amber' }))).status).toBe(201);
    const count = (await ctx.api.store.listUpdates(await actionId(ctx.api.store, '1.2'))).length;
    const res = await post('1.2', BEN, body({ expectedVersion: stale, text: 'My late note.' }));
    expect(res.status).toBe(409);
    const conflict = (await res.json()) as ConflictBody;
    expect(conflict.error.code).toBe('conflict');
    expect(conflict.error.message).toContain('Lena Hart');
    expect(conflict.action).toMatchObject({ version: stale + 1, rag: 'Amber', latestUpdate: { text: 'Lead checked in.' } });
    expect((await ctx.api.store.listUpdates(await actionId(ctx.api.store, '1.2'))).length).toBe(count);
  });

  it('answers 400 with field errors for an empty note and a missing RAG', async () => {
    const res = await post('1.1', ASHA, { requestId: 'tab-empty-note-1', expectedVersion: 1, text: '   ' });
    expect(res.status).toBe(400);
    const bad = (await res.json()) as BadUpdateBody;
    expect(bad.error.code).toBe('bad_input');
    expect(bad.error.details.text).toMatch(/write what has happened/);
    expect(bad.error.details.rag).toMatch(/RAG/);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const id = await actionId(ctx.api.store, '1.1');
    const res = await fetch(`${ctx.api.baseUrl}/api/actions/${id}/updates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(ASHA)}`, 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(res.status).toBe(400);
  });

  it('cannot be redirected to another action through the body', async () => {
    const other = await actionId(ctx.api.store, '1.2');
    const res = await post('1.1', ASHA, { ...body({ expectedVersion: await versionOf('1.1') }), actionId: other });
    expect(res.status).toBe(201);
    expect(((await res.json()) as SubmitUpdateResponse).update.actionId).toBe(await actionId(ctx.api.store, '1.1'));
    expect(await ctx.api.store.listUpdates(other)).toHaveLength(0);
  });

  it('answers 404 for an action that is not in the plan', async () => {
    const res = await ctx.api.call('/api/actions/no-such-action/updates', { method: 'POST', token: await tokenFor(LEAD), body: body() });
    expect(res.status).toBe(404);
    expect((await ctx.api.call('/api/actions/no-such-action', { token: await tokenFor(LEAD) })).status).toBe(404);
  });

  it('completes an action when the owner marks it complete', async () => {
    const res = await post('1.1', ASHA, body({ expectedVersion: await versionOf('1.1'), rag: 'Green', markComplete: true }));
    expect(((await res.json()) as SubmitUpdateResponse).action).toMatchObject({
      status: 'Complete',
      rag: 'Blue',
      dueLabel: 'Complete',
      overdue: false,
    });
  });
});
