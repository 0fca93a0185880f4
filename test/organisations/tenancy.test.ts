/**
 * The organisation foundation: the registry keeps what it is given, settings
 * are checked by their environment variable's own rule, and the tenancy
 * gives each organisation its own settings, store and (closed) roles.
 */
import { describe, expect, it } from 'vitest';
import { configFor, loadConfig, parseOrgSettings } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { parseOdsCode } from '../../bot/src/domain/organisation.js';
import type { DirectoryFacts, DirectoryMembership } from '../../bot/src/domain/directory-membership.js';
import { GroupRollups } from '../../bot/src/service/group-rollups.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { conversationFor } from '../reminders/harness.js';

const config = loadConfig({ NODE_ENV: 'test', ED_LEADS: 'env.lead@nhs.net' });
const clock = fixedClock('2026-11-30T09:00:00Z');

const north: Organisation = {
  id: 'RXX',
  name: 'North Trust',
  leads: ['lead.north@nhs.net'],
  viewers: ['board.north@nhs.net'],
  settings: { timeZone: 'Europe/Belfast', reminderOffsetsDays: [10, 3] },
};
const south: Organisation = { id: 'R1H', name: 'South Trust', leads: ['lead.south@nhs.net'], viewers: [], settings: {} };

describe('organisations', () => {
  it('reads ODS codes and refuses anything else', () => {
    expect(parseOdsCode(' rxx ')).toBe('RXX');
    expect(parseOdsCode('R1H01')).toBe('R1H01');
    for (const bad of ['', 'RX', 'RXX0011', 'R X', 'default', 'RXX;']) expect(parseOdsCode(bad)).toBeNull();
  });

  it('checks each setting with its environment variable’s rule and names the wrong ones', () => {
    expect(parseOrgSettings({ reminderOffsetsDays: '1, 14,7', timeZone: 'Europe/London' })).toEqual({
      reminderOffsetsDays: [14, 7, 1],
      timeZone: 'Europe/London',
    });
    expect(() => parseOrgSettings({ timeZone: 'Mars/Olympus', staleAfterDays: '0' })).toThrow(/timeZone[\s\S]*staleAfterDays/);
    expect(parseOrgSettings({ timeZone: '' }, { timeZone: 'Europe/London', staleAfterDays: 10 })).toEqual({ staleAfterDays: 10 });
  });

  it('gives an organisation its own settings, people and site over the deployment defaults', () => {
    const own = configFor(config, { ...north, site: { siteId: 'site-north' } });
    expect(own.TIMEZONE).toBe('Europe/Belfast');
    expect(own.REMINDER_OFFSETS_DAYS).toEqual([10, 3]);
    expect(own.ED_LEADS).toEqual(['lead.north@nhs.net']);
    expect(own.SHAREPOINT_SITE_ID).toBe('site-north');
    expect(own.STALE_AFTER_DAYS).toBe(config.STALE_AFTER_DAYS);
  });

  it('keeps registered organisations and groups in the plan database', async () => {
    const registry = new SqliteRegistry(':memory:');
    await registry.saveOrganisation(north);
    await registry.saveOrganisation({ ...south, site: { siteUrl: 'https://nhs.sharepoint.com/sites/south' } });
    await registry.saveGroup({ id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX', 'R1H'], viewers: ['icb@nhs.net'] });
    expect(await registry.getOrganisation('RXX')).toEqual(north);
    expect((await registry.listOrganisations()).map((o) => o.id)).toEqual(['R1H', 'RXX']);
    await registry.saveOrganisation({ ...north, name: 'North Hospitals' });
    expect((await registry.getOrganisation('RXX'))?.name).toBe('North Hospitals');
    // Viewers by directory value (schema step 8), each value whole, commas and all.
    await registry.saveOrganisation({ ...north, directoryValues: ['North Trust, Acute Services', 'North Community'] });
    expect((await registry.getOrganisation('RXX'))?.directoryValues).toEqual(['North Trust, Acute Services', 'North Community']);
    await registry.removeOrganisation('R1H');
    await expect(registry.removeOrganisation('R1H')).rejects.toMatchObject({ code: 'not_found' });
    expect(await registry.listGroups()).toEqual([
      { id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX', 'R1H'], viewers: ['icb@nhs.net'] },
    ]);
    await registry.close();
  });

  it('serves the one implicit organisation, open to readers as VIEWERS always was, when none is registered', async () => {
    const registry = new SqliteRegistry(':memory:');
    const tenancy = await Tenancy.open({ config, registry, storeFor: () => new SqlitePlanStore(':memory:'), clock });
    expect(tenancy.implicit).toBe(true);
    const [only] = tenancy.contexts();
    expect(only?.roles.isListedViewer({ displayName: 'Anyone', email: 'anyone@nhs.net' })).toBe(true);
    expect(only?.roles.isLead({ displayName: 'Lead', email: 'env.lead@nhs.net' })).toBe(true);
    await tenancy.close();
    await registry.close();
  });

  it('gives registered organisations their own stores and closed roles, and finds a person’s memberships', async () => {
    const registry = new SqliteRegistry(':memory:');
    await registry.saveOrganisation(north);
    await registry.saveOrganisation(south);
    const tenancy = await Tenancy.open({ config, registry, storeFor: () => new SqlitePlanStore(':memory:'), clock });
    expect(tenancy.implicit).toBe(false);
    expect(tenancy.contexts().map((c) => c.org.id)).toEqual(['RXX', 'R1H']);
    const southCtx = tenancy.context('r1h')!;
    // An empty viewer list no longer means "everyone in the tenant".
    expect(southCtx.roles.isListedViewer({ displayName: 'Anyone', email: 'anyone@nhs.net' })).toBe(false);
    expect(tenancy.context('RXX')!.store).not.toBe(southCtx.store);
    const memberships = await tenancy.membershipsOf({ displayName: 'Board', email: 'board.north@nhs.net' });
    expect(memberships.map((m) => [m.context.org.id, m.role])).toEqual([['RXX', 'viewer']]);
    expect(await tenancy.membershipsOf({ displayName: 'Env lead', email: 'env.lead@nhs.net' })).toEqual([]);
    expect(tenancy.context('ZZZ')).toBeNull();
    await tenancy.close();
    await registry.close();
  });

  it('links an oversight group’s viewer emails to their accounts, so an email claim alone does not open the roll-up', async () => {
    const registry = new SqliteRegistry(':memory:');
    await registry.saveOrganisation(north);
    await registry.saveGroup({ id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX'], viewers: ['icb.viewer@nhs.net'] });
    const store = new SqlitePlanStore(':memory:');
    await store.init();
    const viewer = { displayName: 'ICB viewer', email: 'icb.viewer@nhs.net', aadObjectId: '77777777-7777-4777-8777-777777777777' };
    await store.saveConversation(conversationFor(viewer));
    const tenancy = await Tenancy.open({ config, registry, storeFor: () => store, clock });
    const viewers = tenancy.groupViewers('QWE')!;
    expect(viewers.isListedViewer(viewer)).toBe(true);
    expect(viewers.isListedViewer({ ...viewer, aadObjectId: '88888888-8888-4888-8888-888888888888' })).toBe(false);
    await tenancy.close();
    await registry.close();
  });

  it('opens an oversight group’s roll-up to a member of its listed group through the directory, and says so when it cannot ask', async () => {
    const group = 'eeeeeeee-0000-4000-8000-00000000000e';
    const registry = new SqliteRegistry(':memory:');
    await registry.saveOrganisation(north);
    await registry.saveGroup({ id: 'QWE', name: 'Our ICB', kind: 'icb', members: ['RXX'], viewers: [group] });
    let answer: DirectoryFacts = { kind: 'known', groups: [group], value: null };
    const directory: DirectoryMembership = { lookUp: async () => answer };
    const tenancy = await Tenancy.open({
      config: loadConfig({ NODE_ENV: 'test', DIRECTORY_GROUPS: 'true' }),
      registry,
      storeFor: () => new SqlitePlanStore(':memory:'),
      clock,
      directory,
    });
    const rollups = new GroupRollups(tenancy, clock);
    const viewer = await tenancy.withDirectory({ displayName: 'ICB viewer', aadObjectId: '77777777-7777-4777-8777-777777777777' });
    expect((await rollups.rollup('QWE', viewer)).members.map((m) => m.id)).toEqual(['RXX']);
    answer = { kind: 'unavailable', reason: 'the directory (Microsoft Entra) could not be reached' };
    const unchecked = await tenancy.withDirectory({ displayName: 'ICB viewer', aadObjectId: '77777777-7777-4777-8777-777777777777' });
    await expect(rollups.rollup('QWE', unchecked)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('could not be checked just now'),
    });
    await tenancy.close();
    await registry.close();
  });
});
