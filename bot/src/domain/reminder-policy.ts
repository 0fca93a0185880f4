/**
 * Which reminders an action is due today. Pure: the caller passes the action,
 * today's date in the organisation's time zone, the configuration and the
 * action's ledger entries.
 *
 * The rules, in the words an E&D lead would use:
 *
 * 1. **Deadline reminders.** For each offset N in REMINDER_OFFSETS_DAYS
 *    (default 14, 7, 1, 0) a reminder `due-N` goes N days before the due
 *    date. After the due date, while the action stays open, `overdue-7`,
 *    `overdue-14`, … go every seven days.
 * 2. **Working days only.** A reminder whose day falls on a Saturday, a
 *    Sunday or a bank holiday of the nation configured (BANK_HOLIDAYS) goes
 *    on the working day before: a reminder due on Easter Monday goes on the
 *    Thursday before in England. So on such a day the stages of the days
 *    off that follow are due too; when several stages fall due on the same
 *    day, only the latest of them (the one nearest the deadline or furthest
 *    past it) is sent, so an owner never gets two reminders at once for one
 *    action.
 * 3. **No pile of catch-ups.** If a stage's day passed without it being sent
 *    (the service was down, the action was imported late), it is sent on the
 *    next run only if it is still the latest stage whose day has come; earlier
 *    missed stages are dropped.
 * 4. **Once each.** A stage the ledger has as sent is not due again; the
 *    job passes only sent entries, and the ledger's claim (with its lease)
 *    settles a stage another run is sending, has failed or was interrupted
 *    on. The ledger key is (action, stage, due date), so moving the due date
 *    starts a fresh cycle.
 * 5. **Stale nudges.** An open action with no progress update (else no edit)
 *    for STALE_AFTER_DAYS (default 30) gets one "how is it going?" nudge,
 *    stage `stale-<date of the last update>`: one per quiet spell, dated or
 *    not. It moves off weekends like any reminder, and it waits a day when a
 *    deadline reminder goes (or went) to the action the same day.
 * 6. **Closed actions get nothing**: complete, or carried over into the next
 *    plan year (its copy is reminded instead). Undated actions get only stale nudges.
 *
 * Who receives the reminder (the owner's Teams conversation) is the job's
 * concern, not the policy's: an action with no owner is still "due" here so
 * that the job can report it.
 */
import { addDays, daysBetween, localDate } from './dates.js';
import type { Action, ReminderSent } from './model.js';
import { isClosed } from './rules.js';
import { MAX_DAYS_BACK, workingDayOnOrBefore } from './working-days.js';

/** The settings the policy reads (from REMINDER_OFFSETS_DAYS, STALE_AFTER_DAYS, TIMEZONE, and the BANK_HOLIDAYS calendar). */
export interface ReminderPolicyConfig {
  /** Days before the due date, e.g. `[14, 7, 1, 0]`; any order, duplicates ignored. */
  offsetsDays: readonly number[];
  /** Days without an update before an open action gets a stale nudge. */
  staleAfterDays: number;
  /** IANA time zone in which instants (last update, ledger sends) are read as dates. */
  timeZone: string;
  /** The nation's bank holidays (`YYYY-MM-DD`): not working days, like weekends. */
  bankHolidays: ReadonlySet<string>;
}

/** What a reminder is about: an approaching deadline, a missed one, or silence. */
type ReminderKind = 'due' | 'overdue' | 'stale';

/** One reminder the policy says should go today. */
export interface DueReminder {
  /** Ledger stage: `due-7`, `overdue-14`, `stale-2026-01-31`. */
  stage: string;
  kind: ReminderKind;
  /** The ledger's due date: the action's due date, or '' when it has none. */
  dueDate: string;
  /** The stage's own day, before moving off a weekend or bank holiday. */
  day: string;
  /** The working day it was meant to go; earlier than today for a catch-up. */
  sendOn: string;
}

/** Weekly interval of overdue reminders, in days. */
const OVERDUE_EVERY_DAYS = 7;

/**
 * The reminders due for `action` on `today` (`YYYY-MM-DD`), at most one: a
 * deadline reminder, else a stale nudge, else none. `ledger` holds the
 * action's entries (entries for other actions are ignored).
 */
