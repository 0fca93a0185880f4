// Counts the Graph requests of card submissions through the real bot invoke path on the
// SharePoint store (shared by test/graph/card-requests.test.ts and the Graph benchmark).
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { VERBS } from '../../bot/src/teams/cards/verbs.js';
import { allTexts } from '../teams/cards/card-check.js';
import { ASHA, cardAction, membersAdded, startBotHarness, type BotHarness } from '../teams/bot-harness.js';
import { startRig, type StoreRig } from './harness.js';
import { seedPlan } from './seed-plan.js';

/** Graph requests of one card submission on a store just started (cold) and of the next ones (warm: the most any took), and wall times (warm: the median). */
export interface CardPathRun {
  cold: number;
  warm: number;
  coldMs: number;
  warmMs: number;
  /** The texts of the warm submission's receipt. */
  receipt: string[];
  rig: StoreRig;
  bot: BotHarness;
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
 * Seeds `size` actions and updates in the local SharePoint, installs the app
 * for Asha through the bot, then gives the bot a store just started and sends
 * card submissions (one cold, then `warmRuns` warm), counting the Graph
 * requests of each. The caller closes `bot` and `rig`.
 */
export async function countCardPath(size: number, latencyMs = 0, warmRuns = 1): Promise<CardPathRun> {
  const rig = await startRig();
  const actionId = seedPlan(rig.server, size, ASHA);
  const target = switchable();
  target.use(await rig.open());
  const bot = await startBotHarness({ storeForBot: () => target.store });
  if ((await bot.post(membersAdded(bot, ASHA))).status !== 200) throw new Error('install failed');
  target.use(await rig.open());
  rig.server.latencyMs = latencyMs;

  let receipt: string[] = [];
  const submit = async (requestId: string, expectedVersion: number): Promise<{ requests: number; ms: number }> => {
    const before = rig.server.requests.length;
    const started = performance.now();
    const data = { actionId, requestId, expectedVersion, text: `Update ${requestId}`, rag: 'Green' };
    const res = await bot.post(cardAction(bot, ASHA, VERBS.sendUpdate, data));
    const ms = performance.now() - started;
    receipt = allTexts((res.body as { value: unknown }).value);
    if (!receipt.some((t) => t.startsWith('✓ Update recorded'))) throw new Error(`no receipt: ${receipt.join(' | ')}`);
    return { requests: rig.server.requests.length - before, ms };
  };
  const cold = await submit('card-path-cold-0001', 1);
  const warm = [];
  for (let n = 0; n < warmRuns; n++) warm.push(await submit(`card-path-warm-${String(n).padStart(4, '0')}`, 2 + n));
  const ms = warm.map((w) => w.ms).sort((a, b) => a - b);
  const warmMs = ms[Math.floor(ms.length / 2)]!;
  return { cold: cold.requests, warm: Math.max(...warm.map((w) => w.requests)), coldMs: cold.ms, warmMs, receipt, rig, bot };
}
