/**
 * Bank holidays end to end: the real reminder job sends through the real bot
 * to the Bot Connector stand-in, on SQLite and on the SharePoint store
 * (Graph stand-in), for an action due on Easter Monday 2026.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeImportedAction, makeImportedProgress } from '../store/fixtures.js';
import { allTexts } from '../teams/cards/card-check.js';
import { someone, startInstallRig, type InstallRig } from '../install/install-rig.js';

const asha = someone('Asha Patel', { withId: true });
// Updated a fortnight before, so no "how is it going?" nudge is due.
const recent = [makeImportedProgress({ text: 'Panels booked', submittedAt: '2026-03-20T10:00:00Z' })];
const plan = [makeImportedAction({ ref: '2.3', planYear: '2025/26', owner: asha.planned, dueDate: '2026-04-06', history: recent })];

let rig: InstallRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function headlinesOn(store: 'sqlite' | 'sharepoint', nation: string, days: string[]): Promise<string[]> {
  rig = await startInstallRig({ store, people: [asha], plan, env: { PROACTIVE_INSTALL: 'false', BANK_HOLIDAYS: nation } });
  await rig.appInstalledFor(asha);
  const chat = `a:update-${asha.id}`;
  const before = rig.connector.sentCards(chat).length;
  for (const day of days) await rig.remind(`${day}T08:00:00Z`);
  return rig.connector
    .sentCards(chat)
    .slice(before)
    .map((c) => allTexts(c).find((t) => t.startsWith('WRES action'))!);
}

describe.each(['sqlite', 'sharepoint'] as const)('a reminder due on Easter Monday, through the bot (%s store)', (store) => {
  it('goes on the Thursday before in England and Wales, and nothing more on Easter Monday', async () => {
    expect(await headlinesOn(store, 'england-and-wales', ['2026-04-02', '2026-04-06'])).toEqual([
      'WRES action 2.3 · due in 4 days (Mon 6 Apr)',
    ]);
  });

  it('goes on Easter Monday itself in Scotland, after the day-before reminder on the Thursday', async () => {
    expect(await headlinesOn(store, 'scotland', ['2026-04-02', '2026-04-06'])).toEqual([
      'WRES action 2.3 · due in 4 days (Mon 6 Apr)',
      'WRES action 2.3 · due today (Mon 6 Apr)',
    ]);
  });
});
