import { configFor, type Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { isSamePerson } from '../domain/people.js';
import { IMPLICIT_ORG_ID, type OrgGroup, type Organisation } from '../domain/organisation.js';
import type { UserDirectory } from '../domain/user-directory.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import type { PlanStore } from '../store/plan-store.js';
import { PlanService } from './plan-service.js';
import { linkRoleAccounts, RoleDirectory, rolesFromConfig, type Identity } from './roles.js';

/**
 * Everything the app needs to work for one organisation: its settings over
 * the deployment's (`config`), its own store, service and roles. Every
 * surface (API, bot, jobs, CLI) works on one context at a time, so one
 * organisation's data is out of reach of another's by construction.
 */
export interface OrgContext {
  org: Organisation;
  config: Config;
  store: PlanStore;
  service: PlanService;
  roles: RoleDirectory;
}

/** A person's part in one organisation. */
export interface Membership {
  context: OrgContext;
  role: 'lead' | 'owner' | 'viewer';
}

/** How a store is made for an organisation (the composition root's choice; tests give their own). */
type StoreFor = (org: Organisation) => PlanStore;

/** The implicit organisation: a deployment that registered none, configured by the environment as before. */
export function implicitOrganisation(config: Pick<Config, 'ED_LEADS' | 'VIEWERS'>): Organisation {
  return { id: IMPLICIT_ORG_ID, name: 'This organisation', leads: config.ED_LEADS, viewers: config.VIEWERS, settings: {} };
}

/** What `Tenancy.open` needs (kept for `reload`). */
export interface TenancyDeps {
  config: Config;
  registry: OrganisationRegistry;
  storeFor: StoreFor;
  clock: Clock;
  users?: (store: PlanStore) => UserDirectory | undefined;
}

interface Built {
  /** What the registry said, to tell later whether it changed (`refresh`). */
  fingerprint: string;
  implicit: boolean;
  byId: Map<string, OrgContext>;
  groups: readonly OrgGroup[];
  /** Each group's viewers, linked to their Entra accounts like an organisation's lists. */
  groupViewers: ReadonlyMap<string, RoleDirectory>;
}

/** The contexts the registry describes, reusing an open store from `previous` for an organisation whose site is unchanged. */
async function build(deps: TenancyDeps, previous: ReadonlyMap<string, OrgContext>, read?: RegistryRead): Promise<Built> {
  const { config, clock } = deps;
  const { orgs, groups } = read ?? (await readRegistry(deps.registry));
  const implicit = orgs.length === 0;
  const byId = new Map<string, OrgContext>();
  for (const org of implicit ? [implicitOrganisation(config)] : orgs) {
    const before = previous.get(org.id);
    const reuse = before && JSON.stringify(before.org.site ?? null) === JSON.stringify(org.site ?? null);
    const store = reuse ? before.store : deps.storeFor(org);
    if (!reuse) await store.init();
    const roles = organisationRoles(config, org);
    await linkRoleAccounts(roles, store, deps.users?.(store));
    byId.set(org.id, { org, config: configFor(config, org), store, service: new PlanService(store, clock), roles });
  }
  const groupViewers = new Map<string, RoleDirectory>();
  const anyStore = byId.values().next().value?.store;
  for (const group of implicit ? [] : groups) {
    const viewers = new RoleDirectory({ edLeads: [], viewers: group.viewers, openWhenNoViewers: false });
    // From then on an email on the list matches only its account: an email claim alone is not enough.
    if (anyStore) await linkRoleAccounts(viewers, anyStore, deps.users?.(anyStore));
    groupViewers.set(group.id, viewers);
  }
  return { fingerprint: fingerprintOf({ orgs, groups }), implicit, byId, groups: implicit ? [] : groups, groupViewers };
}

interface RegistryRead {
  orgs: Organisation[];
  groups: OrgGroup[];
}

async function readRegistry(registry: OrganisationRegistry): Promise<RegistryRead> {
  const [orgs, groups] = await Promise.all([registry.listOrganisations(), registry.listGroups()]);
  return { orgs, groups };
}

/** The registry's content as one string; both lists come sorted by id from every registry. */
function fingerprintOf(read: RegistryRead): string {
  return JSON.stringify(read);
}

/**
 * An organisation's roles: the implicit organisation's from configuration
 * as always (rolesFromConfig); a registered one's from its own lists, closed
 * (an empty viewer list lets nobody else read).
 */
export function organisationRoles(config: Config, org: Organisation): RoleDirectory {
  return org.id === IMPLICIT_ORG_ID
    ? rolesFromConfig(config)
    : new RoleDirectory({ edLeads: org.leads, viewers: org.viewers, openWhenNoViewers: false });
}

/**
 * The organisations this deployment serves, each as an `OrgContext`, and the
 * oversight groups over them. With none registered there is exactly one,
 * the implicit organisation, and everything behaves as a single-organisation
 * deployment always has (`implicit` is true).
 */
export class Tenancy {
  /** Stores of organisations removed or re-sited by `reload()`: closed with the tenancy, as requests may still hold them. */
  private readonly retired: PlanStore[] = [];

  private constructor(
    private readonly deps: TenancyDeps,
    private now: Built,
  ) {}

  /**
   * Reads the registry and opens (`init()`) each organisation's store.
   * Registered organisations' roles are closed: an empty viewer list lets
   * nobody else read (the implicit organisation keeps VIEWERS' old meaning).
   */
  static async open(deps: TenancyDeps): Promise<Tenancy> {
    return new Tenancy(deps, await build(deps, new Map()));
  }

  /**
   * Reads the registry again after it changed (the admin page): new and
   * changed organisations get fresh contexts (a changed organisation keeps
   * its open store unless its site changed), removed ones disappear. Callers
   * that look contexts up per request (`context`, `contexts`) see the change at once.
   */
  async reload(): Promise<void> {
    this.replace(await build(this.deps, this.now.byId));
  }

  /**
   * Reads the registry and reloads only if it changed since this tenancy
   * last read it: how a change made elsewhere (`wres org` on the command
   * line, the admin page on another instance) reaches this instance.
   * Resolves true when it reloaded.
   */
  async refresh(): Promise<boolean> {
    const read = await readRegistry(this.deps.registry);
    if (fingerprintOf(read) === this.now.fingerprint) return false;
    this.replace(await build(this.deps, this.now.byId, read));
    return true;
  }

  private replace(built: Built): void {
    const kept = new Set([...built.byId.values()].map((c) => c.store));
    this.retired.push(...[...this.now.byId.values()].map((c) => c.store).filter((s) => !kept.has(s)));
    this.now = built;
  }

  /** True while no organisation is registered: the one context is the implicit organisation. */
  get implicit(): boolean {
    return this.now.implicit;
  }

  /** Every organisation's context, by name. */
  contexts(): OrgContext[] {
    return [...this.now.byId.values()].sort((a, b) => a.org.name.localeCompare(b.org.name, 'en-GB') || a.org.id.localeCompare(b.org.id));
  }

  /** The organisation's context, or null when it is not one this deployment serves. */
  context(orgId: string): OrgContext | null {
    return this.now.byId.get(orgId.trim().toUpperCase()) ?? this.now.byId.get(orgId) ?? null;
  }

  /** The oversight groups (none for the implicit organisation). */
  groups(): readonly OrgGroup[] {
    return this.now.groups;
  }

  /** Who may read group `groupId`'s roll-up, its emails linked to accounts; null for an unknown group. */
  groupViewers(groupId: string): RoleDirectory | null {
    return this.now.groupViewers.get(groupId) ?? null;
  }

  /**
   * The organisations `who` belongs to and as what: lead or viewer as their
   * lists say, owner where their plan names them. A person may belong to
   * several (shared posts).
   */
  async membershipsOf(who: Identity): Promise<Membership[]> {
    const found: Membership[] = [];
    for (const context of this.contexts()) {
      const actor = context.roles.actorFor(who);
      if (actor.isLead) found.push({ context, role: 'lead' });
      else if ((await context.store.listActions()).some((a) => isSamePerson(a.owner, actor))) found.push({ context, role: 'owner' });
      else if (context.roles.isListedViewer(who)) found.push({ context, role: 'viewer' });
    }
    return found;
  }

  /** Closes every organisation's store. */
  async close(): Promise<void> {
    await Promise.all([...[...this.now.byId.values()].map((c) => c.store), ...this.retired].map((s) => s.close()));
  }
}
