/**
 * The SharePoint store with its outbox in an Azure Storage queue (Azurite),
 * as several instances run it: at-least-once delivery is delivered once,
 * and what can never be delivered is kept in the poison queue and reported
 * (store health, `wres status`, the lead's digest).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../bot/src/cli/main.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { buildDigest } from '../../bot/src/reminders/digest-builder.js';
import { QueueOutbox, type QueueOutboxOptions } from '../../bot/src/store/outbox/queue-outbox.js';
import { digestCard } from '../../bot/src/teams/cards/digest-card.js';
import { azuriteConnectionString, azuriteQueues, uniqueName } from '../azure/azurite.js';
import { IMPORTED_AT, makeImportedAction, makeNewAction, makeRecordUpdate } from '../store/fixtures.js';
import { sharepointEnv, startRig, type StoreRig } from './harness.js';

const OFFLINE = { rate: 1, kinds: ['503' as const], where: ['request' as const], retryAfterSeconds: 1, holdMs: 0, seed: 5 };

let rig: StoreRig | undefined;
const queues: string[] = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const name of queues.splice(0)) await azuriteQueues().getQueueClient(name).deleteIfExists();
});

/** A fresh queue (and its poison queue) and a way for each "instance" to open it. */
function sharedQueue(options: QueueOutboxOptions = {}): { name: string; open: () => Promise<QueueOutbox> } {
  const name = uniqueName('outbox');
  queues.push(name, `${name}-poison`);
  const q = azuriteQueues();
  return { name, open: () => QueueOutbox.open(q.getQueueClient(name), q.getQueueClient(`${name}-poison`), memoryLogger(), options) };
}

const texts = (r: StoreRig) => [...r.server.list('WRES Progress Updates')!.items.values()].map((i) => i.fields.UpdateText);

describe('the SharePoint store on an Azure Storage queue outbox', () => {
  it('stores once a submission two instances both queued while SharePoint was down, and leaves nothing behind', async () => {
    rig = await startRig({ maxRetries: 1 });
    const queue = sharedQueue();
    const one = await rig.open({ openOutbox: queue.open });
    const two = await rig.open({ openOutbox: queue.open });
    await one.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await one.listActions())[0]!;
    await two.listActions();
    rig.server.faults = OFFLINE;
    // Teams retried the card submission, and the retry reached the other instance.
    const cmd = makeRecordUpdate(action, { requestId: 'retried-0001', text: 'Sent twice by Teams' });
    const answers = await Promise.all([one.recordUpdate(cmd), two.recordUpdate(cmd)]);
    expect(answers).toMatchObject([
      { kind: 'recorded', pending: true },
      { kind: 'recorded', pending: true },
    ]);
    // Both instances queued it: the queue holds two copies of one submission.
    expect((await azuriteQueues().getQueueClient(queue.name).getProperties()).approximateMessagesCount).toBe(2);

    rig.server.faults = null;
    await one.flushOutbox();
    await two.flushOutbox();
    expect(texts(rig)).toEqual(['Sent twice by Teams']);
    expect(await one.health()).toMatchObject({ pendingWrites: 0, failedWrites: 0 });
    expect((await two.listUpdates(action.id)).map((u) => u.text)).toEqual(['Sent twice by Teams']);
  });

  it('counts a redelivered message as delivered: SharePoint already has it (its deliverer died before deleting it)', async () => {
    rig = await startRig({ maxRetries: 1 });
    const queue = sharedQueue();
    const survivor = await rig.open({ openOutbox: queue.open });
    await survivor.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await survivor.listActions())[0]!;
    const cmd = makeRecordUpdate(action, { requestId: 'redelivered-0001', text: 'Delivered once' });
    rig.server.faults = OFFLINE;
    expect(await survivor.recordUpdate(cmd)).toMatchObject({ pending: true });
    rig.server.faults = null;
    // The instance that delivered it stored it in SharePoint, then died before deleting the message.
    const dead = await rig.open();
    expect(await dead.recordUpdate(cmd)).toMatchObject({ kind: 'recorded' });

    expect(await survivor.flushOutbox()).toBe(0);
    expect(texts(rig)).toEqual(['Delivered once']);
    expect(await survivor.health()).toMatchObject({ pendingWrites: 0, failedWrites: 0 });
  });

  it('keeps an update that can never be delivered in the poison queue and reports it in health, wres status and the digest', async () => {
    rig = await startRig({ maxRetries: 1 });
    const queue = sharedQueue();
    const store = await rig.open({ openOutbox: queue.open });
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    rig.server.faults = OFFLINE;
    expect(await store.recordUpdate(makeRecordUpdate(action, { text: 'Written offline' }))).toMatchObject({ pending: true });
    rig.server.faults = null;
    // Meanwhile someone removed the action from the plan in SharePoint.
    rig.server.list('WRES Actions')!.items.delete(action.id);

    expect(await store.flushOutbox()).toBe(0);
    expect(await store.health()).toMatchObject({ pendingWrites: 0, failedWrites: 1 });
    const poison = await azuriteQueues().getQueueClient(`${queue.name}-poison`).peekMessages();
    expect(JSON.parse(poison.peekedMessageItems[0]!.messageText)).toMatchObject({ reason: 'That action is no longer in the plan.' });

    const digest = await buildDigest({
      store,
      clock: fixedClock('2026-03-18T09:00:00Z'),
      config: { TIMEZONE: 'Europe/London', STALE_AFTER_DAYS: 30, PUBLIC_URL: 'https://wres.example.nhs.uk' },
    });
    expect(JSON.stringify(digestCard(digest))).toContain('1 progress update could not be written to SharePoint and was set aside');

    let out = '';
    const env = {
      ...sharepointEnv(rig.server, rig.outboxPath),
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(),
      OUTBOX_QUEUE: queue.name,
      LOAD_SAMPLE_PLAN: 'false',
    };
    const code = await main(['status'], env, { io: { stdout: (c) => void (out += String(c)), stderr: () => undefined } });
    expect(code).toBe(0);
    expect(out).toContain('Changes that can never be written to SharePoint and were set aside: 1');
  });

  it('moves an unreadable message, and one taken again and again without an outcome, to the poison queue with the reason', async () => {
    const queue = sharedQueue({ holdSeconds: 1, maxUnsettledReceives: 0 });
    const outbox = await queue.open();
    await azuriteQueues().getQueueClient(queue.name).sendMessage('not an update');
    const action = { ...makeNewAction(), id: 'a-1', version: 1, latestUpdate: null, updatedAt: IMPORTED_AT };
    const crashing = await outbox.add(makeRecordUpdate(action), new Date());
    await outbox.attempted(crashing, 'offline');

    // Each instance takes it and dies before recording an outcome; its hold lapses after a second.
    expect((await (await queue.open()).take()).map((e) => e.requestId)).toEqual([crashing.requestId]);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await (await queue.open()).take()).toEqual([]);

    expect(await outbox.depth()).toEqual({ pending: 0, failed: 2 });
    const kept = (await azuriteQueues().getQueueClient(`${queue.name}-poison`).peekMessages({ numberOfMessages: 2 })).peekedMessageItems;
    expect(kept.map((m) => (JSON.parse(m.messageText) as { reason: string }).reason)).toEqual([
      'the message is not a progress update this service can read',
      'taken 2 times without its delivery finishing',
    ]);
  });
});
