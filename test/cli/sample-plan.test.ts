import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { addDays, daysBetween } from '../../bot/src/domain/dates.js';
import { isOverdue } from '../../bot/src/domain/rules.js';
import { buildSamplePlan, DEMO_ED_LEADS, DEMO_PEOPLE, loadSamplePlanIfEmpty } from '../../bot/src/sample/sample-plan.js';
import type { PlanStore } from '../../bot/src/store/plan-store.js';
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
