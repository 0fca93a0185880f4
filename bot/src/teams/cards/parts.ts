import { DateTime } from 'luxon';
import { relativeDue, shortDate } from '../../domain/dates.js';
import type { Action, Rag } from '../../domain/model.js';
import { RAG_LABELS } from '../../domain/rules.js';
import { safeText } from './escape.js';

/** A JSON object in an Adaptive Card. */
export type CardElement = Record<string, unknown>;

/** The schema version Teams renders (1.5 or earlier). */
const CARD_VERSION = '1.5';

/** Wraps body and actions in the Adaptive Card envelope every builder returns. */
export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], extra: CardElement = {}): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    ...extra,
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** A wrapping TextBlock; `text` must already be escaped where it holds user text. */
export function text(value: string, options: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

const RAG_STYLE: Record<Rag, string> = { Red: 'attention', Amber: 'warning', Green: 'good', Blue: 'accent', None: 'emphasis' };

/** A RAG badge: a tinted box that always carries the word, never colour alone. */
function ragBadge(rag: Rag, prefix = ''): CardElement {
  return {
    type: 'Container',
    style: RAG_STYLE[rag],
    bleed: false,
    items: [text(`${prefix}${RAG_LABELS[rag]}`, { weight: 'Bolder', size: 'Small', horizontalAlignment: 'Center' })],
  };
}

/** A headline with the RAG badge to its right. */
export function headlineWithBadge(headline: CardElement[], rag: Rag): CardElement {
  return {
    type: 'ColumnSet',
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: headline },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [ragBadge(rag)] },
    ],
  };
}

/** The tab's page for one action. */
export function actionUrl(publicUrl: string, actionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/actions/${encodeURIComponent(actionId)}`;
}

/** The tab's plan overview. */
export function planUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/`;
}

/** The "Open the plan" button. */
export function openPlanAction(url: string): CardElement {
  return { type: 'Action.OpenUrl', title: 'Open the plan', url };
}

/** When an action is due, in words: "due in 7 days (Wed 17 Mar)", "4 days overdue (due Wed 17 Mar)", "ongoing — no due date". */
export function dueWords(action: Pick<Action, 'dueDate' | 'status'>, today: string): { words: string; overdue: boolean } {
  if (action.status === 'Complete') return { words: 'complete', overdue: false };
  if (action.status === 'CarriedOver') return { words: 'carried over into the next plan year', overdue: false };
  if (!action.dueDate) return { words: action.status === 'Ongoing' ? 'ongoing — no due date' : 'no due date', overdue: false };
  const when = shortDate(action.dueDate, today);
  const rel = relativeDue(action.dueDate, today);
  if (rel.endsWith('overdue')) return { words: `${rel} (due ${when})`, overdue: true };
  return { words: `${rel.startsWith('due') ? rel : `due ${rel}`} (${when})`, overdue: false };
}

/** "12 Feb" for an ISO instant, in the organisation's time zone. */
export function localDay(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale('en-GB').toFormat('d LLL');
}

/** "10 Mar 09:14" for an ISO instant, in the organisation's time zone. */
export function localDayTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale('en-GB').toFormat('d LLL HH:mm');
}

/** A message in the attention style, with a word so it does not rely on colour. */
export function attentionBlock(message: string): CardElement {
  return {
    type: 'Container',
    style: 'attention',
    items: [text(`**Please check:** ${safeText(message, 600)}`, { color: 'Attention' })],
  };
}

/** A neutral notice box (e.g. someone else updated the action meanwhile). */
export function noticeBlock(message: string): CardElement {
  return { type: 'Container', style: 'warning', items: [text(safeText(message, 600))] };
}
