/**
 * The outbox port's contract (bot/src/store/outbox/update-outbox.ts), run
 * against both adapters: the SQLite file and the Azure Storage queue (on
 * Azurite). Each "second handle" is what another instance, or this one
 * after a restart, sees.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../bot/src/logger.js';
import { QueueOutbox } from '../../bot/src/store/outbox/queue-outbox.js';
import { SqliteOutbox } from '../../bot/src/store/outbox/sqlite-outbox.js';
import type { UpdateOutbox } from '../../bot/src/store/outbox/update-outbox.js';
import { azuriteQueues, uniqueName } from '../azure/azurite.js';
import type { Action } from '../../bot/src/domain/model.js';
import { makeNewAction, makeRecordUpdate } from './fixtures.js';

const NOW = new Date('2026-03-18T09:00:00Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Opens handles on one outbox; each call is another instance's view of the same outbox. */
type Factory = () => () => Promise<UpdateOutbox>;

const sqlite: Factory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wres-outbox-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return async () => {
    const o = new SqliteOutbox(join(dir, 'outbox.db'));
    cleanups.push(() => o.close());
    return o;
  };
};

const queue: Factory = () => {
  const name = uniqueName('outbox');
  const queues = azuriteQueues();
  cleanups.push(async () => {
    await queues.getQueueClient(name).deleteIfExists();
    await queues.getQueueClient(`${name}-poison`).deleteIfExists();
  });
  return async () => {
    const o = await QueueOutbox.open(queues.getQueueClient(name), queues.getQueueClient(`${name}-poison`), memoryLogger());
    cleanups.push(() => o.close());
    return o;
  };
};

const action = (id: string, version: number): Action => ({
  ...makeNewAction(),
  id,
  version,
  latestUpdate: null,
  updatedAt: '2026-03-01T09:00:00Z',
});
const A = action('action-a', 3);
const B = action('action-b', 1);

describe.each([
  ['SQLite file', sqlite],
  ['Azure Storage queue (Azurite)', queue],
])('the outbox on %s', (_, factory) => {
  it('keeps an entry durably with its attempts, last error and acknowledgement, for another handle to see', async () => {
    const open = factory();
    const first = await open();
    const entry = await first.add(makeRecordUpdate(A, { requestId: 'req-0001', text: 'Saved while down' }), NOW);
    expect(await first.depth()).toEqual({ pending: 1, failed: 0 });
    await first.attempted(entry, 'SharePoint stayed busy (503)');
    await first.acknowledge(entry);

    const second = await open();
    expect(await second.pending()).toEqual([
      {
        ...entry,
        acknowledged: true,
        attempts: 1,
        lastError: 'SharePoint stayed busy (503)',
        command: makeRecordUpdate(A, { requestId: 'req-0001', text: 'Saved while down' }),
      },
    ]);
    expect(await second.get('req-0001')).toMatchObject({ requestId: 'req-0001', acknowledged: true });
    expect(await second.depth()).toEqual({ pending: 1, failed: 0 });
  });

  it('is keyed by request id: the same submission added twice waits once', async () => {
    const outbox = await factory()();
    const cmd = makeRecordUpdate(A, { requestId: 'req-0002' });
    const first = await outbox.add(cmd, NOW);
    const again = await outbox.add(cmd, NOW);
    expect(again.seq).toBe(first.seq);
    expect((await outbox.pending()).map((e) => e.requestId)).toEqual(['req-0002']);
    expect((await outbox.depth()).pending).toBe(1);
  });

  it("takes one action's entries oldest first; a removed one is gone for every handle, a released one waits for the next take", async () => {
    const open = factory();
    const first = await open();
    const queued = [
      await first.add(makeRecordUpdate(A, { requestId: 'a-1' }), NOW),
      await first.add(makeRecordUpdate(B, { requestId: 'b-1' }), new Date(NOW.getTime() + 1)),
      await first.add(makeRecordUpdate(A, { requestId: 'a-2' }), new Date(NOW.getTime() + 2)),
    ];
    // Parked as after a failed attempt: visible to every instance.
    for (const e of queued) await first.attempted(e, 'offline');

    const second = await open();
    const taken = await second.take(A.id);
    expect(taken.map((e) => e.requestId)).toEqual(['a-1', 'a-2']);
    await second.remove(taken[0]!);
    await second.release([taken[1]!]);
    expect((await first.pending()).map((e) => e.requestId)).toEqual(['b-1', 'a-2']);
    expect((await second.take(A.id)).map((e) => e.requestId)).toEqual(['a-2']);
    expect((await first.depth()).pending).toBe(2);
  });

  it('sets aside an entry that can never be delivered: no longer waiting, kept and counted as failed', async () => {
    const open = factory();
    const first = await open();
    const entry = await first.add(makeRecordUpdate(A, { requestId: 'req-0003' }), NOW);
    await first.fail(entry, 'That action is no longer in the plan.');
    const second = await open();
    expect(await second.pending()).toEqual([]);
    expect(await second.depth()).toEqual({ pending: 0, failed: 1 });
  });
});
