import type {
  Action,
  ActionLink,
  ConversationRef,
  IndicatorMetric,
  IndicatorNumber,
  ProgressEvent,
  ProgressUpdate,
  Rag,
  ReminderSent,
  Status,
  UpdateSource,
} from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { NewAction } from '../plan-store.js';

/** A row of `actions`, as bound to and read from SQL (named parameters use the same keys). */
export interface ActionRow {
  id: string;
  plan_year: string;
  ref: string;
  theme: string;
  indicators: string;
  title: string;
  measure: string;
  owner_name: string | null;
  owner_email: string | null;
  owner_aad: string | null;
  lead_role: string;
  due_date: string | null;
  due_text: string;
  status: string;
  rag: string;
  latest_text: string | null;
  latest_author: string | null;
  latest_at: string | null;
  /** JSON array of the latest update's evidence links; NULL when none. */
  latest_links: string | null;
  updated_at: string;
  version: number;
  carried_from_id: string | null;
  carried_from_year: string | null;
  carried_from_ref: string | null;
  carried_to_id: string | null;
  carried_to_year: string | null;
  carried_to_ref: string | null;
}

/** A row bound for a table holding an organisation's data: the row and its organisation. */
export type Scoped<Row> = Row & { org_id: string };

/** A row of `progress_updates`. */
export interface UpdateRow {
  id: string;
  action_id: string;
  text: string;
  rag_from: string;
  rag_to: string;
  status_from: string;
  status_to: string;
  author_name: string;
  author_aad: string | null;
  submitted_at: string;
  /** `submitted_at` in epoch milliseconds: ISO texts with and without fractions do not sort as text. */
  submitted_ms: number;
  source: string;
  request_id: string;
  /** JSON array of evidence links; NULL when none. */
  links: string | null;
  /** The entry's `ProgressEvent` as JSON; null for a progress note. */
  event: string | null;
}

/** A row of `reminders`. */
export interface ReminderRow {
  action_id: string;
  stage: string;
  due_date: string;
  recipient: string;
  state: string;
  sent_at: string;
  lease_until: string | null;
  attempts: number;
  failure: string | null;
}

/** A row of `conversations`. */
export interface ConversationRow {
  aad_object_id: string;
  email: string | null;
  display_name: string;
  tenant_id: string | null;
  reference: string;
  unreachable_reason: string | null;
  updated_at: string;
}

/** A row of `indicator_metrics`. */
export interface MetricRow {
  year: string;
  measure: string;
  value: number | null;
  source: string;
  updated_at: string;
}

/** Epoch milliseconds of an ISO instant; rejects with `bad_input` when it is not one. */
export function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError('bad_input', `"${iso}" is not a valid date and time.`);
  return ms;
}

/** The columns an imported plan sets (the rest is the action's state and identity). */
export const PLAN_FIELDS = [
  'theme',
  'indicators',
  'title',
  'measure',
  'owner_name',
  'owner_email',
  'owner_aad',
  'lead_role',
  'due_date',
  'due_text',
] as const satisfies readonly (keyof ActionRow)[];

/** The plan fields of an action, as columns. */
function planColumns(a: NewAction): Pick<ActionRow, (typeof PLAN_FIELDS)[number]> {
  return {
    theme: a.theme,
    indicators: JSON.stringify(a.indicators),
    title: a.title,
    measure: a.measure,
    owner_name: a.owner ? a.owner.displayName : null,
    owner_email: a.owner?.email ?? null,
    owner_aad: a.owner?.aadObjectId ?? null,
    lead_role: a.leadRole,
    due_date: a.dueDate,
    due_text: a.dueText,
  };
}

/** Maps an action to its row; the inverse of `actionFromRow`. */
export function actionToRow(a: Action): ActionRow {
  return {
    id: a.id,
    plan_year: a.planYear,
    ref: a.ref,
    ...planColumns(a),
    status: a.status,
    rag: a.rag,
    latest_text: a.latestUpdate?.text ?? null,
    latest_author: a.latestUpdate?.authorName ?? null,
    latest_at: a.latestUpdate?.submittedAt ?? null,
    latest_links: linksColumn(a.latestUpdate?.links),
    updated_at: a.updatedAt,
    version: a.version,
    carried_from_id: a.carriedFrom?.id ?? null,
    carried_from_year: a.carriedFrom?.planYear ?? null,
    carried_from_ref: a.carriedFrom?.ref ?? null,
    carried_to_id: a.carriedTo?.id ?? null,
    carried_to_year: a.carriedTo?.planYear ?? null,
    carried_to_ref: a.carriedTo?.ref ?? null,
  };
}

function linkFrom(id: string | null, planYear: string | null, ref: string | null): ActionLink | undefined {
  return id !== null && planYear !== null && ref !== null ? { id, planYear, ref } : undefined;
}