export function remindersDue(action: Action, today: string, config: ReminderPolicyConfig, ledger: readonly ReminderSent[]): DueReminder[] {
  if (isClosed(action)) return [];
  const mine = ledger.filter((e) => e.actionId === action.id);
  const deadline = action.dueDate ? latestDeadlineStage(action.dueDate, today, config.offsetsDays, config.bankHolidays) : null;
  if (deadline && !mine.some((e) => e.stage === deadline.stage && e.dueDate === deadline.dueDate)) return [deadline];

  const stale = staleStage(action, today, config);
  if (!stale || mine.some((e) => e.stage === stale.stage)) return [];
  const deadlineSentToday = mine.some(
    (e) => !e.stage.startsWith('stale-') && !e.stage.startsWith('digest-') && localDate(new Date(e.sentAt), config.timeZone) === today,
  );
  return deadlineSentToday ? [] : [stale];
}

/**
 * The latest deadline stage whose day, moved off weekends and bank
 * holidays, is on or before `today`, or null when the first reminder is
 * still to come.
 */
function latestDeadlineStage(
  dueDate: string,
  today: string,
  offsetsDays: readonly number[],
  bankHolidays: ReadonlySet<string>,
): DueReminder | null {
  const late = daysBetween(dueDate, today);
  // A stage moves back at most MAX_DAYS_BACK days, so only the weeks from here to there can hold the latest stage.
  const top = Math.floor((late + MAX_DAYS_BACK) / OVERDUE_EVERY_DAYS);
  for (let k = top; k >= 1 && k >= top - Math.ceil(MAX_DAYS_BACK / OVERDUE_EVERY_DAYS); k--) {
    const days = k * OVERDUE_EVERY_DAYS;
    const stage = deadlineStage('overdue', dueDate, addDays(dueDate, days), `overdue-${days}`, bankHolidays);
    if (stage.sendOn <= today) return stage;
  }
  const nearestFirst = [...new Set(offsetsDays)].sort((a, b) => a - b);
  for (const n of nearestFirst) {
    const stage = deadlineStage('due', dueDate, addDays(dueDate, -n), `due-${n}`, bankHolidays);
    if (stage.sendOn <= today) return stage;
  }
  return null;
}

/**
 * Every deadline stage of a due date up to `until` (inclusive, by send day),
 * in order: for showing an action's reminder timeline and for tests.
 */
export function deadlineSchedule(
  dueDate: string,
  offsetsDays: readonly number[],
  until: string,
  bankHolidays: ReadonlySet<string>,
): DueReminder[] {
  const stages = [...new Set(offsetsDays)]
    .sort((a, b) => b - a)
    .map((n) => deadlineStage('due', dueDate, addDays(dueDate, -n), `due-${n}`, bankHolidays));
  for (let k = 1; addDays(dueDate, k * OVERDUE_EVERY_DAYS - MAX_DAYS_BACK) <= until; k++) {
    const days = k * OVERDUE_EVERY_DAYS;
    stages.push(deadlineStage('overdue', dueDate, addDays(dueDate, days), `overdue-${days}`, bankHolidays));
  }
  return stages.filter((s) => s.sendOn <= until);
}

/** The date (in `timeZone`) of the action's last progress update, else of its last edit. */
export function lastActivityDate(action: Pick<Action, 'latestUpdate' | 'updatedAt'>, timeZone: string): string {
  return localDate(new Date(action.latestUpdate?.submittedAt ?? action.updatedAt), timeZone);
}

/** Whole days since the action's last update (see `lastActivityDate`). */
export function daysSinceActivity(action: Pick<Action, 'latestUpdate' | 'updatedAt'>, today: string, timeZone: string): number {
  return daysBetween(lastActivityDate(action, timeZone), today);
}

function staleStage(action: Action, today: string, config: ReminderPolicyConfig): DueReminder | null {
  const last = lastActivityDate(action, config.timeZone);
  const day = addDays(last, config.staleAfterDays);
  const sendOn = workingDayOnOrBefore(day, config.bankHolidays);
  if (sendOn > today) return null;
  return { stage: `stale-${last}`, kind: 'stale', dueDate: action.dueDate ?? '', day, sendOn };
}

function deadlineStage(kind: ReminderKind, dueDate: string, day: string, stage: string, bankHolidays: ReadonlySet<string>): DueReminder {
  return { stage, kind, dueDate, day, sendOn: workingDayOnOrBefore(day, bankHolidays) };
}
