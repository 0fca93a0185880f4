/** One reminder or digest the run dealt with. */
export interface ReportItem {
  /** What it was about: "action 2.3" or "weekly digest". */
  subject: string;
  actionId?: string;
  /** Ledger stage, e.g. `due-7`, `digest-2026-03-09`. */
  stage: string;
  /** The person it was for, as users know them. */
  who: string;
}

/** Why something due was not sent. */
export type SkipReason = 'already-sent' | 'claimed-elsewhere' | 'no-owner' | 'no-conversation' | 'unreachable';

/** What one reminder or digest run did: nothing due is ever left out silently. */
export interface RunReport {
  job: 'reminders' | 'digest';
  /** `YYYY-MM-DD` in the organisation's time zone. */
  today: string;
  sent: ReportItem[];
  skipped: (ReportItem & { reason: SkipReason; detail: string })[];
  /** `permanent`: Teams refused for good and the person is now marked unreachable. */
  failed: (ReportItem & { permanent: boolean; detail: string })[];
}

/** An empty report for `job` on `today`. */
export function emptyReport(job: RunReport['job'], today: string): RunReport {
  return { job, today, sent: [], skipped: [], failed: [] };
}

/** How many were sent, skipped and failed: the fields of a run's "finished" log line. */
export function reportCounts(report: RunReport): { sent: number; skipped: number; failed: number } {
  return { sent: report.sent.length, skipped: report.skipped.length, failed: report.failed.length };
}

/** Plain sentences for the command line and the log: a summary line, then one line per skip or failure. */
export function describeReport(report: RunReport): string[] {
  const noun = report.job === 'digest' ? ['digest', 'digests'] : ['reminder', 'reminders'];
  const count = (n: number) => `${n} ${n === 1 ? noun[0] : noun[1]}`;
  const lines = [
    `${report.job === 'digest' ? 'Digest' : 'Reminder'} run for ${report.today}: ${count(report.sent.length)} sent, ${report.skipped.length} not sent, ${report.failed.length} failed.`,
  ];
  for (const s of report.sent) lines.push(`Sent ${label(s)} to ${s.who}.`);
  for (const s of report.skipped) lines.push(`Did not send ${label(s)} to ${s.who}: ${s.detail}.`);
  for (const f of report.failed) {
    lines.push(
      `Could not send ${label(f)} to ${f.who}: ${f.detail}${f.permanent ? ' (now marked not reachable in Teams)' : ' (will be tried again on the next run)'}.`,
    );
  }
  return lines;
}

function label(item: ReportItem): string {
  return `${item.subject} (${item.stage})`;
}
