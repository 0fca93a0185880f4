import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangesResponse } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { addDays, daysBetween } from '../../bot/src/domain/dates.js';
import { isOverdue } from '../../bot/src/domain/rules.js';
import { buildSamplePlan, DEMO_ED_LEADS, DEMO_PEOPLE, loadSamplePlanIfEmpty } from '../../bot/src/sample/sample-plan.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { memoryStore } from '../import/store-helpers.js';

// 08:30 on a winter Monday in London; the sample's dates are all relative to it.
const now = new Date('2027-01-18T08:30:00.000Z');
const today = '2027-01-18';
const plan = buildSamplePlan(now);
const actions = plan.map((p) => p.action);
const open = actions.filter((a) => a.status !== 'Complete');
const dueSoon = (a: (typeof actions)[number]) => a.dueDate !== null && a.dueDate >= today && a.dueDate <= addDays(today, 14);

describe('the sample plan', () => {
  it('has about 25 actions covering all nine WRES indicators, in the current financial year', () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(new Set(actions.flatMap((a) => a.indicators))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(new Set(actions.map((a) => a.planYear))).toEqual(new Set(['2026/27']));
    expect(new Set(actions.map((a) => a.ref)).size).toBe(actions.length);
  });

  it('has overdue actions and actions due within 14 days of the run date', () => {
    expect(open.filter((a) => isOverdue(a, today)).length).toBeGreaterThanOrEqual(3);
    expect(open.filter(dueSoon).length).toBeGreaterThanOrEqual(3);
  });

  it('gives Alex Wilber, the Playground user, several actions: some due soon and one overdue', () => {
    const alex = actions.filter((a) => a.owner?.aadObjectId === DEMO_PEOPLE.alex.aadObjectId);
    expect(alex.length).toBeGreaterThanOrEqual(3);
    expect(alex.every((a) => a.owner?.email === 'alexw@example.com')).toBe(true);
    expect(alex.filter(dueSoon).length).toBeGreaterThanOrEqual(2);
    expect(alex.filter((a) => isOverdue(a, today))).toHaveLength(1);
    expect(DEMO_ED_LEADS).toContain('alexw@example.com');
  });

  it('has Megan Bowen and others as owners, and some actions owned only by a role', () => {
    const owners = new Set(actions.map((a) => a.owner?.email).filter(Boolean));
    expect(owners.has('meganb@example.com')).toBe(true);
    expect(owners.size).toBeGreaterThanOrEqual(5);
    expect(actions.some((a) => a.owner === null && a.leadRole === 'Head of Resourcing')).toBe(true);
  });

  it('mixes RAG ratings, with complete actions rated Blue', () => {
    expect(new Set(actions.map((a) => a.rag))).toEqual(new Set(['Red', 'Amber', 'Green', 'Blue', 'None']));
    expect(actions.filter((a) => a.status === 'Complete').every((a) => a.rag === 'Blue')).toBe(true);
  });

  it('has stale open actions, with no note for 30 days or more, and dated notes in order', () => {
    const stale = plan.filter(({ action, history }) => {
      const last = history.at(-1);
      return action.status !== 'Complete' && last !== undefined && daysBetween(last.submittedAt.slice(0, 10), today) >= 30;
    });
    expect(stale.length).toBeGreaterThanOrEqual(3);
    for (const { history } of plan) {
      const times = history.map((h) => Date.parse(h.submittedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((t) => t < now.getTime())).toBe(true);
    }
  });
});

describe('loading the sample plan', () => {
  let store: PlanStore;
  beforeEach(async () => {
    store = await memoryStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('fills an empty store once', async () => {
    const clock = fixedClock(now.toISOString());
    expect(await loadSamplePlanIfEmpty(store, clock)).toBe(plan.length);
    expect(await loadSamplePlanIfEmpty(store, clock)).toBe(0);
    expect((await store.health()).actions).toBe(plan.length);
  });

  it('leaves a store that already has a plan alone', async () => {
    await store.importActions([plan[0]!], now.toISOString());
    expect(await loadSamplePlanIfEmpty(store, fixedClock(now.toISOString()))).toBe(0);
    expect((await store.health()).actions).toBe(1);
  });
});

describe('"Since the last board" on the sample plan', () => {
  let store: PlanStore;
  let app: ServedApp;
  beforeEach(async () => {
    store = await memoryStore();
    const clock = fixedClock(now.toISOString());
    await loadSamplePlanIfEmpty(store, clock);
    const config = loadConfig({ NODE_ENV: 'development', SCHEDULER: 'false', ED_LEADS: 'alexw@example.com' });
    app = await serveApp({ config, store, clock });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('shows RAG moves and completions, and counts every "Blue — complete" update in its table as a completion', async () => {
    const res = await fetch(`${app.baseUrl}/api/changes`);
    expect(res.status).toBe(200);
    const changes = (await res.json()) as ChangesResponse;
    expect(changes.ragMoves.length).toBeGreaterThanOrEqual(3);
    expect(changes.completions.length).toBeGreaterThanOrEqual(2);

    // The table's "Blue — complete" rows are the completions, no more and no fewer.
    const toBlue = changes.updates.filter((u) => u.ragTo === 'Blue');
    expect(toBlue.length).toBeGreaterThan(0);
    expect(changes.completions.map((c) => `${c.action.ref}@${c.at}`).sort()).toEqual(toBlue.map((u) => `${u.ref}@${u.submittedAt}`).sort());
    const moved = changes.updates.filter((u) => u.ragFrom !== u.ragTo && u.ragTo !== 'Blue');
    expect(changes.ragMoves.map((m) => `${m.action.ref}@${m.at}`).sort()).toEqual(moved.map((u) => `${u.ref}@${u.submittedAt}`).sort());
  });

  it('ends each action where the plan says it stands: the history’s last RAG is the action’s RAG', async () => {
    const byId = new Map((await store.listActions()).map((a) => [a.id, a]));
    for (const spec of plan) {
      const action = [...byId.values()].find((a) => a.ref === spec.action.ref)!;
      expect({ ref: action.ref, rag: action.rag, status: action.status }).toEqual({
        ref: spec.action.ref,
        rag: spec.action.rag,
        status: spec.action.status,
      });
      const log = await store.listUpdates(action.id);
      expect(log.map((u) => u.text)).toEqual(spec.history.map((h) => h.text));
      const last = log.at(-1);
      if (last) expect(last.ragTo).toBe(action.rag);
      for (let i = 1; i < log.length; i++) expect(log[i]!.ragFrom).toBe(log[i - 1]!.ragTo);
    }
  });
});
