import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { addDays, localDate } from '../domain/dates.js';
import type { Action, ConversationRef, Person } from '../domain/model.js';
import { remindersDue, type DueReminder, type ReminderPolicyConfig } from '../domain/reminder-policy.js';
import { isClosed, isCarriedOver, isComplete } from '../domain/rules.js';
import { bankHolidayDates, yearsNotKnown } from '../holidays/bank-holiday-calendar.js';
import type { Logger } from '../logger.js';
import type { PlanStore, ReminderKey } from '../store/plan-store.js';
import { forEachConcurrently } from './concurrency.js';
import type { Notifier } from './notifier.js';
import { personKey, type ProactiveInstaller } from './proactive-install.js';
import { ConversationDirectory, ownerKey as ownerKeyOf, reachOwner } from './recipients.js';
import { emptyReport, reportCounts, type ReportItem, type RunReport } from './run-report.js';
import { CLAIMED_ELSEWHERE, sendClaimed } from './claimed-send.js';
import type { CycleHold } from './cycle-lease.js';

/** Why a run that lost the cycle lease left a reminder: the instance that took the cycle over sends it. */
const LEASE_LOST = 'this instance lost the reminder cycle to another instance, which sends it (if that instance stops, a later run does)';

/** The configuration the reminder job reads. */
type ReminderJobConfig = Pick<
  Config,
  'REMINDER_OFFSETS_DAYS' | 'STALE_AFTER_DAYS' | 'TIMEZONE' | 'REMINDER_LEASE_MINUTES' | 'BANK_HOLIDAYS'
> &
  Partial<Pick<Config, 'SEND_CONCURRENCY'>>;

export interface ReminderJobDeps {
  store: PlanStore;
  notifier: Notifier;
  clock: Clock;
  config: ReminderJobConfig;
  logger: Logger;
  /** PROACTIVE_INSTALL: installs the app for owners who have no Teams conversation yet; without it they are reported. */
  install?: ProactiveInstaller;
  /** The cycle lease this run holds (several instances): once it is lost, nothing more is sent and the rest is left to the instance that took over. */
  hold?: CycleHold;
}

/** The policy's settings from configuration (the bank holidays in force are read from the store for each run). */
export function policySettings(
  config: Pick<Config, 'REMINDER_OFFSETS_DAYS' | 'STALE_AFTER_DAYS' | 'TIMEZONE'>,
): Omit<ReminderPolicyConfig, 'bankHolidays'> {
  return { offsetsDays: config.REMINDER_OFFSETS_DAYS, staleAfterDays: config.STALE_AFTER_DAYS, timeZone: config.TIMEZONE };
}

interface Delivery {
  action: Action;
  due: DueReminder;
  conversation: ConversationRef;
  item: ReportItem;
}

/** A due reminder whose owner is a person with no Teams conversation yet. */
type Unreached = Omit<Delivery, 'conversation'> & { owner: Person; detail: string };

/**
 * One reminder run as of `clock.now()`: for every open action, the stages the
 * policy says are due (a stage counts as done once the ledger has it sent).
 * Each is re-read just before sending
 * (an action updated, completed or removed since the run began is skipped
 * and reported), claimed in the ledger under a lease (a live claim
 * elsewhere means skip), sent through the Notifier, then marked sent. A
 * failure is recorded with its reason and retried by the next run; a
 * permanent one (403) also marks the owner unreachable. A claim left by a
 * run that died is taken over once its lease has run out and reported as
 * "may have arrived twice". With `install` (PROACTIVE_INSTALL), owners with
 * no conversation get the app installed first. Owners without a person, a
 * conversation or delivery are reported, never skipped silently.
 */
export async function runReminders(deps: ReminderJobDeps): Promise<RunReport> {
  const planned = await planReminders(deps);
  await forEachConcurrently(planned.queues, deps.config.SEND_CONCURRENCY ?? 16, (send) => send());
  deps.logger.info('Reminder run finished', { today: planned.report.today, ...reportCounts(planned.report) });
  return planned.report;
}

/** A reminder run planned but not yet sent: one send per person (their reminders in order), the report they fill in. */
export interface PlannedReminders {
  report: RunReport;
  /** One per person, the longest first; each sends that person's reminders one after another. */
  queues: (() => Promise<void>)[];
}

/**
 * Plans a reminder run as of `clock.now()` in `deps`' organisation (its
 * store, settings and time zone): what is due and to whom, with the owners
 * who cannot be reached already in the report. Sending is left to the
 * caller, so several organisations' runs can share one paced stream.
 */
