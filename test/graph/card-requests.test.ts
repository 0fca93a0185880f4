// How many Graph requests one card submission costs through the real bot invoke path
// (conversation lookup → submit → receipt) on the SharePoint store, and that the number
// does not grow with the plan: the same at 500 and at 5,000 actions and updates.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { allTexts } from '../teams/cards/card-check.js';
import { ASHA, cardAction, membersAdded, startBotHarness, type BotHarness } from '../teams/bot-harness.js';
import { startRig, type StoreRig } from './harness.js';
import { seedPlan } from './seed-plan.js';

/** Graph requests made by each step of the card path, cold (a store just started) and warm (right after). */
export interface CardPathCounts {
  cold: number;
  warm: number;
  /** The texts of the warm submission's receipt. */
  receipt: string[];
}

/** A PlanStore that forwards to whichever store is current, so the bot can be given a freshly started one. */
function switchable(): { store: PlanStore; use(next: PlanStore): void } {
  let current: PlanStore | null = null;
  const store = new Proxy({} as PlanStore, {
    get(_target, key) {
      if (!current) throw new Error('no store yet');
      const value = (current as unknown as Record<PropertyKey, unknown>)[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { store, use: (next) => void (current = next) };
}

/**
 * Seeds `size` actions and updates, installs the app for Asha, then counts the
 * Graph requests of two card submissions through the bot on a store just started.
 */
export async function countCardPath(size: number): Promise<CardPathCounts & { rig: StoreRig; bot: BotHarness }> {
  const rig = await startRig();
  const actionId = seedPlan(rig.server, size, ASHA);
  const target = switchable();
  target.use(await rig.open());
  const bot = await startBotHarness({ storeForBot: () => target.store });
  expect((await bot.post(membersAdded(bot, ASHA))).status).toBe(200);
  target.use(await rig.open());

  let receipt: string[] = [];
  const submit = async (requestId: string, expectedVersion: number): Promise<number> => {
    const before = rig.server.requests.length;
    const data = { actionId, requestId, expectedVersion, text: `Update ${requestId}`, rag: 'Green' };
    const res = await bot.post(cardAction(bot, ASHA, VERBS.sendUpdate, data));
    receipt = allTexts((res.body as { value: unknown }).value);
    expect(receipt.some((t) => t.startsWith('✓ Update recorded'))).toBe(true);
    return rig.server.requests.length - before;
  };
  const cold = await submit('card-path-cold-0001', 1);
  const warm = await submit('card-path-warm-0001', 2);
  return { cold, warm, receipt, rig, bot };
}

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
