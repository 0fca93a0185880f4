import type { CycleHold } from './cycle-lease.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { localDate, weekday } from '../domain/dates.js';
import { bankHolidayDates } from '../holidays/bank-holiday-calendar.js';
import type { Logger } from '../logger.js';
import type { RoleDirectory } from '../service/roles.js';
import type { PlanStore } from '../store/plan-store.js';
import { forEachConcurrently } from './concurrency.js';
import { runDigest } from './digest-job.js';
import type { Notifier } from './notifier.js';
import type { ProactiveInstaller } from './proactive-install.js';
import { planReminders, runReminders, type PlannedReminders } from './reminder-job.js';
import { mergeReports, reportCounts, type RunReport } from './run-report.js';
import { describeError, isAppError } from '../errors.js';

/** One organisation in the cycle: its store and settings, its leads, and the shared sender as this organisation's. */
export interface CycleOrganisation {
  /** "North Trust (RXX)"; null for the implicit organisation (a deployment that registered none). */
  label: string | null;
  store: PlanStore;
  /** The organisation's own configuration (`configFor`): offsets, bank holidays, time zone, stale days, leads. */
  config: Config;
  roles: RoleDirectory;
  /** The one paced sender of the deployment, stamping this organisation's cards. */
  notifier: Notifier;
  install?: ProactiveInstaller;
}

export interface CycleDeps {
  organisations: readonly CycleOrganisation[];
  clock: Clock;
  logger: Logger;
  /** How many people are sent to at once across all organisations (SEND_CONCURRENCY). */
  sendConcurrency?: number;
  /** The cycle lease this run holds (several instances): once it is lost, the rest is left to the instance that took over. */
  hold?: CycleHold;
}

/**
 * The reminder cycle: every organisation's run planned with its own settings
 * and store (claims in its own ledger), then all sent as ONE stream through
 * the shared, paced sender, so the deployment stays within Teams' per-app
 * limit for the tenant. Organisations take turns person by person, so a big
 * trust cannot starve a small one. An organisation on its own bank holiday
 * or weekend sends nothing (its next working day catches up). The report
 * tags each item with its organisation. With only the implicit organisation
 * this is exactly `runReminders`. One call: a cross-instance lease can wrap it.
 */
export async function runReminderCycle(deps: CycleDeps): Promise<RunReport> {
  const { clock, logger } = deps;
  const only = implicitOnly(deps);
  const hold = deps.hold ? { hold: deps.hold } : {};
  if (only) return runReminders({ ...only, clock, logger, ...hold, ...(only.install ? { install: only.install } : {}) });
  const { plans, notRun } = await planReminderCycle(deps);
  await forEachConcurrently(takeTurns(plans.map((p) => p.planned.queues)), deps.sendConcurrency ?? 16, (send) => send());
  const report = mergeReports(
    'reminders',
    fallbackToday(deps),
    plans.map((p) => ({ organisation: p.organisation, report: p.planned.report })),
    notRun,
  );
  logger.info('Reminder cycle finished', { organisations: plans.length, ...reportCounts(report) });
  return report;
}

/**
 * The planning half of the reminder cycle: each working organisation's run
 * planned with its own settings and store, nothing sent yet.
 */
export async function planReminderCycle(
  deps: CycleDeps,
): Promise<{ plans: { organisation: string; planned: PlannedReminders }[]; notRun: NotRun[] }> {
  const { clock, logger } = deps;
  const plans: { organisation: string; planned: PlannedReminders }[] = [];
  const notRun: NotRun[] = [];
  for (const org of await workingToday(deps, 'reminders')) {
    const install = org.install ? { install: org.install } : {};
    const hold = deps.hold ? { hold: deps.hold } : {};
    const planned = await orNotRun(org, 'reminders', notRun, logger, () =>
      planReminders({
        store: org.store,
        notifier: org.notifier,
        clock,
        config: org.config,
        logger,
        ...install,
        ...hold,
      }),
    );
    if (planned) plans.push({ organisation: org.label ?? '', planned });
  }
  return { plans, notRun };
}

