import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { addDays, daysBetween, localDate, weekday } from '../domain/dates.js';
import { formatValue, indicatorTrends } from '../domain/indicator-evidence.js';
import { RAGS, type Action, type ConversationRef, type IndicatorMetric, type Rag, type ReminderSent } from '../domain/model.js';
import { daysSinceActivity } from '../domain/reminder-policy.js';
import { isCarriedOver, isClosed, isOverdue } from '../domain/rules.js';
import type { PlanStore } from '../store/plan-store.js';
import type { Digest, DigestAction } from './digest.js';
import { installEntries } from './proactive-install.js';
import { ConversationDirectory, ownerKey, reachOwner } from './recipients.js';
import { undeliveredReminders } from './undelivered.js';

/** Reminders without an update since, from which an owner counts as not answering. */
const NOT_ANSWERING_AFTER = 3;

/** The configuration the digest reads. */
export type DigestConfig = Pick<Config, 'TIMEZONE' | 'STALE_AFTER_DAYS' | 'PUBLIC_URL'> & Partial<Pick<Config, 'PROACTIVE_INSTALL'>>;

/** Words for an owner the app will be installed for (PROACTIVE_INSTALL) when their first reminder is due. */
const INSTALL_LATER_REASON = 'has not opened the app in Teams yet; it is installed for them with their first reminder';

/** Everything the digest is computed from, as read from the store. */
export interface DigestInputs {
  actions: readonly Action[];
  ledger: readonly ReminderSent[];
  conversations: readonly ConversationRef[];
  metrics: readonly IndicatorMetric[];
  /** Writes the store set aside for good (StoreHealth.failedWrites). */
  failedWrites?: number;
}

/**
 * Builds the E&D lead's digest from the store as of `clock.now()`. Used by
 * the weekly digest job, the bot's `digest` chat command and its install
 * greeting.
 */
export async function buildDigest(deps: { store: PlanStore; clock: Clock; config: DigestConfig }): Promise<Digest> {
  const { store } = deps;
  const [actions, ledger, conversations, metrics, health] = await Promise.all([
    store.listActions(),
    store.listReminders(),
    store.listConversations(),
    store.listMetrics(),
    store.health(),
  ]);
  return composeDigest({ actions, ledger, conversations, metrics, failedWrites: health.failedWrites ?? 0 }, deps.clock.now(), deps.config);
}

/**
 * The digest as of `now` (pure). Overdue actions grouped by owner, most
 * overdue first; actions with no update for STALE_AFTER_DAYS; owners
 * reminded three or more times with no update since; owners with open
 * actions the bot cannot reach (no named person, app not installed, or
 * Teams refused); reminders that could not be delivered, with the reason;
 * progress updates set aside because they can never reach SharePoint; RAG counts; indicators that worsened with no open action.
 */
export function composeDigest(inputs: DigestInputs, now: Date, config: DigestConfig): Digest {
  const today = localDate(now, config.TIMEZONE);
  const open = inputs.actions.filter((a) => !isClosed(a));
  const directory = new ConversationDirectory(inputs.conversations);
  const sunday = addDays(today, 7 - weekday(today));
  const stale = open
    .map((a) => ({ ...digestAction(a, daysSinceActivity(a, today, config.TIMEZONE)), owner: reachOwner(a, directory).who }))
    .filter((a) => a.days >= config.STALE_AFTER_DAYS)
    .sort((x, y) => y.days - x.days);
  const byRag = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
  // A carried-over action is counted in its copy, under its own word, not under a colour.
  for (const a of inputs.actions) if (!isCarriedOver(a)) byRag[a.rag]++;
  const overdue = open.filter((a) => isOverdue(a, today));
  return {
    today,
    counts: {
      actions: inputs.actions.length,
      overdue: overdue.length,
      dueThisWeek: open.filter((a) => a.dueDate !== null && a.dueDate >= today && a.dueDate <= sunday).length,
      stale: stale.length,
      byRag,
    },
    overdueByOwner: overdueByOwner(overdue, directory, today),
    stale,
    notAnswering: notAnswering(open, inputs.ledger),
    unreachable: unreachable(open, directory, whyNotInstalled(inputs.ledger, config)),
    undelivered: undeliveredReminders(inputs, now, today),
    ...(inputs.failedWrites ? { failedWrites: inputs.failedWrites } : {}),
    worsenedWithoutAction: worsenedWithoutAction(open, inputs.metrics),
    tabUrl: `${config.PUBLIC_URL.replace(/\/+$/, '')}/tab/`,
  };
}

