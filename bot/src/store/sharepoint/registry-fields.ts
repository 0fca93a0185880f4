import { z } from 'zod';
import { ORG_SETTING_VARIABLES, parseOrgSettings } from '../../config.js';
import { parseDirectoryValues } from '../../domain/directory-membership.js';
import type { OrgGroup, OrgSettings, Organisation } from '../../domain/organisation.js';
import { AppError, isAppError } from '../../errors.js';
import { line, parseFields, text, type ListItem } from './item-fields.js';

/** The registry lists' display names (as infra/sharepoint/lists.json defines them). */
const ORGANISATIONS_LIST = 'WRES Organisations';
const GROUPS_LIST = 'WRES Oversight Groups';

/** Fields the registry reads, per list. */
export const REGISTRY_SELECT = {
  organisations: 'OrgCode,OrgName,SiteId,SiteUrl,Leads,Viewers,DirectoryValues,Settings',
  groups: 'GroupCode,GroupName,GroupKind,Members,Viewers',
} as const;

const orgSchema = z.object({
  OrgCode: z.string().min(1),
  OrgName: z.string().min(1),
  SiteId: text,
  SiteUrl: text,
  Leads: text,
  Viewers: text,
  DirectoryValues: text,
  Settings: text,
});

const groupSchema = z.object({
  GroupCode: z.string().min(1),
  GroupName: z.string().min(1),
  GroupKind: z.enum(['icb', 'region']),
  Members: text,
  Viewers: text,
});

/** One entry a line (people and codes are kept one a line, so a person can read and edit them in SharePoint). */
const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Settings are kept as JSON, but anyone with the site can edit the column:
 * each one is checked again by its environment variable's rule
 * (`parseOrgSettings`), so a hand edit can never give an organisation a
 * setting the deployment could not have.
 */
function settingsFrom(json: string, item: ListItem): OrgSettings {
  if (!json.trim()) return {};
  try {
    const raw: unknown = JSON.parse(json);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
    const given = Object.fromEntries(
      Object.keys(ORG_SETTING_VARIABLES)
        .filter((k) => k in raw)
        .map((k) => {
          const v = (raw as Record<string, unknown>)[k];
          return [k, Array.isArray(v) ? v.join(',') : String(v)];
        }),
    );
    return parseOrgSettings(given);
  } catch (e) {
    const why = (isAppError(e) || e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
    throw new AppError(
      'config',
      `Item ${item.id} in the SharePoint list "${ORGANISATIONS_LIST}" has settings that cannot be used (${why}). Fix them with wres org set, or in SharePoint.`,
    );
  }
}

/** Directory values, one a line, checked again (anyone with the site can edit the column); absent when there are none. */
function directoryValuesFrom(text: string, item: ListItem): Pick<Organisation, 'directoryValues'> {
  const parsed = parseDirectoryValues(lines(text));
  if ('problem' in parsed)
    throw new AppError(
      'config',
      `Item ${item.id} in the SharePoint list "${ORGANISATIONS_LIST}" has a directory value that cannot be used: ${parsed.problem} Fix it with wres org set, or in SharePoint.`,
    );
  return parsed.values.length ? { directoryValues: parsed.values } : {};
}

/** An organisation as read from its item; rejects a hand-edited item that cannot be one, naming it. */
export function organisationFromItem(item: ListItem): Organisation {
  const f = parseFields(orgSchema, item, ORGANISATIONS_LIST);
  const site = { ...(f.SiteId ? { siteId: f.SiteId } : {}), ...(f.SiteUrl ? { siteUrl: f.SiteUrl } : {}) };
  return {
    id: f.OrgCode,
    name: f.OrgName,
    ...(f.SiteId || f.SiteUrl ? { site } : {}),
    leads: lines(f.Leads),
    viewers: lines(f.Viewers),
    ...directoryValuesFrom(f.DirectoryValues, item),
    settings: settingsFrom(f.Settings, item),
  };
}

/** The item fields that hold `org`. */
export function organisationFields(org: Organisation): Record<string, unknown> {
  return {
    Title: line(org.name),
    OrgCode: org.id,
    OrgName: line(org.name),
    SiteId: org.site?.siteId ?? '',
    SiteUrl: org.site?.siteUrl ?? '',
    Leads: org.leads.join('\n'),
    Viewers: org.viewers.join('\n'),
    DirectoryValues: (org.directoryValues ?? []).join('\n'),
    Settings: JSON.stringify(org.settings),
  };
}

/** An oversight group as read from its item. */
export function groupFromItem(item: ListItem): OrgGroup {
  const f = parseFields(groupSchema, item, GROUPS_LIST);
  return { id: f.GroupCode, name: f.GroupName, kind: f.GroupKind, members: lines(f.Members), viewers: lines(f.Viewers) };
}

/** The item fields that hold `group`. */
export function groupFields(group: OrgGroup): Record<string, unknown> {
  return {
    Title: line(group.name),
    GroupCode: group.id,
    GroupName: line(group.name),
    GroupKind: group.kind,
    Members: group.members.join('\n'),
    Viewers: group.viewers.join('\n'),
  };
}