/** An organisation whose run stopped, and why. */
type NotRun = NonNullable<RunReport['notRun']>[number];

/**
 * Runs one organisation's part of a cycle. When it fails (its plan cannot
 * be read: its SharePoint site is down), the failure is noted in `notRun`
 * and logged, and the cycle goes on for every other organisation.
 */
async function orNotRun<T>(
  org: CycleOrganisation,
  job: RunReport['job'],
  notRun: NotRun[],
  logger: Logger,
  part: () => Promise<T>,
): Promise<T | null> {
  try {
    return await part();
  } catch (e) {
    const organisation = org.label ?? 'the organisation';
    logger.error(`The ${job} run stopped for ${organisation}: the other organisations' went ahead`, {
      organisation,
      error: describeError(e),
    });
    notRun.push({ organisation, detail: isAppError(e) ? e.message : 'an unexpected error; see the log' });
    return null;
  }
}

/**
 * The digest cycle: each organisation's leads get that organisation's own
 * digest, naming it (a lead of two organisations gets two, each complete on
 * its own), through the same paced sender. With only the implicit
 * organisation this is exactly `runDigest`.
 */
export async function runDigestCycle(deps: CycleDeps): Promise<RunReport> {
  const { clock, logger } = deps;
  const only = implicitOnly(deps);
  if (only) return runDigest({ ...only, clock, logger });
  const parts: { organisation: string; report: RunReport }[] = [];
  const notRun: NotRun[] = [];
  // A few organisations at a time: their leads' digests interleave under the shared pacing.
  await forEachConcurrently(await workingToday(deps, 'digest'), 4, async (org) => {
    const digest = () => runDigest({ store: org.store, notifier: org.notifier, clock, config: org.config, roles: org.roles, logger });
    const report = await orNotRun(org, 'digest', notRun, logger, digest);
    if (report) parts.push({ organisation: org.label ?? '', report });
  });
  const order = new Map(deps.organisations.map((o, i) => [o.label ?? '', i]));
  parts.sort((a, b) => order.get(a.organisation)! - order.get(b.organisation)!);
  notRun.sort((a, b) => order.get(a.organisation)! - order.get(b.organisation)!);
  const report = mergeReports('digest', fallbackToday(deps), parts, notRun);
  logger.info('Digest cycle finished', { organisations: parts.length, ...reportCounts(report) });
  return report;
}

/** Lists of work, one per organisation, taken in turns: A1, B1, C1, A2, B2, … (a long list's tail goes last). */
function takeTurns<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** Today for a report of a cycle in which no organisation was working: in the first organisation's time zone. */
function fallbackToday(deps: CycleDeps): string {
  return localDate(deps.clock.now(), deps.organisations[0]?.config.TIMEZONE ?? 'Europe/London');
}

/** The implicit organisation when it is all the cycle covers (a deployment that registered none), else null. */
export function implicitOnly(deps: Pick<CycleDeps, 'organisations'>): CycleOrganisation | null {
  const [first, ...rest] = deps.organisations;
  return first && rest.length === 0 && first.label === null ? first : null;
}

/** The organisations for which today (in each one's own time zone) is a working day: not a weekend, not one of its bank holidays. */
async function workingToday(deps: CycleDeps, job: RunReport['job']): Promise<CycleOrganisation[]> {
  const now = deps.clock.now();
  const working: CycleOrganisation[] = [];
  for (const org of deps.organisations) {
    const today = localDate(now, org.config.TIMEZONE);
    let holiday = false;
    try {
      holiday = (await bankHolidayDates(org.store, org.config.BANK_HOLIDAYS)).has(today);
    } catch (e) {
      deps.logger.warn('Could not read the bank holidays; running as on any working day', { organisation: org.label, error: String(e) });
    }
    if (weekday(today) > 5 || holiday) {
      deps.logger.info(`${today} is not a working day for ${org.label ?? 'the organisation'}: its ${job} wait for the next one`, { job });
      continue;
    }
    working.push(org);
  }
  return working;
}
