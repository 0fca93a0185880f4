import { z } from 'zod';
import { isIndicatorNumber } from '../../domain/indicators.js';
import {
  RAGS,
  STATUSES,
  UPDATE_SOURCES,
  type Action,
  type ActionLink,
  type ConversationRef,
  type IndicatorMetric,
  type ProgressEvent,
  type ProgressUpdate,
} from '../../domain/model.js';
import { AppError } from '../../errors.js';
import type { NewAction } from '../plan-store.js';
import { linksField, linksFromField } from './evidence-fields.js';

/** A list item as Graph returns it with `$expand=fields(...)`. */
export const itemSchema = z.object({
  id: z.string(),
  eTag: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
});
/** A validated list item. */
export type ListItem = z.output<typeof itemSchema>;

/** Fields the store reads, per list: the `$select` inside `$expand=fields(...)`. */
export const SELECT = {
  actions:
    'ActionKey,PlanYear,Ref,Theme,Indicators,ActionText,Measure,OwnerName,OwnerEmail,OwnerAadId,LeadRole,DueDateKey,DueText,ActionStatus,Rag,LatestText,LatestAuthor,LatestAt,UpdatedAt,RowVersion,LastRequestId,LatestLinks,CarriedFromId,CarriedFromKey,CarriedToId,CarriedToKey',
  updates:
    'RequestId,ActionId,UpdateText,RagFrom,RagTo,StatusFrom,StatusTo,AuthorName,AuthorAadId,SubmittedAt,UpdateSource,EvidenceLinks,UpdateEvent',
  reminders: 'LedgerKey,ActionId,Stage,DueDateKey,Recipient,LedgerState,SentAt,LeaseUntil,Attempts,FailureReason',
  conversations: 'Title,AadObjectId,Email,TenantId,ConversationReference,UnreachableReason,UpdatedAt',
  metrics: 'MetricKey,MetricYear,Measure,MetricValue,UpdateSource,UpdatedAt',
  holidays: 'HolidayKey,Division,HolidayDate,HolidayTitle,HolidayNotes',
} as const;

/** Optional text read as '' when absent. */
export const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
/** Optional text read as undefined when absent or empty. */
export const optText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

const actionFields = z.object({
  PlanYear: z.string(),
  Ref: z.string(),
  Theme: text,
  Indicators: text,
  ActionText: text,
  Measure: text,
  OwnerName: optText,
  OwnerEmail: optText,
  OwnerAadId: optText,
  LeadRole: text,
  DueDateKey: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish()
    .or(z.literal('')),
  DueText: text,
  ActionStatus: z.enum(STATUSES),
  Rag: z.enum(RAGS),
  LatestText: optText,
  LatestAuthor: text,
  LatestAt: text,
  UpdatedAt: z.string(),
  RowVersion: z.coerce.number().int(),
  LastRequestId: optText,
  LatestLinks: optText,
  CarriedFromId: optText,
  CarriedFromKey: optText,
  CarriedToId: optText,
  CarriedToKey: optText,
});

/** A link stored as an item id and its action key ("2026/27|2.3"); undefined unless both are there. */
function linkOf(id: string | undefined, key: string | undefined): ActionLink | undefined {
  const bar = key?.indexOf('|') ?? -1;
  if (!id || !key || bar <= 0) return undefined;
  return { id, planYear: key.slice(0, bar), ref: key.slice(bar + 1) };
}

function linkFields(prefix: 'CarriedFrom' | 'CarriedTo', link: ActionLink | undefined): Record<string, unknown> {
  return {
    [`${prefix}Id`]: link ? line(link.id) : null,
    [`${prefix}Key`]: link ? line(actionKey(link.planYear, link.ref)) : null,
  };
}

/** The item's fields checked against `schema`; an unreadable item rejects with `internal`, naming the list and item. */
export function parseFields<T extends z.ZodType>(schema: T, item: ListItem, list: string): z.output<T> {
  const r = schema.safeParse(item.fields);
  if (!r.success) {
    const what = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError(
      'internal',
      `Item ${item.id} in the SharePoint list "${list}" cannot be read (${what}). Fix it in SharePoint or remove it.`,
    );
  }
  return r.data;
}

/** SharePoint single-line text holds 255 characters. */
export const line = (s: string) => s.slice(0, 255);

/** The (planYear, ref) key, unique in SharePoint itself. */
const actionKey = (planYear: string, ref: string) => `${planYear}|${ref}`;