export async function planReminders(deps: ReminderJobDeps): Promise<PlannedReminders> {
  const { store, clock, config } = deps;
  const now = clock.now();
  const today = localDate(now, config.TIMEZONE);
  const report = emptyReport('reminders', today);
  const [actions, ledger, conversations, bankHolidays] = await Promise.all([
    store.listActions(),
    store.listReminders(),
    store.listConversations(),
    bankHolidayDates(store, config.BANK_HOLIDAYS),
  ]);
  const directory = new ConversationDirectory(conversations);
  // Only a sent stage is done: a claimed, failed or lapsed one is due again, and the claim decides who sends it.
  const ledgerByAction = groupBy(
    ledger.filter((e) => e.state === 'sent'),
    (e) => e.actionId,
  );
  const policy: ReminderPolicyConfig = { ...policySettings(config), bankHolidays };
  warnIfHolidaysUnknown(deps, bankHolidays, today);
  const deliveries: Delivery[] = [];
  const unreached: Unreached[] = [];
  for (const action of actions) {
    if (isClosed(action)) continue;
    for (const due of remindersDue(action, today, policy, ledgerByAction.get(action.id) ?? [])) {
      const reach = reachOwner(action, directory);
      const item: ReportItem = { subject: `action ${action.ref}`, actionId: action.id, stage: due.stage, who: reach.who };
      if (reach.kind === 'reachable') deliveries.push({ action, due, conversation: reach.conversation, item });
      else if (reach.kind === 'no-conversation' && deps.install)
        unreached.push({ action, due, item, owner: action.owner!, detail: reach.reason });
      else report.skipped.push({ ...item, reason: reach.kind, detail: reach.reason });
    }
  }
  if (deps.install && unreached.length) deliveries.push(...(await installFor(unreached, deps.install, report)));

  // One queue per person, in plan order: their reminders go one after another (and stop after a refusal),
  // while different people are served in parallel, the longest queues first.
  const queues = [...groupBy(deliveries, (d) => d.conversation.aadObjectId.toLowerCase()).values()].sort((x, y) => y.length - x.length);
  return {
    report,
    queues: queues.map((queue) => async () => {
      for (const d of queue) {
        // An instance that lost the cycle lease stops: the one that took it over sends the rest.
        if (deps.hold?.held() === false) report.skipped.push({ ...d.item, reason: 'claimed-elsewhere', detail: LEASE_LOST });
        else await deliver(d, deps, directory, today, report);
      }
    }),
  };
}

async function deliver(
  d: Delivery,
  deps: ReminderJobDeps,
  directory: ConversationDirectory,
  today: string,
  report: RunReport,
): Promise<void> {
  // An earlier delivery in this run may have found this person unreachable.
  const person = directory.forPerson(d.conversation);
  if (person?.unreachableReason) {
    report.skipped.push({ ...d.item, reason: 'unreachable', detail: person.unreachableReason });
    return;
  }
  // The run may have been paced for minutes: someone may have answered or completed the action meanwhile.
  const changed = changeSincePlanned(d.action, await deps.store.getAction(d.action.id));
  if (changed) {
    report.skipped.push({ ...d.item, reason: 'changed-since-planned', detail: changed });
    return;
  }
  const key: ReminderKey = { actionId: d.action.id, stage: d.due.stage, dueDate: d.due.dueDate };
  const ledgerDeps = { ...deps, leaseMinutes: deps.config.REMINDER_LEASE_MINUTES };
  const outcome = await sendClaimed(ledgerDeps, key, d.conversation, async () => {
    const recent = (await deps.store.listUpdates(d.action.id)).slice(-3).reverse();
    return deps.notifier.sendReminder(d.conversation, d.action, { stage: d.due.stage, today, recent });
  });
  const item = outcome.kind !== 'claimed-elsewhere' && outcome.retry ? { ...d.item, retry: outcome.retry } : d.item;
  if (outcome.kind === 'sent') report.sent.push(item);
  else if (outcome.kind === 'claimed-elsewhere') report.skipped.push({ ...item, reason: 'claimed-elsewhere', detail: CLAIMED_ELSEWHERE });
  else {
    if (outcome.permanent) directory.markUnreachable(d.conversation, outcome.detail);
    report.failed.push({ ...item, permanent: outcome.permanent, detail: outcome.detail });
  }
}

/** Warns when the bank holidays of the reminders' horizon (today to the furthest offset) are not known: then only weekends count. */
function warnIfHolidaysUnknown(deps: ReminderJobDeps, bankHolidays: ReadonlySet<string>, today: string): void {
  const { config } = deps;
  const notKnown = yearsNotKnown(bankHolidays, today, addDays(today, Math.max(0, ...config.REMINDER_OFFSETS_DAYS)));
  if (notKnown.length === 0) return;
  deps.logger.warn(
    `Bank holidays for ${notKnown.join(' and ')} are not known (BANK_HOLIDAYS=${config.BANK_HOLIDAYS}), so reminders then skip only weekends: import the latest https://www.gov.uk/bank-holidays.json with "wres holidays import FILE"`,
  );
}

/** Installs the app for owners who have no conversation: those now reachable are delivered to, the others reported with the reason. */
async function installFor(unreached: readonly Unreached[], install: ProactiveInstaller, report: RunReport): Promise<Delivery[]> {
  const reach = await install.reach(unreached.map((u) => u.owner));
  const deliveries: Delivery[] = [];
  for (const { owner, detail, ...u } of unreached) {
    const r = reach.get(personKey(owner));
    if (r?.kind === 'reachable') deliveries.push({ ...u, conversation: r.conversation, item: { ...u.item, installed: true } });
    else
      report.skipped.push({
        ...u.item,
        reason: r?.lasting === false ? 'install-pending' : 'not-installed',
        detail: r?.reason ?? detail,
      });
  }
  return deliveries;
}

/** Why a planned reminder no longer fits its action, in words; null when the action is as the run read it. */
function changeSincePlanned(planned: Action, current: Action | null): string | null {
  if (!current) return 'the action is no longer in the plan';
  if (current.version === planned.version) return null;
  if (isComplete(current)) return 'it was marked complete after this run began';
  if (isCarriedOver(current)) return `it was carried over into ${current.carriedTo?.planYear ?? 'the next plan year'} after this run began`;
  if (ownerKeyOf(current) !== ownerKeyOf(planned))
    return `it was reassigned to ${current.owner?.displayName ?? 'someone else'} after this run began; the next run reminds them`;
  return 'it was updated after this run began; the next run looks at it again';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
