// How many Graph requests one card submission costs through the real bot invoke path
// (conversation lookup → submit → receipt) on the SharePoint store, and that the number
// does not grow with the plan: the same at 500 and at 5,000 actions and updates.
import { afterEach, describe, expect, it } from 'vitest';
import type { BotHarness } from '../teams/bot-harness.js';
import { countCardPath } from './card-path.js';
import type { StoreRig } from './harness.js';

let opened: { rig: StoreRig; bot: BotHarness }[] = [];
afterEach(async () => {
  for (const { rig, bot } of opened) {
    await bot.close();
    await rig.close();
  }
  opened = [];
});

describe('Graph requests per card submission through the bot', () => {
  it('are at most 3 cold and 2 warm, and the same at 500 and at 5,000 actions and updates', async () => {
    const small = await countCardPath(500);
    opened.push(small);
    const large = await countCardPath(5000);
    opened.push(large);

    expect(small.cold).toBeLessThanOrEqual(3);
    expect(small.warm).toBeLessThanOrEqual(2);
    expect({ cold: large.cold, warm: large.warm }).toEqual({ cold: small.cold, warm: small.warm });
    console.log(`card path Graph requests: cold ${small.cold}, warm ${small.warm} (500 and 5,000 alike)`);
  }, 120_000);

  it('show the earlier updates on the receipt without reading the progress log or counting a list', async () => {
    const run = await countCardPath(20);
    opened.push(run);
    expect(run.receipt).toContain('Earlier: 10 Mar Asha Patel · 5 Jan WRES action plan');
    const updatesList = run.rig.server.list('WRES Progress Updates')!.id;
    expect(run.rig.server.requests.filter((r) => r.startsWith('GET') && r.includes(updatesList))).toEqual([]);
  });
});