/** An action as read from the Actions list; `lastRequestId` is the update that last moved it. */
export function actionFromItem(item: ListItem): { action: Action; eTag: string; lastRequestId: string | undefined } {
  const f = parseFields(actionFields, item, 'WRES Actions');
  const owner = f.OwnerName
    ? { displayName: f.OwnerName, ...(f.OwnerEmail ? { email: f.OwnerEmail } : {}), ...(f.OwnerAadId ? { aadObjectId: f.OwnerAadId } : {}) }
    : null;
  const action: Action = {
    id: item.id,
    ref: f.Ref,
    planYear: f.PlanYear,
    theme: f.Theme,
    indicators: f.Indicators.split(',').map(Number).filter(isIndicatorNumber),
    title: f.ActionText,
    measure: f.Measure,
    owner,
    leadRole: f.LeadRole,
    dueDate: f.DueDateKey ? f.DueDateKey : null,
    dueText: f.DueText,
    status: f.ActionStatus,
    rag: f.Rag,
    latestUpdate: f.LatestText
      ? { text: f.LatestText, authorName: f.LatestAuthor, submittedAt: f.LatestAt, ...linksFromField(f.LatestLinks) }
      : null,
    updatedAt: f.UpdatedAt,
    version: f.RowVersion,
  };
  const carriedFrom = linkOf(f.CarriedFromId, f.CarriedFromKey);
  const carriedTo = linkOf(f.CarriedToId, f.CarriedToKey);
  if (carriedFrom) action.carriedFrom = carriedFrom;
  if (carriedTo) action.carriedTo = carriedTo;
  return { action, eTag: String(item.eTag ?? item.fields['@odata.etag'] ?? ''), lastRequestId: f.LastRequestId };
}

/** The plan fields of an action (what an import sets). Dates: the text key is the truth; `DueOn` is for SharePoint views. */
export function planFields(a: NewAction): Record<string, unknown> {
  return {
    Title: line(a.ref),
    ActionKey: line(actionKey(a.planYear, a.ref)),
    PlanYear: line(a.planYear),
    Ref: line(a.ref),
    Theme: a.theme,
    Indicators: a.indicators.join(','),
    ActionText: a.title,
    Measure: a.measure,
    ...ownerFields(a.owner),
    LeadRole: line(a.leadRole),
    DueDateKey: a.dueDate ?? '',
    // Noon UTC is the same calendar day in the UK in winter and summer, whatever midnight the site stores.
    DueOn: a.dueDate ? `${a.dueDate}T12:00:00Z` : null,
    DueText: line(a.dueText),
    ...linkFields('CarriedFrom', a.carriedFrom),
    ...linkFields('CarriedTo', a.carriedTo),
  };
}

function ownerFields(owner: Action['owner']): Record<string, unknown> {
  return {
    OwnerName: owner ? line(owner.displayName) : null,
    OwnerEmail: owner?.email ? line(owner.email) : null,
    OwnerAadId: owner?.aadObjectId ? line(owner.aadObjectId) : null,
  };
}

/** The plan fields as SharePoint keeps them: single-line columns hold 255 characters. */
export function fitPlanFields(a: NewAction): NewAction {
  const owner = a.owner && {
    displayName: line(a.owner.displayName),
    ...(a.owner.email ? { email: line(a.owner.email) } : {}),
    ...(a.owner.aadObjectId ? { aadObjectId: line(a.owner.aadObjectId) } : {}),
  };
  return { ...a, ref: line(a.ref), planYear: line(a.planYear), owner, leadRole: line(a.leadRole), dueText: line(a.dueText) };
}

/** The fields a progress-log entry may move: the state, the owner (a reassignment) and the carry-over link. */
export function moveFields(a: Action): Record<string, unknown> {
  return { ...stateFields(a), ...ownerFields(a.owner), ...linkFields('CarriedTo', a.carriedTo) };
}

/** The state fields of an action (what a progress update moves). */
export function stateFields(a: Pick<Action, 'status' | 'rag' | 'latestUpdate' | 'updatedAt' | 'version'>): Record<string, unknown> {
  return {
    ActionStatus: a.status,
    Rag: a.rag,
    LatestText: a.latestUpdate?.text ?? null,
    LatestAuthor: a.latestUpdate ? line(a.latestUpdate.authorName) : null,
    LatestAt: a.latestUpdate?.submittedAt ?? null,
    LatestLinks: linksField(a.latestUpdate?.links),
    UpdatedAt: a.updatedAt,
    RowVersion: a.version,
  };
}

const updateFields = z.object({
  RequestId: z.string(),
  ActionId: z.string(),
  UpdateText: text,
  RagFrom: z.enum(RAGS),
  RagTo: z.enum(RAGS),
  StatusFrom: z.enum(STATUSES),
  StatusTo: z.enum(STATUSES),
  AuthorName: text,
  AuthorAadId: optText,
  SubmittedAt: z.string(),
  UpdateSource: z.enum(UPDATE_SOURCES),
  EvidenceLinks: optText,
  UpdateEvent: optText,
});

const linkSchema = z.object({ id: z.string(), planYear: z.string(), ref: z.string() });
const personSchema = z.object({ displayName: z.string(), email: z.string().optional(), aadObjectId: z.string().optional() });
const eventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reassigned'), from: personSchema.nullable(), to: personSchema }),
  z.object({ kind: z.literal('carried-over'), to: linkSchema }),
]);

