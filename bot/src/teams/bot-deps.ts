import type { BankHolidayDivision } from '../domain/bank-holidays.js';
import type { Clock } from '../domain/clock.js';
import type { ReminderPolicyConfig } from '../domain/reminder-policy.js';
import type { Logger } from '../logger.js';
import type { Digest } from '../reminders/digest.js';
import type { RoleDirectory } from '../service/roles.js';
import type { PlanService } from '../service/plan-service.js';
import type { Reassignments } from '../service/reassignments.js';
import type { PlanStore } from '../store/plan-store.js';

/** Builds the E&D lead's digest as of now (the reminders module's buildDigest). */
type DigestSource = () => Promise<Digest>;

/** Settings the bot reads from configuration. */
export interface BotSettings {
  /** Base URL of the service (PUBLIC_URL): cards link to its tab. */
  publicUrl: string;
  /** IANA time zone of the organisation (TIMEZONE). */
  timeZone: string;
  /** When reminders fall due (REMINDER_OFFSETS_DAYS, STALE_AFTER_DAYS, TIMEZONE): `remind me` previews them. */
  reminderPolicy: Omit<ReminderPolicyConfig, 'bankHolidays'>;
  /** Whose bank holidays are not working days (BANK_HOLIDAYS); the dates in force are read from the store when needed. */
  bankHolidays: BankHolidayDivision;
  /** Development-only chat commands such as `remind me`; false in production, where they are refused politely. */
  devCommands: boolean;
}

/** Everything the Teams bot's handlers need, built by the composition root. */
export interface BotDeps {
  settings: BotSettings;
  store: PlanStore;
  service: PlanService;
  roles: RoleDirectory;
  clock: Clock;
  logger: Logger;
  /** The lead's digest; without it the `digest` command and the lead's welcome say it is unavailable. */
  digest?: DigestSource;
  /** The `reassign` command (E&D leads); without it the command says it is unavailable. */
  reassignments?: Reassignments;
}
