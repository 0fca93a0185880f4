import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { ORG_SETTING_VARIABLES, parseOrgSettings, type Config } from '../config.js';
import { parseDirectoryValues } from '../domain/directory-membership.js';
import { parseOdsCode, type OrgSettings, type Organisation } from '../domain/organisation.js';
import { AppError, isAppError } from '../errors.js';
import type { Tenancy } from '../service/tenancy.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import { signedInAs } from './caller.js';
import type {
  AdminFieldErrors,
  AdminOrganisation,
  AdminOrganisationsResponse,
  OrgSettingName,
  SaveOrganisationRequest,
} from './contract.js';
import { isPlatformAdmin } from './platform-admin.js';

/** Refuses anyone who is not a platform admin (PLATFORM_ADMINS), whatever else they are. */
function platformAdminsOnly(config: Config): RequestHandler {
  return (_req, res, next) => {
    const identity = signedInAs(res)?.identity;
    if (identity && isPlatformAdmin(config, identity)) return next();
    next(
      new AppError(
        'forbidden',
        `You are signed in as ${identity?.displayName ?? 'someone'}, but only platform admins may manage the organisations of this deployment.`,
      ),
    );
  };
}

const text = z.string().max(4000).optional();
const saveBody = z.object({
  id: z.string().max(20).optional(),
  name: z.string().max(200),
  leads: text,
  viewers: text,
  directoryValues: text,
  siteId: text,
  siteUrl: text,
  settings: z
    .partialRecord(z.enum(Object.keys(ORG_SETTING_VARIABLES) as [OrgSettingName, ...OrgSettingName[]]), z.string().max(200))
    .optional(),
});