/** Maps a stored row to the domain action. Optional owner fields are omitted when empty. */
export function actionFromRow(r: ActionRow): Action {
  const action: Action = {
    id: r.id,
    ref: r.ref,
    planYear: r.plan_year,
    theme: r.theme,
    indicators: JSON.parse(r.indicators) as IndicatorNumber[],
    title: r.title,
    measure: r.measure,
    owner:
      r.owner_name === null
        ? null
        : {
            displayName: r.owner_name,
            ...(r.owner_email !== null ? { email: r.owner_email } : {}),
            ...(r.owner_aad !== null ? { aadObjectId: r.owner_aad } : {}),
          },
    leadRole: r.lead_role,
    dueDate: r.due_date,
    dueText: r.due_text,
    status: r.status as Status,
    rag: r.rag as Rag,
    latestUpdate:
      r.latest_at === null
        ? null
        : {
            text: r.latest_text ?? '',
            authorName: r.latest_author ?? '',
            submittedAt: r.latest_at,
            ...linksFromColumn(r.latest_links),
          },
    updatedAt: r.updated_at,
    version: r.version,
  };
  const carriedFrom = linkFrom(r.carried_from_id, r.carried_from_year, r.carried_from_ref);
  const carriedTo = linkFrom(r.carried_to_id, r.carried_to_year, r.carried_to_ref);
  if (carriedFrom) action.carriedFrom = carriedFrom;
  if (carriedTo) action.carriedTo = carriedTo;
  return action;
}

/** Maps a progress update to its row. */
export function updateToRow(u: ProgressUpdate): UpdateRow {
  return {
    id: u.id,
    action_id: u.actionId,
    text: u.text,
    rag_from: u.ragFrom,
    rag_to: u.ragTo,
    status_from: u.statusFrom,
    status_to: u.statusTo,
    author_name: u.author.name,
    author_aad: u.author.aadObjectId ?? null,
    submitted_at: u.submittedAt,
    submitted_ms: instantMs(u.submittedAt),
    source: u.source,
    request_id: u.requestId,
    links: linksColumn(u.links),
    event: u.event ? JSON.stringify(u.event) : null,
  };
}

/** Maps a stored row to the domain progress update. */
export function updateFromRow(r: UpdateRow): ProgressUpdate {
  return {
    id: r.id,
    actionId: r.action_id,
    text: r.text,
    ragFrom: r.rag_from as Rag,
    ragTo: r.rag_to as Rag,
    statusFrom: r.status_from as Status,
    statusTo: r.status_to as Status,
    author: {
      name: r.author_name,
      ...(r.author_aad !== null ? { aadObjectId: r.author_aad } : {}),
    },
    submittedAt: r.submitted_at,
    source: r.source as UpdateSource,
    requestId: r.request_id,
    ...linksFromColumn(r.links),
    ...(r.event ? { event: JSON.parse(r.event) as ProgressEvent } : {}),
  };
}

/** Evidence links as stored: a JSON array, or NULL when there are none. */
export function linksColumn(links: readonly string[] | undefined): string | null {
  return links && links.length > 0 ? JSON.stringify(links) : null;
}

function linksFromColumn(column: string | null): { links?: string[] } {
  const links = column ? (JSON.parse(column) as string[]) : [];
  return links.length > 0 ? { links } : {};
}

/** Maps a stored ledger row to the domain entry. */
export function reminderFromRow(r: ReminderRow): ReminderSent {
  return {
    actionId: r.action_id,
    stage: r.stage,
    dueDate: r.due_date,
    recipient: r.recipient,
    state: r.state as ReminderSent['state'],
    sentAt: r.sent_at,
    attempts: r.attempts,
    ...(r.lease_until ? { leaseUntil: r.lease_until } : {}),
    ...(r.failure ? { failure: r.failure } : {}),
  };
}

/** Maps a conversation reference to its row. */
export function conversationToRow(c: ConversationRef): ConversationRow {
  return {
    aad_object_id: c.aadObjectId,
    email: c.email ?? null,
    display_name: c.displayName,
    tenant_id: c.tenantId ?? null,
    reference: JSON.stringify(c.reference),
    unreachable_reason: c.unreachableReason ?? null,
    updated_at: c.updatedAt,
  };
}

/** Maps a stored row to the domain conversation reference. */
export function conversationFromRow(r: ConversationRow): ConversationRef {
  return {
    aadObjectId: r.aad_object_id,
    ...(r.email !== null ? { email: r.email } : {}),
    displayName: r.display_name,
    ...(r.tenant_id !== null ? { tenantId: r.tenant_id } : {}),
    reference: JSON.parse(r.reference) as Record<string, unknown>,
    ...(r.unreachable_reason !== null ? { unreachableReason: r.unreachable_reason } : {}),
    updatedAt: r.updated_at,
  };
}

/** Maps a stored row to the domain metric. */
export function metricFromRow(r: MetricRow): IndicatorMetric {
  return {
    year: r.year,
    measure: r.measure,
    value: r.value,
    source: r.source as UpdateSource,
    updatedAt: r.updated_at,
  };
}
