/**
 * Builders for plan-store test data, shared by the store contract suite and
 * any test that needs a realistic plan. Every builder returns fresh objects;
 * pass overrides for the fields a test cares about.
 */
import { randomUUID } from 'node:crypto';
import type { Action, ConversationRef, IndicatorMetric, Rag, Status } from '../../bot/src/domain/model.js';
import type { ImportedAction, ImportedProgress, NewAction, RecordUpdateCommand, ReminderClaim } from '../../bot/src/store/plan-store.js';

/** The instant most fixtures are stamped with (no milliseconds: SharePoint drops them). */
export const IMPORTED_AT = '2026-01-05T09:00:00Z';

/** A plan action as an importer produces it: action 1.1 of 2019/20, owned by Asha Patel. */
export function makeNewAction(overrides: Partial<NewAction> = {}): NewAction {
  return {
    ref: '1.1',
    planYear: '2019/20',
    theme: 'Shortlisting to appointment',
    indicators: [2],
    title: 'Include a BME panel member on every interview panel for band 8a and above',
    measure: 'Relative likelihood of appointment from shortlisting below 1.25',
    owner: {
      displayName: 'Asha Patel',
      email: 'asha.patel@example.nhs.uk',
      aadObjectId: '11111111-1111-4111-8111-111111111111',
    },
    leadRole: 'Head of Resourcing',
    dueDate: '2020-03-31',
    dueText: 'End of March 2020',
    status: 'InProgress',
    rag: 'Amber',
    ...overrides,
  };
}

/** One dated progress entry from an imported plan. */
export function makeImportedProgress(overrides: Partial<ImportedProgress> = {}): ImportedProgress {
  return {
    text: 'Panel guidance drafted and shared with recruiting managers.',
    submittedAt: '2019-10-06T00:00:00Z',
    authorName: 'WRES action plan',
    ...overrides,
  };
}

/** An import row: `makeNewAction(overrides)` plus `history` (default: none). */
export function makeImportedAction(overrides: Partial<NewAction> & { history?: ImportedProgress[] } = {}): ImportedAction {
  const { history = [], ...action } = overrides;
  return { action: makeNewAction(action), history };
}

/** A small plan of `count` actions with refs 1.1, 1.2, … each with one dated history entry. */
export function makeImportedPlan(count: number, planYear = '2019/20'): ImportedAction[] {
  return Array.from({ length: count }, (_, i) =>
    makeImportedAction({
      ref: `1.${i + 1}`,
      planYear,
      title: `Action ${i + 1} of the ${planYear} plan`,
      history: [
        makeImportedProgress({
          text: `Progress on action ${i + 1}`,
          submittedAt: '2019-11-0' + ((i % 9) + 1) + 'T00:00:00Z',
        }),
      ],
    }),
  );
}

/** What a progress update changes; the defaults are a Teams update moving the action to Green. */
export interface UpdateOverrides {
  text?: string;
  rag?: Rag;
  status?: Status;
  requestId?: string;
  submittedAt?: string;
  source?: RecordUpdateCommand['update']['source'];
  author?: { name: string; aadObjectId?: string };
  expectedVersion?: number;
  /** Evidence links, on the update and the action's latest update (default: none). */
  links?: string[];
}

/**
 * A `recordUpdate` command against `action` as it is now (its version is the
 * expected one unless overridden). Each call gets a new requestId.
 */
export function makeRecordUpdate(action: Action, overrides: UpdateOverrides = {}): RecordUpdateCommand {
  const submittedAt = overrides.submittedAt ?? '2026-01-06T10:30:00Z';
  const author = overrides.author ?? {
    name: 'Asha Patel',
    aadObjectId: '11111111-1111-4111-8111-111111111111',
  };
  const text = overrides.text ?? 'Two panels held with a BME panel member this month.';
  const rag = overrides.rag ?? 'Green';
  const status = overrides.status ?? 'InProgress';
  const links = overrides.links ? { links: overrides.links } : {};
  return {
    expectedVersion: overrides.expectedVersion ?? action.version,
    update: {
      actionId: action.id,
      text,
      ragFrom: action.rag,
      ragTo: rag,
      statusFrom: action.status,
      statusTo: status,
      author,
      submittedAt,
      source: overrides.source ?? 'teams',
      requestId: overrides.requestId ?? `test-request-${randomUUID()}`,
      ...links,
    },
    next: {
      rag,
      status,
      latestUpdate: { text, authorName: author.name, submittedAt, ...links },
      updatedAt: submittedAt,
    },
  };
}

/** A claim on a reminder for `actionId`: claimed at 08:00 on 24 March 2026 with a 15-minute lease. */
export function makeReminder(actionId: string, overrides: Partial<Omit<ReminderClaim, 'actionId'>> = {}): ReminderClaim {
  return {
    actionId,
    stage: 'due-7',
    dueDate: '2020-03-31',
    recipient: '11111111-1111-4111-8111-111111111111',
    sentAt: '2026-03-24T08:00:00Z',
    leaseUntil: '2026-03-24T08:15:00Z',
    ...overrides,
  };
}

/** A Teams conversation reference for Asha Patel unless overridden. */
export function makeConversation(overrides: Partial<ConversationRef> = {}): ConversationRef {
  return {
    aadObjectId: '11111111-1111-4111-8111-111111111111',
    email: 'asha.patel@example.nhs.uk',
    displayName: 'Asha Patel',
    tenantId: '99999999-9999-4999-8999-999999999999',
    reference: {
      conversation: {
        id: 'a:1abc',
        conversationType: 'personal',
        tenantId: '99999999-9999-4999-8999-999999999999',
      },
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      bot: { id: '28:bot-id', name: 'WRES Action Tracker' },
      user: {
        id: '29:1user',
        aadObjectId: '11111111-1111-4111-8111-111111111111',
      },
    },
    updatedAt: '2026-01-05T09:00:00Z',
    ...overrides,
  };
}

/** One annual WRES figure. */
export function makeMetric(overrides: Partial<IndicatorMetric> = {}): IndicatorMetric {
  return {
    year: '2019/20',
    measure: 'shortlisted.bme',
    value: 120,
    source: 'import',
    updatedAt: '2026-01-05T09:00:00Z',
    ...overrides,
  };
}
