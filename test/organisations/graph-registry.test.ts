/**
 * The organisation registry on SharePoint (the platform site's "WRES
 * Organisations" and "WRES Oversight Groups" lists) on the local Graph
 * stand-in: what is saved is what is read back, each organisation's site is
 * checked through Graph before it is saved, and a site the app was not
 * granted (Sites.Selected) is refused with what an administrator must do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configFor, loadConfig } from '../../bot/src/config.js';
import { main } from '../../bot/src/cli/main.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { OrgGroup } from '../../bot/src/domain/organisation.js';
import { createRegistry } from '../../bot/src/store/create-store.js';
import { GraphRegistry } from '../../bot/src/store/sharepoint/graph-registry.js';
import { clientFor } from '../graph/harness.js';
import { SITE_A, SITE_B, startOrgsRig, type OrgsRig } from './graph-orgs-rig.js';

let rig: OrgsRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const icb: OrgGroup = { id: 'QWE', name: 'North and South ICB', kind: 'icb', members: ['RXA', 'RXB'], viewers: ['icb.lead@nhs.net'] };

function registryOn(r: OrgsRig, clock = fixedClock('2026-11-30T09:00:00Z')): GraphRegistry {
  return new GraphRegistry({ graph: clientFor(r.server), site: { siteUrl: r.env.SHAREPOINT_SITE_URL }, clock, cacheSeconds: 30 });
}

describe('GraphRegistry on the platform site', () => {
  it('round-trips organisations and groups, with each site found through Graph and kept by id', async () => {
    rig = await startOrgsRig();
    const registry = createRegistry(rig.config);
    expect(registry).toBeInstanceOf(GraphRegistry);
    const north = {
      ...rig.north,
      viewers: ['board.north@nhs.net', 'b2c3d4e5-0000-4000-8000-000000000001'],
      // Each value whole, commas and all.
      directoryValues: ['North Trust, Acute Services', 'North Community'],
      settings: { reminderOffsetsDays: [10, 3], timeZone: 'Europe/London' },
    };
    await registry.saveOrganisation(north);
    await registry.saveOrganisation(rig.south);
    await registry.saveGroup(icb);

    const again = createRegistry(rig.config);
    expect(await again.listOrganisations()).toEqual([
      { ...north, site: { siteId: rig.siteA.id, siteUrl: SITE_A } },
      { ...rig.south, site: { siteId: rig.siteB.id, siteUrl: SITE_B } },
    ]);
    expect(await again.getOrganisation('RXB')).toMatchObject({ name: 'South Trust', leads: ['lead.south@nhs.net'] });
    expect(await again.getOrganisation('RZZ')).toBeNull();
    expect(await again.listGroups()).toEqual([icb]);
    // The registry lives on the platform site only, one item per code.
    expect(rig.server.list('WRES Organisations')!.items.size).toBe(2);
    expect(rig.siteA.lists.some((l) => l.displayName === 'WRES Organisations')).toBe(false);

    await again.saveOrganisation({ ...rig.south, name: 'South Trust (merged)', settings: {} });
    await again.saveGroup({ ...icb, members: ['RXA'] });
    expect(rig.server.list('WRES Organisations')!.items.size).toBe(2);
    expect((await again.getOrganisation('RXB'))?.name).toBe('South Trust (merged)');
    expect((await again.listGroups())[0]?.members).toEqual(['RXA']);

    await again.removeOrganisation('RXB');
    await again.removeGroup('QWE');
    expect((await again.listOrganisations()).map((o) => o.id)).toEqual(['RXA']);
    expect(await again.listGroups()).toEqual([]);
    await expect(again.removeOrganisation('RXB')).rejects.toMatchObject({ code: 'not_found', message: 'There is no organisation RXB.' });
    await expect(again.removeGroup('QWE')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reuses a read for a while and reads again after its own write', async () => {
    rig = await startOrgsRig();
    const clock = fixedClock('2026-11-30T09:00:00Z');
    const registry = registryOn(rig, clock);
    await registry.saveOrganisation(rig.north);
    await registry.listOrganisations();
    const before = rig.server.requests.length;
    await registry.listOrganisations();
    await registry.getOrganisation('RXA');
    expect(rig.server.requests.length).toBe(before);
    await registry.saveOrganisation(rig.south);
    expect((await registry.listOrganisations()).map((o) => o.id)).toEqual(['RXA', 'RXB']);
    clock.set('2026-11-30T09:01:00Z');
    const reads = rig.server.requests.length;
    await registry.listOrganisations();
    expect(rig.server.requests.length).toBe(reads + 1);
  });

  it('refuses a site the app was not granted, naming the organisation, the site and the grant, and saves nothing', async () => {
    rig = await startOrgsRig();
    rig.siteB.granted = false;
    const registry = createRegistry(rig.config);
    const refused = registry.saveOrganisation(rig.south);
    await expect(refused).rejects.toMatchObject({ code: 'config' });
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toContain('South Trust (RXB)');
    expect(message).toContain(SITE_B);
    expect(message).toContain('403');
    expect(message).toContain('POST https://graph.microsoft.com/v1.0/sites/{site-id}/permissions');
    expect(message).toContain('"roles":["write"]');
    expect(await registry.listOrganisations()).toEqual([]);

    rig.siteB.granted = true;
    await registry.saveOrganisation(rig.south);
    expect((await registry.listOrganisations()).map((o) => o.id)).toEqual(['RXB']);
  });

  it('refuses an organisation with no site, or with a site Graph does not know, or one another organisation holds', async () => {
    rig = await startOrgsRig();
    const registry = createRegistry(rig.config);
    const { site: _none, ...siteless } = rig.north;
    await expect(registry.saveOrganisation(siteless)).rejects.toThrow(/North Trust \(RXA\) has no SharePoint site/);
    await expect(
      registry.saveOrganisation({ ...rig.north, site: { siteUrl: 'https://contoso.sharepoint.com/sites/nowhere' } }),
    ).rejects.toThrow(/sites\/nowhere of organisation North Trust \(RXA\) was not found/);
    await registry.saveOrganisation(rig.north);
    await expect(registry.saveOrganisation({ ...rig.south, site: { siteId: rig.siteA.id } })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already holds the plan of North Trust (RXA)'),
    });
    expect((await registry.listOrganisations()).map((o) => o.id)).toEqual(['RXA']);
  });

  it('is empty on a platform site provisioned before organisations, and saving says to run wres provision', async () => {
    rig = await startOrgsRig({ provision: false });
    await rig.provision(rig.server.site);
    const registry = createRegistry(rig.config);
    expect(await registry.listOrganisations()).toEqual([]);
    expect(await registry.listGroups()).toEqual([]);
    await expect(registry.saveGroup(icb)).rejects.toThrow(/no organisation registry yet\. Run `wres provision`/);
  });

  it('refuses a half-made registry, and settings someone broke by hand, naming them', async () => {
    rig = await startOrgsRig();
    const registry = registryOn(rig);
    await registry.saveOrganisation(rig.north);
    const item = [...rig.server.list('WRES Organisations')!.items.values()][0]!;
    item.fields.Settings = JSON.stringify({ timeZone: 'Mars/Olympus' });
    await expect(registryOn(rig).listOrganisations()).rejects.toThrow(
      /Item \d+ in the SharePoint list "WRES Organisations" has settings that cannot be used \(.*timeZone/,
    );

    const groups = rig.server.list('WRES Oversight Groups')!;
    groups.columns = groups.columns.filter((c) => c.name !== 'Members');
    await expect(registryOn(rig).listGroups()).rejects.toThrow(/column "Members" is missing from "WRES Oversight Groups".*wres provision/);
  });
});

describe('configFor with SharePoint sites', () => {
  it('gives an organisation named by its site URL alone that site, never the platform’s SHAREPOINT_SITE_ID', () => {
    const platform = loadConfig({ NODE_ENV: 'test', STORE: 'sharepoint', SHAREPOINT_SITE_ID: 'contoso.sharepoint.com,platform,site' });
    const org = { id: 'RXA', name: 'North Trust', site: { siteUrl: SITE_A }, leads: [], viewers: [], settings: {} };
    expect(configFor(platform, org)).toMatchObject({ SHAREPOINT_SITE_ID: undefined, SHAREPOINT_SITE_URL: SITE_A });
  });
});

describe('wres provision with organisations registered', () => {
  it('provisions the platform site and each organisation’s site, names a site not granted with what to grant, and does the rest', async () => {
    rig = await startOrgsRig({ provision: false });
    const run = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(args, rig!.env, { io: { stdout: (c) => void (out += String(c)), stderr: (c) => void (err += c) } });
      return { code, out, err };
    };
    const platform = await run(['provision']);
    expect(platform).toMatchObject({ code: 0, err: '' });
    expect(platform.out).toContain('Created list "WRES Organisations" with 8 columns');
    const registry = createRegistry(rig.config);
    await registry.saveOrganisation(rig.north);
    await registry.saveOrganisation(rig.south);
    rig.siteB.granted = false;

    const both = await run(['provision']);
    expect(both.code).toBe(1);
    expect(both.out).toContain('North WRES (https://contoso.sharepoint.com/sites/wres-north), organisation North Trust (RXA)');
    expect(rig.siteA.lists.map((l) => l.displayName)).toContain('WRES Actions');
    expect(both.err).toContain(`The app may not use the SharePoint site ${SITE_B} of organisation South Trust (RXB)`);
    expect(both.err).toContain('POST https://graph.microsoft.com/v1.0/sites/{site-id}/permissions');

    rig.siteB.granted = true;
    const again = await run(['provision', '--check']);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/South Trust \(RXB\)\n {2}missing: list "WRES Actions" is missing/);
    expect((await run(['provision'])).code).toBe(0);
    expect((await run(['provision', '--check'])).code).toBe(0);
  });
});
