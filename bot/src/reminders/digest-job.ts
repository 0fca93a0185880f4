import type { Clock } from '../domain/clock.js';
import { addDays, localDate, weekday } from '../domain/dates.js';
import type { ConversationRef } from '../domain/model.js';
import type { Logger } from '../logger.js';
import type { RoleDirectory } from '../service/roles.js';
import type { PlanStore, ReminderKey } from '../store/plan-store.js';
import { forEachConcurrently } from './concurrency.js';
import { composeDigest, type DigestConfig } from './digest-builder.js';
import type { Notifier } from './notifier.js';
import { ConversationDirectory, NO_CONVERSATION_REASON } from './recipients.js';
import { emptyReport, reportCounts, type ReportItem, type RunReport } from './run-report.js';
import { CLAIMED_ELSEWHERE, sendClaimed } from './claimed-send.js';

export interface DigestJobDeps {
  store: PlanStore;
  notifier: Notifier;
  clock: Clock;
  config: DigestConfig & { SEND_CONCURRENCY?: number; REMINDER_LEASE_MINUTES: number };
  /** The E&D leads come from ED_LEADS (emails or object ids). */
  roles: RoleDirectory;
  logger: Logger;
}

/** Ledger key of a lead's digest for the week containing `today`: one per lead per week. */
export function digestKey(leadObjectId: string, today: string): ReminderKey {
  const monday = addDays(today, 1 - weekday(today));
  return { actionId: `digest:${leadObjectId.toLowerCase()}`, stage: `digest-${monday}`, dueDate: '' };
}

/**
 * Sends this week's digest to every E&D lead who has not had it yet: built
 * once from the store, sent to each lead's Teams conversation (matched by
 * email or object id). A lead who has not installed the app, or whom Teams
 * refuses, is reported. Safe to run every working day: the ledger lets each
 * lead have one digest a week (normally Monday's; a later day catches up
 * after downtime).
 */
export async function runDigest(deps: DigestJobDeps): Promise<RunReport> {
  const { store, clock, config } = deps;
  const now = clock.now();
  const today = localDate(now, config.TIMEZONE);
  const report = emptyReport('digest', today);
  const [actions, ledger, conversations, metrics, health] = await Promise.all([
    store.listActions(),
    store.listReminders(),
    store.listConversations(),
    store.listMetrics(),
    store.health(),
  ]);
  const digest = composeDigest({ actions, ledger, conversations, metrics, failedWrites: health.failedWrites ?? 0 }, now, config);
  const directory = new ConversationDirectory(conversations);
  const sent = new Set(ledger.filter((e) => e.state === 'sent').map((e) => `${e.actionId}|${e.stage}`));
  const leads = new Map<string, { conversation: ConversationRef; item: ReportItem }>();

  for (const key of deps.roles.leadKeys()) {
    const conversation = directory.forKey(key);
    const stage = digestKey(conversation?.aadObjectId ?? key, today).stage;
    const item: ReportItem = { subject: 'weekly digest', stage, who: conversation?.displayName ?? key };
    if (!conversation)
      report.skipped.push({
        ...item,
        reason: 'no-conversation',
        detail: `${NO_CONVERSATION_REASON} (a group id cannot be matched to a person here)`,
      });
    else if (conversation.unreachableReason)
      report.skipped.push({ ...item, reason: 'unreachable', detail: conversation.unreachableReason });
    else leads.set(conversation.aadObjectId.toLowerCase(), { conversation, item });
  }

  await forEachConcurrently([...leads.values()], config.SEND_CONCURRENCY ?? 16, async ({ conversation, item }) => {
    const key = digestKey(conversation.aadObjectId, today);
    if (sent.has(`${key.actionId}|${key.stage}`)) {
      report.skipped.push({ ...item, reason: 'already-sent', detail: "this week's digest has already gone to them" });
      return;
    }
    const ledgerDeps = { ...deps, leaseMinutes: config.REMINDER_LEASE_MINUTES };
    const outcome = await sendClaimed(ledgerDeps, key, conversation, () => deps.notifier.sendDigest(conversation, digest));
    if (outcome.kind === 'claimed-elsewhere') {
      report.skipped.push({ ...item, reason: 'claimed-elsewhere', detail: CLAIMED_ELSEWHERE });
      return;
    }
    const tried = outcome.retry ? { ...item, retry: outcome.retry } : item;
    if (outcome.kind === 'sent') report.sent.push(tried);
    else report.failed.push({ ...tried, permanent: outcome.permanent, detail: outcome.detail });
  });
  deps.logger.info('Digest run finished', { today, ...reportCounts(report) });
  return report;
}
