// Reminder planning across organisations (issue #16): the reminder cycle's
// planning half (each organisation's plan, ledger, conversations and bank
// holidays read from its own store, its own settings applied) for 200
// organisations of 50 actions each, as a ratio to the same for one
// organisation of 50 actions. Nothing is sent. Linear would be 200×; the
// target allows a fifth more per organisation. (The roll-up half of the
// 200 × 50 bench is the roll-up stream's.)
import { performance } from 'node:perf_hooks';
import { configFor, loadConfig } from '../bot/src/config.js';
import { fixedClock } from '../bot/src/domain/clock.js';
import type { Organisation } from '../bot/src/domain/organisation.js';
import { orgLabel } from '../bot/src/domain/organisation.js';
import { memoryLogger } from '../bot/src/logger.js';
import { planReminderCycle, type CycleOrganisation } from '../bot/src/reminders/cycle.js';
import type { Notifier } from '../bot/src/reminders/notifier.js';
import { rolesFromConfig } from '../bot/src/service/roles.js';
import { SqlitePlanStore } from '../bot/src/store/sqlite/sqlite-plan-store.js';
import { conversationFor } from '../test/reminders/harness.js';
import { makeImportedAction } from '../test/store/fixtures.js';
import { median, report, times } from './figures.js';

const ORGS = 200;
const ACTIONS = 50;
const ROUNDS = 5;
const NOW = '2026-03-10T09:00:00Z';
const clock = fixedClock(NOW);
const base = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://wres.example.nhs.uk' });

/** Plans are never sent in this bench. */
const nowhere: Notifier = {
  sendReminder: () => Promise.reject(new Error('the bench plans only')),
  sendDigest: () => Promise.reject(new Error('the bench plans only')),
};

/** Organisation `n`: 50 actions, ten owners (all reachable), due dates spread over the next ten weeks so some are due today. */
async function organisation(n: number): Promise<CycleOrganisation> {
  const org: Organisation = { id: `R${String(n).padStart(3, '0')}`, name: `Trust ${n}`, leads: [], viewers: [], settings: {} };
  const config = configFor(base, org);
  const store = new SqlitePlanStore(':memory:');
  await store.init();
  const owners = Array.from({ length: 10 }, (_, i) => ({
    displayName: `Owner ${i} of ${org.id}`,
    email: `owner${i}.${org.id.toLowerCase()}@example.nhs.uk`,
    aadObjectId: `00000000-0000-4000-8000-${String(n * 100 + i).padStart(12, '0')}`,
  }));
  const day = (i: number) => new Date(Date.parse(NOW) + (i + 1) * 86_400_000).toISOString().slice(0, 10);
  await store.importActions(
    Array.from({ length: ACTIONS }, (_, i) =>
      makeImportedAction({ ref: `1.${i + 1}`, planYear: '2025/26', title: `Action ${i + 1}`, owner: owners[i % 10]!, dueDate: day(i + 1) }),
    ),
    '2026-03-01T09:00:00Z',
  );
  for (const o of owners) await store.saveConversation(conversationFor(o));
  return { label: orgLabel(org), store, config, roles: rolesFromConfig(config), notifier: nowhere };
}

async function planTime(organisations: CycleOrganisation[], rounds: number): Promise<{ ms: number; due: number }> {
  const deps = { organisations, clock, logger: memoryLogger() };
  await planReminderCycle(deps);
  const samples: number[] = [];
  let due = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const { plans } = await planReminderCycle(deps);
    samples.push(performance.now() - start);
    due = plans.reduce((n, p) => n + p.planned.queues.length, 0);
  }
  return { ms: median(samples), due };
}

/** Prints the ratio; never asserts. */
export default async function (): Promise<void> {
  const many = await Promise.all(Array.from({ length: ORGS }, (_, i) => organisation(i + 1)));
  const one = [await organisation(999)];
  // Warmed up on the big cycle first, so the one organisation is not timed while the code is still cold.
  const all = await planTime(many, ROUNDS);
  const single = await planTime(one, ROUNDS * 10);
  const ratio = all.ms / single.ms;
  console.log(
    `  1 × ${ACTIONS}: ${single.ms.toFixed(2)} ms (${single.due} people due); ${ORGS} × ${ACTIONS}: ${all.ms.toFixed(1)} ms (${all.due} people due)`,
  );
  report({
    measure: `reminder planning, ${ORGS} organisations × ${ACTIONS} actions ÷ 1 × ${ACTIONS}`,
    value: `${times(ratio)} (${times(ratio / ORGS)} per organisation)`,
    detail: `${all.ms.toFixed(0)} ms ÷ ${single.ms.toFixed(2)} ms, medians of ${ROUNDS} and ${ROUNDS * 10}`,
    target: `≤ ${ORGS * 1.2}× (linear + 20%)`,
    met: ratio <= ORGS * 1.2,
  });
  for (const o of [...many, ...one]) await o.store.close();
}
