import type { Command } from 'commander';
import { addDays, localDate, shortDate } from '../../domain/dates.js';
import { RAGS, STATUSES } from '../../domain/model.js';
import { summarisePlan } from '../../domain/plan-summary.js';
import { isClosed, isOverdue, RAG_LABELS, STATUS_LABELS } from '../../domain/rules.js';
import type { CliContext } from '../context.js';
import { plural } from '../text.js';
import { warnUnadopted } from '../unadopted.js';
import { IMPLICIT_ORG_ID, orgLabel } from '../../domain/organisation.js';
import { undeliveredReminders, type UndeliveredReminder } from '../../reminders/undelivered.js';

/** The figures `wres status` prints; `--json` prints this object. */
interface PlanStatus {
  /** The registered organisation whose plan this is (absent when none is registered). */
  organisation?: { id: string; name: string };
  /** Actions kept from before organisations were registered, shown to nobody until adopted (absent when none is registered). */
  unadoptedActions?: number;
  store: string;
  today: string;
  timeZone: string;
  actions: number;
  progressNotes: number;
  byRag: Record<string, number>;
  byStatus: Record<string, number>;
  overdue: number;
  dueWithin14Days: number;
  pendingWrites: number;
  /** Writes set aside because they can never be delivered (SharePoint store only), kept for a person to look at. */
  failedWrites?: number;
  /** Reminders and digests that could not be delivered, with the reason; the next run tries them again. */
  undeliveredReminders: UndeliveredReminder[];
}

/**
 * `wres status [--json]`: counts by RAG and status, overdue today, writes
 * waiting for SharePoint, and reminders that could not be delivered (why).
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description(
      'Show how the plan stands: actions by RAG rating and status, how many are overdue today, writes still waiting for SharePoint, and reminders that could not be delivered.',
    )
    .option('--json', 'print the figures as JSON')
    .action(async (flags: { json?: boolean }) => {
      const status = await planStatus(ctx);
      if (status.organisation) status.unadoptedActions = await warnUnadopted(ctx);
      if (flags.json) ctx.out(JSON.stringify(status, null, 2));
      else for (const line of describe(status)) ctx.out(line);
    });
}

async function planStatus(ctx: CliContext): Promise<PlanStatus> {
  const config = ctx.config();
  const store = await ctx.store();
  const [actions, health, ledger, conversations] = await Promise.all([
    store.listActions(),
    store.health(),
    store.listReminders(),
    store.listConversations(),
  ]);
  const org = ctx.organisation();
  const now = ctx.clock.now();
  const today = localDate(now, config.TIMEZONE);
  const soon = addDays(today, 14);
  const summary = summarisePlan(actions, { today, timeZone: config.TIMEZONE, staleAfterDays: config.STALE_AFTER_DAYS });
  return {
    ...(org.id === IMPLICIT_ORG_ID ? {} : { organisation: { id: org.id, name: org.name } }),
    store: health.kind,
    today,
    timeZone: config.TIMEZONE,
    actions: actions.length,
    progressNotes: health.updates,
    byRag: summary.byRag,
    byStatus: summary.byStatus,
    overdue: summary.overdue,
    dueWithin14Days: actions.filter((a) => !isOverdue(a, today) && !isClosed(a) && a.dueDate !== null && a.dueDate <= soon).length,
    pendingWrites: health.pendingWrites,
    ...(health.failedWrites !== undefined ? { failedWrites: health.failedWrites } : {}),
    undeliveredReminders: undeliveredReminders({ ledger, actions, conversations }, now, today),
  };
}

function describe(s: PlanStatus): string[] {
  const heading = s.organisation ? [`${orgLabel(s.organisation)}:`] : [];
  const importCommand = s.organisation ? `wres --org ${s.organisation.id} import plan.docx` : 'wres import plan.docx';
  if (s.actions === 0) return [...heading, `The plan is empty (${s.store} store). Import one with: ${importCommand}`, ...setAsideLines(s)];
  const rag = RAGS.filter((r) => s.byRag[r]).map((r) => `${s.byRag[r]} ${RAG_LABELS[r]}`);
  const status = STATUSES.filter((k) => s.byStatus[k]).map((k) => `${s.byStatus[k]} ${STATUS_LABELS[k].toLowerCase()}`);
  return [
    ...heading,
    `The plan has ${plural(s.actions, 'action')} and ${plural(s.progressNotes, 'progress note')} (${s.store} store).`,
    `RAG rating: ${rag.join(', ')}.`,
    `Status: ${status.join(', ')}.`,
    `Overdue today (${shortDate(s.today)}, ${s.timeZone}): ${s.overdue}.`,
    `Due in the next 14 days: ${s.dueWithin14Days}.`,
    s.store === 'sqlite'
      ? `Changes waiting to be written: ${s.pendingWrites}.`
      : `Changes waiting to be written to SharePoint: ${s.pendingWrites}.`,
    ...setAsideLines(s),
    ...undeliveredLines(s),
  ];
}

/** Writes that can never reach SharePoint, said even when the plan is empty (their action may be what was removed). */
function setAsideLines(s: PlanStatus): string[] {
  if (!s.failedWrites) return [];
  return [
    `Changes that can never be written to SharePoint and were set aside: ${s.failedWrites} (kept in the outbox's failed entries or the poison queue; the service log says why for each).`,
  ];
}

function undeliveredLines(s: PlanStatus): string[] {
  const list = s.undeliveredReminders;
  if (list.length === 0) return ['Reminders that could not be delivered: none.'];
  return [
    `Reminders that could not be delivered: ${list.length} (the next reminder run tries each again):`,
    ...list.map(
      (u) =>
        `  - ${capitalise(u.what)} to ${u.who}: ${u.reason} (${plural(u.attempts, 'attempt')}, last ${shortDate(localDate(new Date(u.lastTriedAt), s.timeZone), s.today)}).`,
    ),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
