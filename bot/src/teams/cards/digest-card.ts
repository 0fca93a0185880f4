import { addDays, shortDate, weekday } from '../../domain/dates.js';
import { indicatorLabel } from '../../domain/indicators.js';
import type { Rag } from '../../domain/model.js';
import type { Digest, DigestAction } from '../../reminders/digest.js';
import { safeText } from './escape.js';
import { adaptiveCard, openPlanAction, text, type CardElement } from './parts.js';

/** Lines shown per section before "… and N more"; keeps the digest well under 80 KB. */
export const DIGEST_LIST_CAP = 15;
const TITLE_MAX = 90;

/**
 * The E&D lead's weekly digest: week-of heading, counts, RAG counts with
 * words, overdue actions by owner (days and last update), owners the bot
 * cannot reach in Teams, reminders that could not be delivered (and why),
 * owners not answering, stale actions, indicators that worsened with no
 * open action, and "Open the plan".
 */
export function digestCard(digest: Digest): CardElement {
  const monday = addDays(digest.today, 1 - weekday(digest.today));
  const c = digest.counts;
  const body: CardElement[] = [
    text(`WRES action plan — week of ${shortDate(monday, digest.today).replace(/^\w+ /, '')}`, { weight: 'Bolder', size: 'Large' }),
    text(`${c.overdue} overdue · ${c.dueThisWeek} due this week · ${c.stale} with no recent update · ${c.actions} actions in all`, {
      spacing: 'Small',
    }),
    text(ragCounts(c.byRag), { isSubtle: true, spacing: 'None' }),
  ];
  body.push(...section('Overdue, by owner', overdueLines(digest), 'Nothing is overdue.'));
  if (digest.unreachable.length) {
    body.push(
      ...section(
        'Not reachable in Teams',
        digest.unreachable.map((u) => `${safeText(u.owner, 80)} — ${safeText(u.reason, 160)} · ${plural(u.openActions, 'open action')}`),
      ),
    );
  }
  if (digest.undelivered.length) {
    body.push(
      ...section(
        'Reminders that could not be delivered',
        digest.undelivered.map(
          (u) =>
            `${safeText(u.who, 80)} — ${safeText(u.what, 120)}${u.title ? ` (${safeText(u.title, 60)})` : ''}: ${safeText(u.reason, 160)} · ${plural(u.attempts, 'attempt')}, last ${shortDate(u.lastTriedAt.slice(0, 10), digest.today)}`,
        ),
      ),
    );
  }
  if (digest.failedWrites) {
    body.push(
      ...section('Progress updates not saved to SharePoint', [
        `${plural(digest.failedWrites, 'progress update')} could not be written to SharePoint and ${digest.failedWrites === 1 ? 'was' : 'were'} set aside, kept for a person to look at: ask the service's administrator (wres status and the service log say why).`,
      ]),
    );
  }
  if (digest.notAnswering.length) {
    body.push(
      ...section(
        'Not answering',
        digest.notAnswering.map(
          (n) =>
            `${safeText(n.owner, 80)} — reminded ${plural(n.timesReminded, 'time')} since ${shortDate(n.since.slice(0, 10), digest.today)}`,
        ),
      ),
    );
  }
  if (digest.stale.length) {
    body.push(
      ...section(
        'No update for a while',
        digest.stale.map((s) => `${safeText(s.owner, 80)} — ${actionLine(s)} (${plural(s.days, 'day')} since the last update)`),
      ),
    );
  }
  if (digest.worsenedWithoutAction.length) {
    body.push(
      ...section(
        'Indicators that worsened — no open action',
        digest.worsenedWithoutAction.map((w) => `${indicatorLabel(w.indicator)}: ${safeText(w.summary, 200)}`),
      ),
    );
  }
  return adaptiveCard(body, [openPlanAction(digest.tabUrl)]);
}

function ragCounts(byRag: Record<Rag, number>): string {
  const parts = (['Red', 'Amber', 'Green', 'Blue'] as const).map((r) => `${r === 'Blue' ? 'Blue (complete)' : r} ${byRag[r] ?? 0}`);
  if (byRag.None) parts.push(`Not rated ${byRag.None}`);
  return parts.join(' · ');
}

function overdueLines(digest: Digest): string[] {
  const lines: string[] = [];
  for (const group of digest.overdueByOwner) {
    const owner = `${safeText(group.owner, 80)}${group.reachable ? '' : ' (not reachable in Teams)'}`;
    for (const a of group.actions) {
      const last = a.lastUpdate ? ` · last update ${shortDate(a.lastUpdate.submittedAt.slice(0, 10), digest.today)}` : ' · no updates yet';
      lines.push(`${owner} — ${actionLine(a)} (${plural(a.days, 'day')} overdue${last})`);
    }
  }
  return lines;
}

function actionLine(a: Pick<DigestAction, 'ref' | 'title'>): string {
  return `**${safeText(a.ref, 20)}** ${safeText(a.title, TITLE_MAX)}`;
}

function section(title: string, lines: string[], empty?: string): CardElement[] {
  if (!lines.length && !empty) return [];
  const shown = lines.slice(0, DIGEST_LIST_CAP);
  const items = shown.map((l) => text(l, { spacing: 'Small', size: 'Small' }));
  if (!lines.length && empty) items.push(text(empty, { spacing: 'Small', isSubtle: true }));
  if (lines.length > shown.length)
    items.push(text(`… and ${lines.length - shown.length} more in the plan`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  return [{ type: 'Container', separator: true, spacing: 'Medium', items: [text(title, { weight: 'Bolder' }), ...items] }];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
