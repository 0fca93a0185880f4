/**
 * One reminder cycle over two organisations with different settings: each
 * organisation's reminders go by its own offsets and time zone, claimed in
 * its own ledger, and all of them go through the one paced sender, so the
 * tenant-wide rate the Bot Connector stand-in counts is never exceeded and
 * the small organisation is not kept waiting behind the big one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../bot/src/domain/model.js';
import { AppError } from '../../bot/src/errors.js';
import { runDigestCycle, runReminderCycle } from '../../bot/src/reminders/cycle.js';
import { describeReport } from '../../bot/src/reminders/run-report.js';
import { makeImportedAction } from '../store/fixtures.js';
import { executeData, LEAD, owner, startOrgHarness, type OrgHarness } from './org-bot-harness.js';

function people(prefix: string, n: number): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    displayName: `${prefix} Owner ${i + 1}`,
    email: `${prefix.toLowerCase()}.owner${i + 1}@example.nhs.uk`,
    aadObjectId: randomUUID(),
  }));
}

const PER_SECOND = 4;

describe('the reminder cycle across organisations', () => {
  let h: OrgHarness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('sends each organisation’s reminders by its own settings, as one stream within the tenant’s rate', async () => {
    const northOwners = people('North', 8);
    const southOwners = people('South', 2);
    // Due Tue 17 Mar: North (7 days ahead, London) reminds today; South's settings would not.
    const north = northOwners.map((p, i) =>
      makeImportedAction({
        ref: `1.${i + 1}`,
        planYear: '2025/26',
        title: `North action ${i + 1}`,
        owner: owner(p),
        dueDate: '2026-03-17',
      }),
    );
    // Due Sat 14 Mar: South (3 days ahead, already Wednesday in Auckland) reminds today; London's Tuesday would not.
    const south = southOwners.map((p, i) =>
      makeImportedAction({
        ref: `2.${i + 1}`,
        planYear: '2025/26',
        title: `South action ${i + 1}`,
        owner: owner(p),
        dueDate: '2026-03-14',
      }),
    );
    h = await startOrgHarness({
      north,
      south,
      env: { TEAMS_MESSAGES_PER_SECOND: String(PER_SECOND) },
      connector: { rateLimits: { perSecond: PER_SECOND } },
    });
    await h.reachable(h.north, northOwners);
    await h.reachable(h.south, southOwners);

    const report = await runReminderCycle({ organisations: h.bot.cycleOrganisations(), clock: h.clock, logger: h.logger });

    expect(report.failed).toEqual([]);
    expect(report.sent.filter((s) => s.organisation === 'North Trust (RXX)').map((s) => s.stage)).toEqual(Array(8).fill('due-7'));
    expect(report.sent.filter((s) => s.organisation === 'South Trust (R1H)').map((s) => s.stage)).toEqual(['due-3', 'due-3']);
    // Claimed in each organisation's own ledger only.
    expect((await h.north.store.listReminders()).map((e) => e.stage).sort()).toEqual(Array(8).fill('due-7'));
    expect((await h.south.store.listReminders()).map((e) => e.stage)).toEqual(['due-3', 'due-3']);
    expect(describeReport(report)).toEqual(
      expect.arrayContaining([
        'North Trust (RXX): 8 reminders sent, 0 not sent, 0 failed.',
        'South Trust (R1H): 2 reminders sent, 0 not sent, 0 failed.',
      ]),
    );

    // The stand-in counted every send in sliding one-second windows: none was turned away.
    expect(h.connector.throttledCount).toBe(0);
    const cards = h.connector.sentCards();
    expect(cards).toHaveLength(10);
    // The small organisation takes its turn among the first sends instead of waiting for the big one.
    const southAt = cards.map((c, i) => (JSON.stringify(c).includes('South Trust (R1H)') ? i : -1)).filter((i) => i >= 0);
    expect(southAt).toHaveLength(2);
    expect(Math.max(...southAt)).toBeLessThan(4);
    // Each card names its organisation and carries its id on every button.
    for (const card of cards) {
      const orgId = JSON.stringify(card).includes('South Trust (R1H)') ? 'R1H' : 'RXX';
      expect(executeData(card).length).toBeGreaterThan(0);
      expect(executeData(card).every((d) => d.orgId === orgId)).toBe(true);
    }
  });

  it('goes ahead for every other organisation when one’s plan cannot be read, and names the one that stopped', async () => {
    const northOwners = people('North', 2);
    const north = northOwners.map((p, i) =>
      makeImportedAction({
        ref: `1.${i + 1}`,
        planYear: '2025/26',
        title: `North action ${i + 1}`,
        owner: owner(p),
        dueDate: '2026-03-17',
      }),
    );
    h = await startOrgHarness({ north });
    await h.reachable(h.north, [...northOwners, LEAD]);
    // South's SharePoint site does not answer.
    h.south.store.listActions = () => Promise.reject(new AppError('unavailable', 'SharePoint did not answer'));
    const organisations = h.bot.cycleOrganisations();

    const reminders = await runReminderCycle({ organisations, clock: h.clock, logger: h.logger });
    expect(reminders.sent.map((s) => s.organisation)).toEqual(['North Trust (RXX)', 'North Trust (RXX)']);
    expect(reminders.notRun).toEqual([{ organisation: 'South Trust (R1H)', detail: 'SharePoint did not answer' }]);
    expect(describeReport(reminders)).toContain(
      'Stopped for South Trust (R1H): SharePoint did not answer. Whatever it did not send is still owed; the next run tries again.',
    );

    const digest = await runDigestCycle({ organisations, clock: h.clock, logger: h.logger });
    expect(digest.sent.map((s) => `${s.organisation} → ${s.who}`)).toEqual(['North Trust (RXX) → Lena Hart']);
    expect(digest.notRun).toEqual([{ organisation: 'South Trust (R1H)', detail: 'SharePoint did not answer' }]);
    expect(h.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      "The reminders run stopped for South Trust (R1H): the other organisations' went ahead",
      "The digest run stopped for South Trust (R1H): the other organisations' went ahead",
    ]);
  });

  it('reminds an organisation added while the service runs (the admin page), by the next cycle, on its own cards', async () => {
    h = await startOrgHarness();
    const westOwner = people('West', 1)[0]!;
    await h.registry.saveOrganisation({ id: 'RYY', name: 'West Trust', leads: [], viewers: [], settings: { reminderOffsetsDays: [7] } });
    await h.tenancy.reload();
    const west = h.tenancy.context('RYY')!;
    await west.store.importActions(
      [makeImportedAction({ ref: '3.1', planYear: '2025/26', title: 'West action', owner: owner(westOwner), dueDate: '2026-03-17' })],
      '2026-03-09T09:00:00Z',
    );
    await h.reachable(west, [westOwner]);

    const report = await runReminderCycle({ organisations: h.bot.cycleOrganisations(), clock: h.clock, logger: h.logger });
    expect(report.sent.filter((s) => s.organisation === 'West Trust (RYY)').map((s) => s.stage)).toEqual(['due-7']);
    const westCards = h.connector.sentCards().filter((c) => JSON.stringify(c).includes('West Trust (RYY)'));
    expect(westCards).toHaveLength(1);
    expect(executeData(westCards[0]!).every((d) => d.orgId === 'RYY')).toBe(true);
  });
});
