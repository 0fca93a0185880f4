import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.js';
import { addDays, localDate } from '../domain/dates.js';
import type { Person, Status } from '../domain/model.js';
import { normaliseState } from '../domain/rules.js';
import { currentPlanYear } from '../importers/plan-year.js';
import type { ImportedAction, PlanStore } from '../store/plan-store.js';
import { DEMO_PEOPLE } from './demo-people.js';
import { loadSampleFiguresIfEmpty } from './sample-figures.js';
import { SAMPLE_ACTIONS, type SampleActionSpec } from './sample-actions.js';

export { DEMO_ED_LEADS, DEMO_PEOPLE } from './demo-people.js';

/** The organisation's time zone for the sample's dates. */
const ZONE = 'Europe/London';

/**
 * The sample plan as of `now`: about 25 actions across all nine indicators,
 * in the current financial year, with due dates, overdue and due-soon
 * actions, stale ones and dated progress notes all relative to `now`.
 */
export function buildSamplePlan(now: Date): ImportedAction[] {
  const today = localDate(now, ZONE);
  const planYear = currentPlanYear(now, ZONE);
  return SAMPLE_ACTIONS.map((spec) => toImported(spec, today, planYear));
}

function toImported(spec: SampleActionSpec, today: string, planYear: string): ImportedAction {
  const dueDate = spec.due === 'ongoing' ? null : addDays(today, spec.due);
  const owner: Person | null = spec.owner ? pickPerson(spec.owner) : null;
  const { rag, status } = normaliseState(spec.rag, initialStatus(spec));
  return {
    action: {
      ref: spec.ref,
      planYear,
      theme: spec.theme,
      indicators: [...spec.indicators].sort((a, b) => a - b),
      title: spec.title,
      measure: spec.measure,
      owner,
      leadRole: spec.leadRole,
      dueDate,
      dueText: dueDate ? DateTime.fromISO(dueDate).setLocale('en-GB').toFormat('d MMMM yyyy') : 'Ongoing',
      status,
      rag,
    },
    history: spec.notes.map(([daysAgo, text]) => ({
      text,
      submittedAt: noonOn(addDays(today, -daysAgo)),
      authorName: owner?.displayName ?? 'E&D team',
    })),
  };
}

function pickPerson(key: keyof typeof DEMO_PEOPLE): Person {
  const { displayName, email, aadObjectId } = DEMO_PEOPLE[key];
  return { displayName, email, aadObjectId };
}

function initialStatus(spec: SampleActionSpec): Status {
  if (spec.rag === 'Blue') return 'Complete';
  if (spec.due === 'ongoing') return 'Ongoing';
  return spec.notes.length > 0 || spec.rag !== 'None' ? 'InProgress' : 'NotStarted';
}

function noonOn(date: string): string {
  return DateTime.fromISO(`${date}T12:00`, { zone: ZONE }).toUTC().toISO()!;
}

/**
 * Loads the sample plan when the store has no actions, so a first run has
 * something to show (with three years of demo WRES figures when the store has
 * none). Returns how many actions were loaded (0 when the store already had a plan).
 */
export async function loadSamplePlanIfEmpty(store: PlanStore, clock: Clock): Promise<number> {
  if ((await store.health()).actions > 0) return 0;
  const now = clock.now();
  const summary = await store.importActions(buildSamplePlan(now), now.toISOString());
  await loadSampleFiguresIfEmpty(store, now);
  return summary.created;
}
