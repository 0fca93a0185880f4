/**
 * A running service follows the registry: an organisation added or removed
 * from the command line (or on another instance) is served without a
 * restart, and a registry that cannot be read leaves the service serving
 * what it read before, said once in the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { followRegistry, type RepeatTimer } from '../../bot/src/service/registry-follower.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import type { OrganisationRegistry } from '../../bot/src/store/organisation-registry.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';

const config = loadConfig({ NODE_ENV: 'test' });
const clock = fixedClock('2026-11-30T09:00:00Z');
const north: Organisation = { id: 'RXX', name: 'North Trust', leads: ['lead.north@nhs.net'], viewers: [], settings: {} };
const south: Organisation = { id: 'R1H', name: 'South Trust', leads: ['lead.south@nhs.net'], viewers: [], settings: {} };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** The service's tenancy on a registry file, and a second registry on the same file: the command line. */
async function serviceAndCli(registryOf: (file: string) => OrganisationRegistry = (f) => new SqliteRegistry(f)) {
  const dir = mkdtempSync(join(tmpdir(), 'wres-follow-'));
  const file = join(dir, 'wres.db');
  const cli = new SqliteRegistry(file);
  await cli.saveOrganisation(north);
  const registry = registryOf(file);
  let storesMade = 0;
  const tenancy = await Tenancy.open({
    config,
    registry,
    clock,
    storeFor: () => (storesMade++, new SqlitePlanStore(':memory:')),
  });
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => cli.close(),
    () => tenancy.close(),
  );
  return { tenancy, cli, storesMade: () => storesMade };
}

describe('following the organisation registry', () => {
  it('serves an organisation added from the command line at the next check, and stops serving a removed one', async () => {
    const { tenancy, cli, storesMade } = await serviceAndCli();
    const logger = memoryLogger();
    const follower = followRegistry(tenancy, { everySeconds: 0, logger });
    const northStore = tenancy.context('RXX')!.store;

    await cli.saveOrganisation(south);
    expect(tenancy.context('R1H')).toBeNull();
    await follower.check();
    expect(tenancy.contexts().map((c) => c.org.id)).toEqual(['RXX', 'R1H']);
    // North's open store is kept; only the new organisation's is made.
    expect(tenancy.context('RXX')!.store).toBe(northStore);
    expect(storesMade()).toBe(2);
    expect(logger.lines.map((l) => l.message)).toEqual(['The organisation registry changed: now serving the organisations it lists']);

    await follower.check();
    expect(storesMade()).toBe(2);
    expect(logger.lines).toHaveLength(1);

    await cli.saveOrganisation({ ...north, leads: ['new.lead@nhs.net'] });
    await cli.removeOrganisation('R1H');
    await follower.check();
    expect(tenancy.context('R1H')).toBeNull();
    expect(tenancy.context('RXX')!.roles.isLead({ displayName: 'New lead', email: 'new.lead@nhs.net' })).toBe(true);
  });

  it('keeps serving what it read while the registry cannot be read, says so once, and says when it can again', async () => {
    let down = false;
    const { tenancy, cli } = await serviceAndCli((file) => {
      const real = new SqliteRegistry(file);
      const guarded = (): Promise<never> | null => (down ? Promise.reject(new Error('SharePoint is unreachable')) : null);
      return Object.assign(Object.create(real) as SqliteRegistry, {
        listOrganisations: () => guarded() ?? real.listOrganisations(),
        listGroups: () => guarded() ?? real.listGroups(),
      });
    });
    const logger = memoryLogger();
    const follower = followRegistry(tenancy, { everySeconds: 0, logger });

    down = true;
    await cli.saveOrganisation(south);
    await follower.check();
    await follower.check();
    expect(tenancy.contexts().map((c) => c.org.id)).toEqual(['RXX']);
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'Could not read the organisation registry: serving the organisations read before'],
    ]);

    down = false;
    await follower.check();
    expect(tenancy.contexts().map((c) => c.org.id)).toEqual(['RXX', 'R1H']);
    expect(logger.lines.map((l) => l.message).slice(1)).toEqual([
      'The organisation registry changed: now serving the organisations it lists',
      'The organisation registry can be read again',
    ]);
  });

  it('checks on its timer, every REGISTRY_REFRESH_SECONDS, until stopped', async () => {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const timer: RepeatTimer = {
      setInterval: (fn, ms) => timers.push({ fn, ms, cleared: false }) - 1,
      clearInterval: (handle) => void (timers[handle as number]!.cleared = true),
    };
    let refreshes = 0;
    const follower = followRegistry(
      { refresh: () => (refreshes++, Promise.resolve(false)) },
      { everySeconds: 60, logger: memoryLogger(), timer },
    );
    expect(timers.map((t) => t.ms)).toEqual([60_000]);
    timers[0]!.fn();
    await Promise.resolve();
    expect(refreshes).toBe(1);
    follower.stop();
    expect(timers[0]!.cleared).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).REGISTRY_REFRESH_SECONDS).toBe(60);
  });
});
