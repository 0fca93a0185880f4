import { ORG_SETTING_VARIABLES as VARIABLE, parseOrgSettings } from '../config.js';
import { parseDirectoryValues } from '../domain/directory-membership.js';
import type { OrgSettings, Organisation } from '../domain/organisation.js';
import { AppError } from '../errors.js';
import { listing } from './text.js';

/** The options `wres org add` and `wres org set` share, as commander hands them over. */
export interface OrgFlags {
  name?: string;
  lead?: string[];
  viewer?: string[];
  addLead?: string[];
  removeLead?: string[];
  addViewer?: string[];
  removeViewer?: string[];
  directoryValue?: string[];
  site?: string;
  timeZone?: string;
  reminderOffsets?: string;
  bankHolidays?: string;
  modelEmployerGoal?: string;
  staleAfterDays?: string;
  adopt?: boolean;
}

/** Options of `add` and `set`: [flags, description]. `set` adds the --add-/--remove- ones. */
export const ORG_OPTIONS: readonly (readonly [string, string])[] = [
  ['--lead <who...>', 'E&D leads: emails or Entra object ids (several, or comma-separated)'],
  ['--viewer <who...>', 'board members and other readers: emails or Entra object ids'],
  [
    '--directory-value <value...>',
    'more viewers: the people whose directory attribute (DIRECTORY_ATTRIBUTE, e.g. companyName) is one of these, whole and ignoring case ("" clears)',
  ],
  ['--site <url>', 'its SharePoint site (https URL; the SharePoint store)'],
  ['--time-zone <zone>', `IANA time zone, like ${VARIABLE.timeZone} (default: the deployment’s)`],
  ['--reminder-offsets <days>', `days before a deadline reminders go, like ${VARIABLE.reminderOffsetsDays}`],
  ['--bank-holidays <nation>', `england-and-wales, scotland or northern-ireland, like ${VARIABLE.bankHolidays}`],
  ['--model-employer-goal <percent>', `Model Employer goal, BME %, like ${VARIABLE.modelEmployerGoalPercent}`],
  ['--stale-after-days <days>', `days without an update before an action counts as stale, like ${VARIABLE.staleAfterDays}`],
  ['--adopt', 'move the plan held before organisations were registered (the implicit organisation’s) into this one'],
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** People as given (repeated, or comma/space separated), each an email or an Entra object id; refuses anything else by name. */
function people(given: readonly string[] | undefined, option: string): string[] {
  const all = (given ?? []).flatMap((g) => g.split(/[,;\s]+/)).filter(Boolean);
  const bad = all.filter((p) => !GUID.test(p) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p));
  if (bad.length) throw new AppError('bad_input', `${option}: ${listing(bad.map((b) => `"${b}"`))} is not an email or an Entra object id.`);
  return all;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `list` with `add` appended (no repeats) and `remove` taken out; refuses to remove someone who is not there. */
function edit(list: readonly string[], add: string[], remove: string[], what: string): string[] {
  const missing = remove.filter((r) => !list.some((x) => same(x, r)));
  if (missing.length)
    throw new AppError('bad_input', `${listing(missing)} ${missing.length === 1 ? 'is' : 'are'} not ${what}: nothing was changed.`);
  const kept = list.filter((x) => !remove.some((r) => same(x, r)));
  return [...kept, ...add.filter((a) => !kept.some((x) => same(x, a)))];
}

/** Directory values as given, each whole (a value such as "Leeds and York Partnership NHS Foundation Trust" is one). */
function directoryValuesFrom(given: readonly string[]): string[] {
  const parsed = parseDirectoryValues(given);
  if ('problem' in parsed) throw new AppError('bad_input', `--directory-value: ${parsed.problem}`);
  return parsed.values;
}

function siteFrom(url: string | undefined, current: Organisation['site']): Organisation['site'] {
  if (url === undefined) return current;
  if (url.trim() === '') return undefined;
  const parsed = URL.parse(url.trim());
  if (parsed?.protocol !== 'https:') throw new AppError('bad_input', `--site "${url}" is not an https:// address of a SharePoint site.`);
  return { siteUrl: parsed.href.replace(/\/$/, '') };
}

/**
 * The organisation after `flags`: `current` (for `set`) with each given
 * option applied, or a new one (for `add`). Settings are checked by their
 * environment variable's rule (parseOrgSettings); an empty value clears a
 * setting or the site. Throws a `bad_input` AppError naming what is wrong.
 */
export function organisationFrom(id: string, flags: OrgFlags, current?: Organisation): Organisation {
  const settingsGiven: Partial<Record<keyof OrgSettings, string>> = {
    ...(flags.timeZone !== undefined ? { timeZone: flags.timeZone } : {}),
    ...(flags.reminderOffsets !== undefined ? { reminderOffsetsDays: flags.reminderOffsets } : {}),
    ...(flags.bankHolidays !== undefined ? { bankHolidays: flags.bankHolidays } : {}),
    ...(flags.modelEmployerGoal !== undefined ? { modelEmployerGoalPercent: flags.modelEmployerGoal } : {}),
    ...(flags.staleAfterDays !== undefined ? { staleAfterDays: flags.staleAfterDays } : {}),
  };
  const name = (flags.name ?? current?.name ?? '').trim();
  if (!name) throw new AppError('bad_input', 'Give the organisation its name with --name "…".');
  const leads = flags.lead ? people(flags.lead, '--lead') : (current?.leads ?? []);
  const viewers = flags.viewer ? people(flags.viewer, '--viewer') : (current?.viewers ?? []);
  const site = siteFrom(flags.site, current?.site);
  const directoryValues = flags.directoryValue ? directoryValuesFrom(flags.directoryValue) : (current?.directoryValues ?? []);
  return {
    id,
    name,
    ...(site ? { site } : {}),
    ...(directoryValues.length ? { directoryValues } : {}),
    leads: edit(leads, people(flags.addLead, '--add-lead'), people(flags.removeLead, '--remove-lead'), `a lead of ${id}`),
    viewers: edit(viewers, people(flags.addViewer, '--add-viewer'), people(flags.removeViewer, '--remove-viewer'), `a viewer of ${id}`),
    settings: parseOrgSettings(settingsGiven, current?.settings ?? {}),
  };
}

/** "time zone Europe/Belfast, reminders 10 and 3 days before", or "the deployment's settings". */
export function describeSettings(s: OrgSettings): string {
  const parts = [
    s.timeZone ? `time zone ${s.timeZone}` : '',
    s.reminderOffsetsDays ? `reminders ${listing(s.reminderOffsetsDays.map(String))} days before` : '',
    s.bankHolidays ? `bank holidays of ${s.bankHolidays}` : '',
    s.modelEmployerGoalPercent !== undefined ? `Model Employer goal ${s.modelEmployerGoalPercent}%` : '',
    s.staleAfterDays ? `stale after ${s.staleAfterDays} days` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'the deployment’s settings';
}