function digestAction(a: Action, days: number): DigestAction {
  return { id: a.id, ref: a.ref, title: a.title, days, lastUpdate: a.latestUpdate };
}

function overdueByOwner(overdue: readonly Action[], directory: ConversationDirectory, today: string): Digest['overdueByOwner'] {
  const groups = new Map<string, Digest['overdueByOwner'][number]>();
  for (const a of overdue) {
    const reach = reachOwner(a, directory);
    const key = ownerKey(a);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { owner: reach.who, reachable: reach.kind === 'reachable', actions: [] }));
    group.actions.push(digestAction(a, daysBetween(a.dueDate!, today)));
  }
  const list = [...groups.values()];
  for (const g of list) g.actions.sort((x, y) => y.days - x.days);
  return list.sort((x, y) => y.actions[0]!.days - x.actions[0]!.days || x.owner.localeCompare(y.owner, 'en-GB'));
}

/** Per owner: deadline reminders sent after the action's last update, summed over their open actions. */
function notAnswering(open: readonly Action[], ledger: readonly ReminderSent[]): Digest['notAnswering'] {
  const sentByAction = new Map<string, ReminderSent[]>();
  for (const e of ledger) {
    if (e.state !== 'sent' || e.stage.startsWith('digest')) continue;
    sentByAction.set(e.actionId, [...(sentByAction.get(e.actionId) ?? []), e]);
  }
  const owners = new Map<string, { owner: string; timesReminded: number; since: string }>();
  for (const a of open) {
    if (!a.owner) continue;
    const lastActivity = a.latestUpdate?.submittedAt ?? a.updatedAt;
    const unanswered = (sentByAction.get(a.id) ?? []).filter((e) => Date.parse(e.sentAt) > Date.parse(lastActivity));
    if (!unanswered.length) continue;
    const key = ownerKey(a);
    const entry = owners.get(key) ?? { owner: a.owner.displayName, timesReminded: 0, since: unanswered[0]!.sentAt };
    entry.timesReminded += unanswered.length;
    for (const e of unanswered) if (Date.parse(e.sentAt) < Date.parse(entry.since)) entry.since = e.sentAt;
    owners.set(key, entry);
  }
  return [...owners.values()].filter((o) => o.timesReminded >= NOT_ANSWERING_AFTER).sort((x, y) => y.timesReminded - x.timesReminded);
}

/**
 * Why an owner with no Teams conversation has none, by owner key: the
 * reason the last attempt to install the app for them failed (PROACTIVE_INSTALL).
 */
function whyNotInstalled(ledger: readonly ReminderSent[], config: DigestConfig): (key: string) => string | undefined {
  const installs = installEntries(ledger);
  return (key) => {
    const entry = installs.get(key);
    if (entry?.state === 'failed' && entry.failure) return entry.failure;
    if (entry?.state === 'pending') return 'the app is being installed for them';
    return config.PROACTIVE_INSTALL ? INSTALL_LATER_REASON : undefined;
  };
}

function unreachable(
  open: readonly Action[],
  directory: ConversationDirectory,
  notInstalled: (key: string) => string | undefined,
): Digest['unreachable'] {
  const owners = new Map<string, Digest['unreachable'][number]>();
  for (const a of open) {
    const reach = reachOwner(a, directory);
    if (reach.kind === 'reachable') continue;
    const key = ownerKey(a);
    const reason = (reach.kind === 'no-conversation' && notInstalled(key)) || reach.reason;
    const entry = owners.get(key) ?? { owner: reach.who, reason, openActions: 0 };
    entry.openActions++;
    owners.set(key, entry);
  }
  return [...owners.values()].sort((x, y) => y.openActions - x.openActions || x.owner.localeCompare(y.owner, 'en-GB'));
}

function worsenedWithoutAction(open: readonly Action[], metrics: readonly IndicatorMetric[]): Digest['worsenedWithoutAction'] {
  const covered = new Set(open.flatMap((a) => a.indicators));
  return indicatorTrends(metrics)
    .filter((t) => t.direction === 'worse' && !covered.has(t.indicator))
    .map((t) => {
      const computed = t.values.filter((v) => v.value !== null);
      const [prev, last] = [computed.at(-2)!, computed.at(-1)!];
      return { indicator: t.indicator, summary: `${prev.year} ${formatValue(prev)} → ${last.year} ${formatValue(last)}` };
    });
}
