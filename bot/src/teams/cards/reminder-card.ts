import { randomUUID } from 'node:crypto';
import { indicatorLabel } from '../../domain/indicators.js';
import type { Action, ProgressUpdate, Rag } from '../../domain/model.js';
import { isProgressNote, RAG_LABELS, STATUS_LABELS } from '../../domain/rules.js';
import { MAX_EVIDENCE_LINKS, MAX_LINK_LENGTH } from '../../domain/evidence-links.js';
import { MAX_NOTE_LENGTH } from '../../service/plan-service.js';
import { safeText, truncate } from './escape.js';
import {
  actionUrl,
  adaptiveCard,
  attentionBlock,
  dueWords,
  headlineWithBadge,
  localDay,
  noticeBlock,
  openPlanAction,
  text,
  type CardElement,
} from './parts.js';
import { INPUT_IDS, VERBS } from './verbs.js';

/** What the user had typed, kept when the card is shown again after a mistake or a conflict. */
export interface ReminderCardValues {
  text?: string;
  rag?: Rag;
  markComplete?: boolean;
  /** The evidence links box as typed. */
  links?: string;
}

/** Everything the reminder card shows. */
export interface ReminderCardModel {
  action: Action;
  /** Today, `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  /** Base URL of the service (config PUBLIC_URL); "Open the plan" links to its tab. */
  publicUrl: string;
  /** IANA zone for dates of past updates; default Europe/London. */
  timeZone?: string;
  /**
   * Idempotency key for this card instance: a Teams retry of the same
   * submission carries it again and is stored once. Keep it when re-showing
   * the same card (mistake, conflict); omit it for a new card (a fresh id is made).
   */
  requestId?: string;
  /** Reminder ledger stage, e.g. `due-7`, `overdue-7`, `stale-2026-10-01`; a stale nudge asks "How is it going?". */
  stage?: string;
  values?: ReminderCardValues;
  /** A problem with the last submission, shown on the card in the attention style. */
  error?: string;
  /** Something the user should know first, e.g. that someone else updated the action meanwhile. */
  notice?: string;
  /** Teams user ids (`29:…`) whose clients refresh this card automatically on view; at most 60 are used. */
  refreshUserIds?: string[];
}

const TITLE_MAX = 400;
const LAST_UPDATE_MAX = 600;
/** A user may type past the limit; keep enough to let them trim it, but bound the card. */
const TYPED_MAX = MAX_NOTE_LENGTH * 2;
/** Room for three links of the longest length accepted, with their line breaks. */
const LINKS_MAX = MAX_EVIDENCE_LINKS * (MAX_LINK_LENGTH + 1);
const RAG_CHOICES: Rag[] = ['Red', 'Amber', 'Green', 'Blue'];

/**
 * The reminder card an owner answers in place: headline with when it is due
 * (overdue in the attention style and words), RAG badge with its word, the
 * action, indicators, measure, status and last update; then a required
 * progress note, optional evidence links, the RAG choice
 * and "Mark complete", "Send update" and
 * "Open the plan". Pure apart from making a requestId when none is given.
 */
export function reminderCard(model: ReminderCardModel): CardElement {
  const { action } = model;
  const requestId = model.requestId ?? randomUUID();
  const body: CardElement[] = [headline(model), ...details(model)];
  if (model.notice) body.push(noticeBlock(model.notice));
  body.push(...updateInputs(action, model.values));
  if (model.error) body.push(attentionBlock(model.error));
  const actions: CardElement[] = [sendUpdateButton(action, requestId), { ...openActionLink(model) }];
  const refreshIds = (model.refreshUserIds ?? []).filter((id) => id.startsWith('29:')).slice(0, 60);
  const extra = refreshIds.length
    ? {
        refresh: { action: { type: 'Action.Execute', verb: VERBS.refresh, data: { actionId: action.id, requestId } }, userIds: refreshIds },
      }
    : {};
  return adaptiveCard(body, actions, extra);
}

function openActionLink(model: ReminderCardModel): CardElement {
  return openPlanAction(actionUrl(model.publicUrl, model.action.id));
}

function headline(model: ReminderCardModel): CardElement {
  const { action, today } = model;
  const due = dueWords(action, today);
  const stale = model.stage?.startsWith('stale') ?? false;
  const ref = `WRES action ${safeText(action.ref, 20)}`;
  const lines: CardElement[] = [];
  if (stale && !due.overdue) {
    lines.push(text(`${ref} · How is it going?`, { weight: 'Bolder', size: 'Medium' }));
    lines.push(text(capitalise(due.words), { isSubtle: true, spacing: 'None', size: 'Small' }));
  } else {
    lines.push(text(`${ref} · ${due.words}`, { weight: 'Bolder', size: 'Medium', ...(due.overdue ? { color: 'Attention' } : {}) }));
    if (stale) lines.push(text('How is it going?', { spacing: 'None', size: 'Small' }));
  }
  return headlineWithBadge(lines, action.rag);
}

