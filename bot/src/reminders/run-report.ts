import { isDigestStage, stageInWords } from '../domain/reminder-stages.js';

/** Why a run sent something that had been claimed before. */
export type RetryKind =
  /** The last attempt failed (its reason was recorded). */
  | 'after-failure'
  /** A run claimed it and stopped before finishing; it may have arrived already. */
  | 'after-interruption';

/** One reminder or digest the run dealt with. */
export interface ReportItem {
  /** What it was about: "action 2.3" or "weekly digest". */
  subject: string;
  actionId?: string;
  /** Ledger stage, e.g. `due-7`, `digest-2026-03-09` (`stageInWords` says it in words). */
  stage: string;
  /** The person it was for, as users know them. */
  who: string;
  /** Set when it had been claimed before: after a failed attempt, or after a run that stopped while sending it. */
  retry?: RetryKind;
  /** Set when the app was installed for the person in this run, so that the reminder could reach them (PROACTIVE_INSTALL). */
  installed?: true;
  /** The organisation it was for, "North Trust (RXX)"; absent with no organisation registered. */
  organisation?: string;
}

/** Why something due was not sent. */
type SkipReason =
  | 'already-sent'
  | 'claimed-elsewhere'
  | 'no-owner'
  | 'no-conversation'
  | 'unreachable'
  /** The action changed (updated, completed, removed) after the run read the plan. */
  | 'changed-since-planned'
  /** The app could not be installed for the owner until someone changes something (licence, policy, account). */
  | 'not-installed'
  /** Installing the app for the owner has not finished (throttled, Graph unreachable, Teams not yet ready): the next run tries again. */
  | 'install-pending';

/** What one reminder or digest run did: nothing due is ever left out silently. */
export interface RunReport {
  job: 'reminders' | 'digest';
  /** `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  sent: ReportItem[];
  skipped: (ReportItem & { reason: SkipReason; detail: string })[];
  /** `permanent`: Teams refused for good and the person is now marked unreachable. */
  failed: (ReportItem & { permanent: boolean; detail: string })[];
  /**
   * Organisations whose run stopped with an error (their plan could not be
   * read, say): what was not sent stays owed in their ledger, and the next
   * run catches up. Absent when every organisation ran to the end.
   */
  notRun?: { organisation: string; detail: string }[];
}

/** An empty report for `job` on `today`. */
export function emptyReport(job: RunReport['job'], today: string): RunReport {
  return { job, today, sent: [], skipped: [], failed: [] };
}

/** How many a run sent again after an interrupted run: each may have arrived twice. */
function retriedAfterInterruption(report: RunReport): number {
  return report.sent.filter((s) => s.retry === 'after-interruption').length;
}

/** How many were sent, skipped and failed: the fields of a run's "finished" log line. */
export function reportCounts(report: RunReport): { sent: number; skipped: number; failed: number; retriedAfterInterruption: number } {
  return {
    sent: report.sent.length,
    skipped: report.skipped.length,
    failed: report.failed.length,
    retriedAfterInterruption: retriedAfterInterruption(report),
  };
}

/** What a report item was, in words: "the 7-day reminder for action 2.3", "the weekly digest (week of 9 Mar 2026)". */
export function itemInWords(item: Pick<ReportItem, 'subject' | 'stage' | 'organisation'>, today: string): string {
  const words = stageInWords(item.stage, today);
  const of = item.organisation ? ` of ${item.organisation}` : '';
  return isDigestStage(item.stage) ? `the ${words}${of}` : `the ${words} for ${item.subject}${of}`;
}

/**
 * One report for a cycle over several organisations: every item tagged with
 * its organisation (so nothing is lost in the sum), `today` the first
 * organisation's.
 */
export function mergeReports(
  job: RunReport['job'],
  today: string,
  parts: { organisation: string; report: RunReport }[],
  notRun: readonly { organisation: string; detail: string }[] = [],
): RunReport {
  const merged = emptyReport(job, parts[0]?.report.today ?? today);
  for (const { organisation, report } of parts) {
    merged.sent.push(...report.sent.map((i) => ({ ...i, organisation })));
    merged.skipped.push(...report.skipped.map((i) => ({ ...i, organisation })));
    merged.failed.push(...report.failed.map((i) => ({ ...i, organisation })));
  }
  return notRun.length ? { ...merged, notRun: [...notRun] } : merged;
}

/** Per organisation, how many were sent, skipped and failed (organisations in the order they first appear). */
function countsByOrganisation(report: RunReport): Map<string, { sent: number; skipped: number; failed: number }> {
  const counts = new Map<string, { sent: number; skipped: number; failed: number }>();
  const add = (items: ReportItem[], field: 'sent' | 'skipped' | 'failed') => {
    for (const { organisation } of items) {
      if (!organisation) continue;
      const c = counts.get(organisation) ?? { sent: 0, skipped: 0, failed: 0 };
      c[field]++;
      counts.set(organisation, c);
    }
  };
  add(report.sent, 'sent');
  add(report.skipped, 'skipped');
  add(report.failed, 'failed');
  return counts;
}

const RETRY_NOTE: Record<RetryKind, string> = {
  'after-failure': ' (tried again after a failed attempt)',
  'after-interruption': ' (again: a run stopped while sending it, so it may have arrived twice)',
};

const INSTALLED_NOTE = ' (the app was installed for them first)';

/** Plain sentences for the command line and the log: a summary line, then one line per item. */
export function describeReport(report: RunReport): string[] {
  const noun = report.job === 'digest' ? ['digest', 'digests'] : ['reminder', 'reminders'];
  const count = (n: number) => `${n} ${n === 1 ? noun[0] : noun[1]}`;
  const what = (item: ReportItem) => itemInWords(item, report.today);
  const lines = [
    `${report.job === 'digest' ? 'Digest' : 'Reminder'} run for ${report.today}: ${count(report.sent.length)} sent, ${report.skipped.length} not sent, ${report.failed.length} failed.`,
  ];
  const byOrg = countsByOrganisation(report);
  if (byOrg.size > 1) for (const [org, c] of byOrg) lines.push(`${org}: ${count(c.sent)} sent, ${c.skipped} not sent, ${c.failed} failed.`);
  const again = retriedAfterInterruption(report);
  if (again > 0) lines.push(`${count(again)} retried after an interrupted run — ${again === 1 ? 'it' : 'they'} may have arrived twice.`);
  for (const s of report.sent)
    lines.push(`Sent ${what(s)} to ${s.who}${s.installed ? INSTALLED_NOTE : ''}${s.retry ? RETRY_NOTE[s.retry] : ''}.`);
  for (const s of report.skipped) lines.push(`Did not send ${what(s)} to ${s.who}: ${s.detail}.`);
  for (const f of report.failed) {
    const next = f.permanent ? ' (now marked not reachable in Teams)' : ' (kept as not delivered; the next run tries again)';
    lines.push(`Could not send ${what(f)} to ${f.who}: ${f.detail}${next}.`);
  }
  for (const n of report.notRun ?? [])
    lines.push(`Stopped for ${n.organisation}: ${n.detail}. Whatever it did not send is still owed; the next run tries again.`);
  return lines;
}
