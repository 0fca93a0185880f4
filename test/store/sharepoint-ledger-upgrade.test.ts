import { afterEach, describe, expect, it } from 'vitest';
import { loadListSpecs } from '../../bot/src/store/sharepoint/list-definitions.js';
import { provisionLists } from '../../bot/src/store/sharepoint/provision-lists.js';
import { createItem } from '../graph/fake-sharepoint.js';
import { startRig, type StoreRig } from '../graph/harness.js';
import { makeReminder } from './fixtures.js';

const LEDGER = 'WRES Reminders Sent';
let rig: StoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

/** A site provisioned by the version before leases: no lease columns, no "failed" state, one claim left pending. */
async function siteFromBeforeLeases(): Promise<StoreRig> {
  const r = await startRig();
  const list = r.server.list(LEDGER)!;
  list.columns = list.columns.filter((c) => !['LeaseUntil', 'Attempts', 'FailureReason'].includes(c.name));
  const state = list.columns.find((c) => c.name === 'LedgerState')!;
  state.facets = { choice: { allowTextEntry: false, choices: ['pending', 'sent'], displayAs: 'dropDownMenu' } };
  createItem(list, {
    Title: 'due-7',
    LedgerKey: 'a1|due-7|2026-03-25',
    ActionId: 'a1',
    Stage: 'due-7',
    DueDateKey: '2026-03-25',
    Recipient: 'asha',
    LedgerState: 'pending',
    SentAt: '2026-03-18T09:00:00Z',
  });
  return r;
}

describe('upgrading a SharePoint site to the leased reminder ledger', () => {
  it('refuses to start until provisioned, then wres provision adds the columns and the "failed" choice once', async () => {
    rig = await siteFromBeforeLeases();
    const refusal = await rig.open().then(
      () => '',
      (e: Error) => e.message,
    );
    expect(refusal).toContain('column "LedgerState" in "WRES Reminders Sent" lacks the "failed" choice');
    expect(refusal).toContain('column "LeaseUntil" is missing from "WRES Reminders Sent"');
    expect(refusal).toContain('Run `wres provision`');

    const first = await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    expect(first).toEqual({
      changes: [
        'Added the "failed" choice to column "LedgerState" in "WRES Reminders Sent"',
        'Added column "LeaseUntil" to "WRES Reminders Sent"',
        'Added column "Attempts" to "WRES Reminders Sent"',
        'Added column "FailureReason" to "WRES Reminders Sent"',
      ],
      problems: [],
    });
    expect(rig.server.list(LEDGER)!.columns.find((c) => c.name === 'LedgerState')!.facets.choice).toMatchObject({
      choices: ['pending', 'sent', 'failed'],
    });
    expect(await provisionLists(rig.graph, rig.server.site.id, loadListSpecs())).toEqual({ changes: [], problems: [] });
  });

  it('treats a claim the old version left pending as lapsed: the next run takes it over', async () => {
    rig = await siteFromBeforeLeases();
    await provisionLists(rig.graph, rig.server.site.id, loadListSpecs());
    const store = await rig.open();
    expect(await store.listReminders('a1')).toEqual([
      {
        actionId: 'a1',
        stage: 'due-7',
        dueDate: '2026-03-25',
        recipient: 'asha',
        state: 'pending',
        sentAt: '2026-03-18T09:00:00Z',
        attempts: 1,
      },
    ]);
    const retry = makeReminder('a1', {
      recipient: 'asha',
      dueDate: '2026-03-25',
      sentAt: '2026-03-19T09:00:00Z',
      leaseUntil: '2026-03-19T09:15:00Z',
    });
    expect(await store.claimReminder(retry)).toBe('retry-after-interruption');
    expect(await store.listReminders('a1')).toEqual([{ ...retry, state: 'pending', attempts: 2 }]);
  });
});