/** The entry's event, if its JSON reads as one; otherwise it is shown as the note its text is. */
function eventOf(json: string | undefined): ProgressEvent | undefined {
  if (!json) return undefined;
  try {
    const parsed = eventSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A progress update as read from the Progress Updates list. */
export function updateFromItem(item: ListItem): ProgressUpdate {
  const f = parseFields(updateFields, item, 'WRES Progress Updates');
  const update: ProgressUpdate = {
    id: item.id,
    actionId: f.ActionId,
    text: f.UpdateText,
    ragFrom: f.RagFrom,
    ragTo: f.RagTo,
    statusFrom: f.StatusFrom,
    statusTo: f.StatusTo,
    author: { name: f.AuthorName, ...(f.AuthorAadId ? { aadObjectId: f.AuthorAadId } : {}) },
    submittedAt: f.SubmittedAt,
    source: f.UpdateSource,
    requestId: f.RequestId,
    ...linksFromField(f.EvidenceLinks),
  };
  const event = eventOf(f.UpdateEvent);
  return event ? { ...update, event } : update;
}

/** SharePoint's dateTime holds whole seconds; the exact instant lives in the text column. */
export const toSeconds = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The fields of a new Progress Updates item. */
export function updateItemFields(u: Omit<ProgressUpdate, 'id'>): Record<string, unknown> {
  return {
    Title: line(u.requestId),
    RequestId: line(u.requestId),
    ActionId: u.actionId,
    UpdateText: u.text,
    RagFrom: u.ragFrom,
    RagTo: u.ragTo,
    StatusFrom: u.statusFrom,
    StatusTo: u.statusTo,
    AuthorName: line(u.author.name),
    ...(u.author.aadObjectId ? { AuthorAadId: line(u.author.aadObjectId) } : {}),
    SubmittedOn: toSeconds(u.submittedAt),
    SubmittedAt: u.submittedAt,
    UpdateSource: u.source,
    ...(u.links?.length ? { EvidenceLinks: linksField(u.links) } : {}),
    ...(u.event ? { UpdateEvent: JSON.stringify(u.event) } : {}),
  };
}

const conversationFields = z.object({
  Title: text,
  AadObjectId: z.string(),
  Email: optText,
  TenantId: optText,
  ConversationReference: z.string(),
  UnreachableReason: optText,
  UpdatedAt: z.string(),
});

/** A conversation reference as read from the Conversations list. */
export function conversationFromItem(item: ListItem): ConversationRef {
  const f = parseFields(conversationFields, item, 'WRES Conversations');
  let reference: Record<string, unknown>;
  try {
    reference = z.record(z.string(), z.unknown()).parse(JSON.parse(f.ConversationReference));
  } catch {
    throw new AppError('internal', `Item ${item.id} in the SharePoint list "WRES Conversations" has an unreadable conversation reference.`);
  }
  return {
    aadObjectId: f.AadObjectId,
    ...(f.Email ? { email: f.Email } : {}),
    displayName: f.Title,
    ...(f.TenantId ? { tenantId: f.TenantId } : {}),
    reference,
    ...(f.UnreachableReason ? { unreachableReason: f.UnreachableReason } : {}),
    updatedAt: f.UpdatedAt,
  };
}

/** The fields of a Conversations item (SharePoint compares the object id and email without regard to case). */
export function conversationItemFields(c: ConversationRef): Record<string, unknown> {
  return {
    Title: line(c.displayName),
    AadObjectId: c.aadObjectId,
    Email: c.email ? line(c.email) : null,
    TenantId: c.tenantId ?? null,
    ConversationReference: JSON.stringify(c.reference),
    UnreachableReason: c.unreachableReason ? line(c.unreachableReason) : null,
    UpdatedAt: c.updatedAt,
  };
}

const metricFields = z.object({
  MetricYear: z.string(),
  Measure: z.string(),
  MetricValue: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
  UpdateSource: z.enum(UPDATE_SOURCES),
  UpdatedAt: z.string(),
});

/** A figure as read from the Indicator Metrics list. */
export function metricFromItem(item: ListItem): IndicatorMetric {
  const f = parseFields(metricFields, item, 'WRES Indicator Metrics');
  return { year: f.MetricYear, measure: f.Measure, value: f.MetricValue, source: f.UpdateSource, updatedAt: f.UpdatedAt };
}

/** The unique metric key (year|measure). */
export const metricKey = (m: { year: string; measure: string }) => `${m.year}|${m.measure}`;

/** The fields of an Indicator Metrics item. */
export function metricItemFields(m: IndicatorMetric): Record<string, unknown> {
  return {
    Title: line(m.measure),
    MetricKey: line(metricKey(m)),
    MetricYear: line(m.year),
    Measure: line(m.measure),
    MetricValue: m.value,
    UpdateSource: m.source,
    UpdatedAt: m.updatedAt,
  };
}