/** An email, or an Entra object or group id (a GUID). */
const PERSON_KEY = /^([^\s@]+@[^\s@]+\.[^\s@]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The entries of a leads or viewers text (commas, semicolons or new lines between), or an error naming the ones that are not people. */
function people(raw: string | undefined, field: 'leads' | 'viewers', errors: AdminFieldErrors): string[] {
  const entries = [...new Set((raw ?? '').split(/[,;\s]+/).filter(Boolean))];
  const bad = entries.filter((e) => !PERSON_KEY.test(e));
  if (bad.length) errors[field] = `Not an email or an Entra object or group id: ${bad.slice(0, 5).join(', ')}.`;
  return entries;
}

/** Directory values, one a line (a value may hold spaces and commas), or an error beside the field. */
function directoryValuesFrom(raw: string | undefined, errors: AdminFieldErrors): string[] {
  const parsed = parseDirectoryValues((raw ?? '').split(/\r?\n/));
  if ('values' in parsed) return parsed.values;
  errors.directoryValues = parsed.problem;
  return [];
}

/** Each setting checked alone (by its environment variable's rule), so its message goes next to its field. */
function settingsFrom(given: SaveOrganisationRequest['settings'], errors: AdminFieldErrors): OrgSettings {
  let settings: OrgSettings = {};
  for (const [key, value] of Object.entries(given ?? {}) as [OrgSettingName, string][]) {
    try {
      settings = parseOrgSettings({ [key]: value }, settings);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors[`settings.${key}`] = e.message.replace(/^[^\n]*\n\s*/, '');
    }
  }
  return settings;
}

/** The organisation a valid body describes; a `bad_input` with field errors otherwise. */
function organisationFrom(body: unknown, before: Organisation | undefined): Organisation {
  const parsed = saveBody.safeParse(body);
  if (!parsed.success) throw new AppError('bad_input', 'The organisation could not be read: send its name, people and settings as text.');
  const input = parsed.data;
  const errors: AdminFieldErrors = {};
  const code = parseOdsCode(before?.id ?? input.id ?? '');
  if (!code) errors.id = 'Give the organisation’s ODS code: 3 to 5 letters and digits, such as RXX or R1H.';
  const name = input.name.trim();
  if (!name) errors.name = 'Give the organisation’s name.';
  const leads = people(input.leads, 'leads', errors);
  const viewers = people(input.viewers, 'viewers', errors);
  const directoryValues = directoryValuesFrom(input.directoryValues, errors);
  const siteUrl = input.siteUrl?.trim();
  if (siteUrl && !/^https:\/\/[^\s/]+\.sharepoint\.com\/\S*$/i.test(siteUrl))
    errors.siteUrl = 'Give the SharePoint site’s address, starting https:// and ending .sharepoint.com/sites/…';
  // The admin page does not show the site id (SharePoint deployments set it with the CLI): kept unless sent.
  const siteId = input.siteId === undefined ? before?.site?.siteId : input.siteId.trim();
  const settings = settingsFrom(input.settings, errors);
  if (Object.keys(errors).length)
    throw new AppError('bad_input', 'Some of the organisation’s details need correcting.', { details: errors });
  const site = { ...(siteId ? { siteId } : {}), ...(siteUrl ? { siteUrl } : {}) };
  return {
    id: code!,
    name,
    leads,
    viewers,
    ...(directoryValues.length ? { directoryValues } : {}),
    settings,
    ...(siteId || siteUrl ? { site } : {}),
  };
}

function adminView(org: Organisation): AdminOrganisation {
  const settings: Partial<Record<OrgSettingName, string>> = {};
  for (const [key, value] of Object.entries(org.settings) as [OrgSettingName, unknown][]) {
    if (value !== undefined) settings[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return {
    id: org.id,
    name: org.name,
    leads: org.leads,
    viewers: org.viewers,
    directoryValues: org.directoryValues ?? [],
    ...(org.site?.siteId ? { siteId: org.site.siteId } : {}),
    ...(org.site?.siteUrl ? { siteUrl: org.site.siteUrl } : {}),
    settings,
  };
}

/**
 * The platform admin's routes, under /api/admin (403 for anyone not in
 * PLATFORM_ADMINS): GET /organisations (every organisation and group), POST
 * /organisations (add; 409 when the code is taken), PUT /organisations/:id
 * (edit), DELETE /organisations/:id (remove from the registry; its plan data
 * stays in its store). A rejected body is a 400 whose `details` are
 * `AdminFieldErrors`. After each change the tenancy is reloaded; if that
 * fails (e.g. the organisation's store cannot be opened) the change is undone.
 */
export function adminRoutes(deps: { tenancy: Tenancy; registry: OrganisationRegistry; config: Config }): Router {
  const { tenancy, registry } = deps;
  const router = Router();
  router.use(platformAdminsOnly(deps.config));
  router.use(express.json({ limit: '64kb' }));

  /**
   * Applies a change, then reloads; undoes the change when the reload fails
   * or the organisation changed (`orgId`) cannot be served (its site is not
   * granted or not provisioned), refusing with why.
   */
  const change = async (apply: () => Promise<void>, undo: () => Promise<void>, orgId?: string) => {
    // A site the app may not use (not granted, not found) is the admin's to fix: a 400 saying what, not a server error.
    await apply().catch((e: unknown) => {
      throw isAppError(e) && e.code === 'config' ? new AppError('bad_input', `Nothing was saved: ${e.message}`) : e;
    });
    // An organisation already unavailable may still be edited (a lead who left is removed while its site is down).
    const unavailableBefore = orgId ? tenancy.context(orgId)?.unavailable : undefined;
    try {
      await tenancy.reload();
      const why = orgId ? tenancy.context(orgId)?.unavailable : undefined;
      if (why && !unavailableBefore) throw new AppError('bad_input', `Nothing was saved: ${why}`);
    } catch (e) {
      await undo();
      await tenancy.reload().catch(() => undefined);
      throw e;
    }
  };

  router.get('/organisations', async (_req, res) => {
    const [orgs, groups] = await Promise.all([registry.listOrganisations(), registry.listGroups()]);
    const body: AdminOrganisationsResponse = {
      organisations: orgs.map(adminView),
      groups: groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: g.members })),
      settings: ORG_SETTING_VARIABLES,
      directoryAttribute: deps.config.DIRECTORY_ATTRIBUTE,
    };
    res.json(body);
  });

  router.post('/organisations', async (req, res) => {
    const org = organisationFrom(req.body, undefined);
    if (await registry.getOrganisation(org.id))
      throw new AppError('conflict', `An organisation with code ${org.id} is already registered.`);
    await change(
      () => registry.saveOrganisation(org),
      () => registry.removeOrganisation(org.id),
      org.id,
    );
    res.status(201).json(adminView(org));
  });

  router.put('/organisations/:id', async (req, res) => {
    const before = await known(registry, req.params.id);
    const org = organisationFrom(req.body, before);
    await change(
      () => registry.saveOrganisation(org),
      () => registry.saveOrganisation(before),
      org.id,
    );
    res.json(adminView(org));
  });

  router.delete('/organisations/:id', async (req, res) => {
    const before = await known(registry, req.params.id);
    await change(
      () => registry.removeOrganisation(before.id),
      () => registry.saveOrganisation(before),
    );
    res.json({ removed: before.id });
  });
  return router;
}

async function known(registry: OrganisationRegistry, id: string): Promise<Organisation> {
  const org = await registry.getOrganisation(parseOdsCode(id) ?? '');
  if (!org) throw new AppError('not_found', `No organisation with code ${id.slice(0, 12)} is registered.`);
  return org;
}
