import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.js';
import { addDays, localDate } from '../domain/dates.js';
import type { Action, Person, Rag, Status } from '../domain/model.js';
import { nextState, normaliseState } from '../domain/rules.js';
import { AppError } from '../errors.js';
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
export function buildSamplePlan(now: Date, actions: readonly SampleActionSpec[] = SAMPLE_ACTIONS): ImportedAction[] {
  const today = localDate(now, ZONE);
  const planYear = currentPlanYear(now, ZONE);
  return actions.map((spec) => toImported(spec, today, planYear));
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
    history: spec.notes.map(([daysAgo, text, , links]) => ({
      text,
      submittedAt: noonOn(addDays(today, -daysAgo)),
      authorName: owner?.displayName ?? 'E&D team',
      ...(links?.length ? { links: [...links] } : {}),
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
 * none): each action is imported as the plan first stood, then its progress
 * notes are recorded as its owner's updates, with the RAG moves and
 * completions they made — so "Since the last board" shows what it is for.
 * Returns how many actions were loaded (0 when the store already had a plan).
 * `actions`: a part of the sample plan (a second sample organisation's smaller plan).
 */
export async function loadSamplePlanIfEmpty(
  store: PlanStore,
  clock: Clock,
  actions: readonly SampleActionSpec[] = SAMPLE_ACTIONS,
): Promise<number> {
  if ((await store.health()).actions > 0) return 0;
  const now = clock.now();
  const today = localDate(now, ZONE);
  const plan = buildSamplePlan(now, actions).map((item, i) => ({ item, spec: actions[i]! }));
  const summary = await store.importActions(
    plan.map(({ item, spec }) => ({ action: { ...item.action, ...stateAtStart(spec) }, history: [] })),
    now.toISOString(),
  );
  const byRef = new Map((await store.listActions()).map((a) => [a.ref, a]));
  for (const { spec } of plan) await recordNotes(store, byRef.get(spec.ref)!, spec, today);
  await loadSampleFiguresIfEmpty(store, now);
  return summary.created;
}

/** The rating and status before any note. */
function stateAtStart(spec: SampleActionSpec): { rag: Rag; status: Status } {
  const rag = spec.ragAtStart ?? spec.rag;
  if (spec.due === 'ongoing') return normaliseState(rag, 'Ongoing');
  return normaliseState(rag, rag === 'None' ? 'NotStarted' : 'InProgress');
}

/** Records each note as an update by the owner (the E&D team in the tab when no person owns it). */
async function recordNotes(store: PlanStore, start: Action, spec: SampleActionSpec, today: string): Promise<void> {
  let action = start;
  for (const [i, [daysAgo, text, rag, links]] of spec.notes.entries()) {
    const next = nextState(action, rag ? { rag } : {});
    const submittedAt = noonOn(addDays(today, -daysAgo));
    const evidence = links?.length ? { links: [...links] } : {};
    const author = action.owner
      ? { name: action.owner.displayName, ...(action.owner.aadObjectId ? { aadObjectId: action.owner.aadObjectId } : {}) }
      : { name: 'E&D team' };
    const result = await store.recordUpdate({
      update: {
        actionId: action.id,
        text,
        ragFrom: action.rag,
        ragTo: next.rag,
        statusFrom: action.status,
        statusTo: next.status,
        author,
        submittedAt,
        source: action.owner ? 'teams' : 'tab',
        requestId: `sample-${spec.ref}-${i + 1}`,
        ...evidence,
      },
      expectedVersion: action.version,
      next: { ...next, latestUpdate: { text, authorName: author.name, submittedAt, ...evidence }, updatedAt: submittedAt },
    });
    if (result.kind === 'conflict') throw new AppError('conflict', `The sample action ${spec.ref} changed while it was being loaded.`);
    action = result.action;
  }
}