function details(model: ReminderCardModel): CardElement[] {
  const { action } = model;
  const out: CardElement[] = [text(safeText(action.title, TITLE_MAX), { weight: 'Bolder', spacing: 'Small' })];
  if (action.indicators.length) {
    out.push(text(action.indicators.map((n) => indicatorLabel(n)).join(' · '), { isSubtle: true, spacing: 'None' }));
  }
  const facts: CardElement[] = [];
  if (action.measure.trim()) facts.push({ title: 'Measure', value: safeText(action.measure, TITLE_MAX) });
  facts.push({ title: 'Status', value: STATUS_LABELS[action.status] });
  const owner = action.owner?.displayName || action.leadRole;
  if (owner) facts.push({ title: 'Owner', value: safeText(owner, 120) });
  out.push({ type: 'FactSet', facts, spacing: 'Small' });
  out.push(text(lastUpdateLine(action, model.timeZone ?? 'Europe/London'), { isSubtle: !action.latestUpdate, spacing: 'Small' }));
  return out;
}

/** "Last update 12 Feb by Priya Shah: "…"" or "No updates yet." */
function lastUpdateLine(action: Pick<Action, 'latestUpdate'>, timeZone: string): string {
  const last = action.latestUpdate;
  if (!last) return 'No updates yet.';
  const note = safeText(last.text, LAST_UPDATE_MAX);
  return `Last update ${localDay(last.submittedAt, timeZone)} by ${safeText(last.authorName, 80)}: “${note}”`;
}

/** "Send update": an Action.Execute carrying the action, the version shown and the card's request id. */
export function sendUpdateButton(action: Pick<Action, 'id' | 'version'>, requestId: string): CardElement {
  return {
    type: 'Action.Execute',
    title: 'Send update',
    verb: VERBS.sendUpdate,
    style: 'positive',
    associatedInputs: 'auto',
    data: { actionId: action.id, expectedVersion: action.version, requestId },
  };
}

/** The note, RAG and "complete" inputs every answerable card carries (the current RAG preselected, typed values kept). */
export function updateInputs(action: Pick<Action, 'rag'>, values?: ReminderCardValues): CardElement[] {
  const typed = values?.text !== undefined ? truncate(values.text, TYPED_MAX) : undefined;
  const typedLinks = values?.links !== undefined ? truncate(values.links, LINKS_MAX) : undefined;
  const rag = values?.rag ?? (action.rag === 'None' ? undefined : action.rag);
  return [
    {
      type: 'Input.Text',
      id: INPUT_IDS.text,
      label: 'What has happened since?',
      placeholder: 'A sentence or two for the plan: what was done, what is next, anything blocking',
      isMultiline: true,
      isRequired: true,
      maxLength: MAX_NOTE_LENGTH,
      errorMessage: 'Please write what has happened since the last update.',
      separator: true,
      spacing: 'Medium',
      ...(typed ? { value: typed } : {}),
    },
    {
      type: 'Input.Text',
      id: INPUT_IDS.links,
      label: 'Evidence links (optional)',
      placeholder: 'Up to three SharePoint or intranet links (https://…), separated by spaces',
      // One line keeps the card on one screen; several links split at the space before each https://.
      style: 'Url',
      maxLength: LINKS_MAX,
      ...(typedLinks ? { value: typedLinks } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.rag,
      label: 'RAG rating',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Please choose a RAG rating.',
      choices: RAG_CHOICES.map((r) => ({ title: RAG_LABELS[r], value: r })),
      ...(rag ? { value: rag } : {}),
    },
    {
      type: 'Input.Toggle',
      id: INPUT_IDS.markComplete,
      title: 'Mark this action complete',
      valueOn: 'true',
      valueOff: 'false',
      value: values?.markComplete ? 'true' : 'false',
    },
  ];
}

/** The progress notes shown as "Earlier" on cards: the newest three, excluding `except` (reassignments and carry-overs are not notes). */
export function earlierUpdates(updates: ProgressUpdate[], exceptId?: string): ProgressUpdate[] {
  return [...updates]
    .filter((u) => u.id !== exceptId && isProgressNote(u))
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .slice(0, 3);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
