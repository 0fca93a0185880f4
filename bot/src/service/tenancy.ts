import { configFor, type Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { isEntraId, type DirectoryMembership, type DirectoryQuestion } from '../domain/directory-membership.js';
import { isSamePerson, sameKey } from '../domain/people.js';
import { IMPLICIT_ORG_ID, orgLabel, type OrgGroup, type Organisation } from '../domain/organisation.js';
import type { UserDirectory } from '../domain/user-directory.js';
import type { OrganisationRegistry } from '../store/organisation-registry.js';
import { AppError, describeError, isAppError } from '../errors.js';
import type { Logger } from '../logger.js';
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
  /**
   * Why this organisation cannot be served just now (its store could not be
   * opened: its site is down, not granted or not provisioned), in words;
   * absent when it can. Surfaces refuse with this, naming the organisation;
   * the others are served as usual, and `refresh` tries it again.
   */
  unavailable?: string;
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
  /** Where an organisation that cannot be served is reported. */
  logger?: Logger;
  /** The directory behind membership by group or attribute (cached); absent: none, so nobody can be admitted through it. */
  directory?: DirectoryMembership;
}

interface Built {
  /** What the registry said, to tell later whether it changed (`refresh`). */
  fingerprint: string;
  implicit: boolean;
  byId: Map<string, OrgContext>;
  /** Each organisation's own store, opened or not: what a context of an unavailable organisation does not hand out. */
  stores: ReadonlyMap<string, PlanStore>;
  groups: readonly OrgGroup[];
  /** Each group's viewers, linked to their Entra accounts like an organisation's lists. */
  groupViewers: ReadonlyMap<string, RoleDirectory>;
  /** What the directory must be asked about a person, across every list; null when nothing (then Graph is never asked). */
  question: DirectoryQuestion | null;
}

/** The contexts the registry describes, reusing a store from `previous` for an organisation whose site is unchanged. */
async function build(deps: TenancyDeps, previous: Built | null, read?: RegistryRead): Promise<Built> {
  const { config } = deps;
  const { orgs, groups } = read ?? (await readRegistry(deps.registry));
  const implicit = orgs.length === 0;
  const byId = new Map<string, OrgContext>();
  const stores = new Map<string, PlanStore>();
  for (const org of implicit ? [implicitOrganisation(config)] : orgs) {
    const before = previous?.byId.get(org.id);
    const sameSite = before && JSON.stringify(before.org.site ?? null) === JSON.stringify(org.site ?? null);
    const opened = await openContext(deps, org, sameSite ? { context: before, store: previous!.stores.get(org.id) } : undefined);
    // A single-organisation deployment that cannot open its store does not start, as always.
    if (implicit && opened.context.unavailable) throw opened.failure;
    byId.set(org.id, opened.context);
    if (opened.store) stores.set(org.id, opened.store);
  }
  const groupViewers = new Map<string, RoleDirectory>();
  const anyStore = [...byId.values()].find((c) => !c.unavailable)?.store;
  for (const group of implicit ? [] : groups) {
    const viewers = new RoleDirectory({
      edLeads: [],
      viewers: group.viewers,
      openWhenNoViewers: false,
      groupsFromDirectory: config.DIRECTORY_GROUPS,
    });
    // From then on an email on the list matches only its account: an email claim alone is not enough.
    if (anyStore) await linkRoleAccounts(viewers, anyStore, deps.users?.(anyStore));
    groupViewers.set(group.id, viewers);
  }
  const question = directoryQuestion(config, [...[...byId.values()].map((c) => c.roles), ...groupViewers.values()]);
  return { fingerprint: fingerprintOf({ orgs, groups }), implicit, byId, stores, groups: implicit ? [] : groups, groupViewers, question };
}

/**
 * One question for every list (and PLATFORM_ADMINS, which may name a group
 * too): the union of their group ids, and the attribute when any
 * organisation matches by it.
 */
function directoryQuestion(config: Config, lists: RoleDirectory[]): DirectoryQuestion | null {
  const needs = lists.map((l) => l.directoryNeeds());
  const admins = config.DIRECTORY_GROUPS ? config.PLATFORM_ADMINS.filter(isEntraId).map((id) => id.toLowerCase()) : [];
  const groupIds = [...new Set([...needs.flatMap((n) => n.groupIds), ...admins])];
  const attribute = needs.some((n) => n.attribute);
  if (!groupIds.length && !attribute) return null;
  return { groupIds, ...(attribute ? { attribute: config.DIRECTORY_ATTRIBUTE } : {}) };
}

/**
 * One organisation's context, reusing the store it had (`before`, same site:
 * one store per organisation, so one outbox is ever delivering its updates).
 * When its store cannot be opened the context says why (`unavailable`) and
 * hands out a store that refuses every call with that reason, instead of
 * failing the whole tenancy: one trust's site being down or not yet granted
 * must not stop the service for every other. `store` is its own store, kept
 * to try again and to close.
 */
async function openContext(
  deps: TenancyDeps,
  org: Organisation,
  before: { context: OrgContext; store: PlanStore | undefined } | undefined,
): Promise<{ context: OrgContext; store?: PlanStore; failure?: unknown }> {
  const { config, clock } = deps;
  const roles = organisationRoles(config, org);
  const contextOf = (store: PlanStore, unavailable?: string): OrgContext => ({
    org,
    config: configFor(config, org),
    store,
    service: new PlanService(store, clock),
    roles,
    ...(unavailable ? { unavailable } : {}),
  });
  let store = before?.store;
  try {
    store ??= deps.storeFor(org);
    // A new store is opened; one that failed to open last time is opened again (init is idempotent).
    if (!before?.store || before.context.unavailable) await store.init();
    await linkRoleAccounts(roles, store, deps.users?.(store));
    if (before?.context.unavailable) deps.logger?.info(`${orgLabel(org)} is served again`, { organisation: org.id });
    return { context: contextOf(store), store };
  } catch (failure) {
    const reason = isAppError(failure) ? failure.message : 'its store could not be opened (see the log)';
    // Said once per outage: `refresh` tries again every minute.
    if (!before?.context.unavailable)
      deps.logger?.error(`${orgLabel(org)} cannot be served just now: the other organisations are served as usual`, {
        organisation: org.id,
        error: describeError(failure),
      });
    return { context: contextOf(refusingStore(reason), reason), ...(store ? { store } : {}), failure };
  }
}

/** The store an unavailable organisation's context hands out: every call is refused with `reason`, in words. */
function refusingStore(reason: string): PlanStore {
  const refuse = () => Promise.reject(new AppError('unavailable', reason));
  return new Proxy({} as PlanStore, {
    // `then` stays undefined, so the store is never mistaken for a promise; closing has nothing to close.
    get: (_, name) =>
      name === 'then' || typeof name !== 'string'
        ? undefined
        : name === 'kind'
          ? 'unavailable'
          : name === 'close'
            ? () => Promise.resolve()
            : refuse,
  });
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
    : new RoleDirectory({
        edLeads: org.leads,
        viewers: org.viewers,
        openWhenNoViewers: false,
        directoryValues: org.directoryValues ?? [],
        groupsFromDirectory: config.DIRECTORY_GROUPS,
      });
}

/**
 * `who`'s part in one organisation, the one rule every surface asks: lead
 * or viewer as its lists say, owner where its plan names them; null for
 * none. An organisation that cannot be served just now knows only its
 * listed people, as its plan cannot be read.
 */
export async function roleIn(context: OrgContext, who: Identity): Promise<Membership['role'] | null> {
  const actor = context.roles.actorFor(who);
  if (actor.isLead) return 'lead';
  if (!context.unavailable && (await context.store.listActions()).some((a) => isSamePerson(a.owner, actor))) return 'owner';
  return context.roles.isListedViewer(who) ? 'viewer' : null;
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
  /** The reload running now, if any (`oneAtATime`). */
  private reloading: Promise<unknown> = Promise.resolve();

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
    return new Tenancy(deps, await build(deps, null));
  }

  /**
   * Reads the registry again after it changed (the admin page): new and
   * changed organisations get fresh contexts (a changed organisation keeps
   * its open store unless its site changed), removed ones disappear. Callers
   * that look contexts up per request (`context`, `contexts`) see the change at once.
   */
  async reload(): Promise<void> {
    await this.oneAtATime(async () => this.replace(await build(this.deps, this.now)));
  }

  /**
   * Reads the registry and reloads if it changed since this tenancy last
   * read it (how a change made elsewhere, `wres org` on the command line or
   * the admin page on another instance, reaches this instance) or if an
   * organisation could not be served. Resolves true when the registry changed.
   */
  async refresh(): Promise<boolean> {
    return this.oneAtATime(async () => {
      const read = await readRegistry(this.deps.registry);
      const changed = fingerprintOf(read) !== this.now.fingerprint;
      if (changed) this.replace(await build(this.deps, this.now, read));
      else if (this.unavailable().length > 0) await this.reopenUnavailable();
      return changed;
    });
  }

  /**
   * Tries again to open each organisation that could not be served, leaving
   * every other context as it is (its store, and whatever surfaces built on it).
   */
  private async reopenUnavailable(): Promise<void> {
    const byId = new Map(this.now.byId);
    const stores = new Map(this.now.stores);
    for (const context of this.unavailable()) {
      const opened = await openContext(this.deps, context.org, { context, store: stores.get(context.org.id) });
      byId.set(context.org.id, opened.context);
      if (opened.store) stores.set(context.org.id, opened.store);
    }
    this.replace({ ...this.now, byId, stores });
  }

  /**
   * Runs registry reloads one after another: a slower reload from an older
   * read never overwrites a newer one, and two never open one organisation's
   * store (and its outbox) twice.
   */
  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.reloading.then(work, work);
    this.reloading = run.catch(() => undefined);
    return run;
  }

  /** The organisations that cannot be served just now, each with why (`OrgContext.unavailable`). */
  unavailable(): OrgContext[] {
    return this.contexts().filter((c) => c.unavailable);
  }

  private replace(built: Built): void {
    const kept = new Set(built.stores.values());
    this.retired.push(...[...this.now.stores.values()].filter((s) => !kept.has(s)));
    this.now = built;
  }

  /** True when some list needs the directory (a group id to resolve, directory values to match). */
  get needsDirectory(): boolean {
    return this.now.question !== null;
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
      const role = await roleIn(context, who);
      if (role) found.push({ context, role });
    }
    return found;
  }

  /**
   * `who` with what the directory says about them, when some list needs it
   * (a group id and no groups claim, with DIRECTORY_GROUPS; directory values
   * on an organisation): `groups` gains the listed groups they are in,
   * `directoryValue` their attribute's value. When the directory cannot be
   * asked, `directoryUnavailable` says why. Call once per request or
   * activity; the roles then match the result synchronously. With nothing
   * to ask, `who` comes back unchanged and the directory is not called.
   */
  async withDirectory<T extends Identity>(who: T): Promise<T> {
    const question = this.now.question;
    if (!question || !who.aadObjectId) return who;
    const groupIds = who.groups ? [] : question.groupIds.filter((id) => !sameKey(id, who.aadObjectId));
    if (!groupIds.length && !question.attribute) return who;
    const directory = this.deps.directory;
    if (!directory) return { ...who, directoryUnavailable: 'this service is not connected to the directory (Microsoft Graph)' };
    const facts = await directory.lookUp(who.aadObjectId, { ...question, groupIds });
    if (facts.kind === 'unavailable') return { ...who, directoryUnavailable: facts.reason };
    return {
      ...who,
      ...(groupIds.length ? { groups: facts.groups } : {}),
      ...(facts.value !== null ? { directoryValue: facts.value } : {}),
    };
  }

  /**
   * True when the directory could not be asked about `who` and might have
   * made them a member of `orgId` (of any organisation, when null): they are
   * to be told the directory could not be checked, not that they are not a member.
   */
  undecidedWithoutDirectory(who: Identity, orgId: string | null): boolean {
    const contexts = orgId === null ? this.contexts() : [this.context(orgId)].filter((c): c is OrgContext => c !== null);
    return contexts.some((c) => c.roles.undecidedWithoutDirectory(who));
  }

  /** Closes every organisation's store. */
  async close(): Promise<void> {
    await Promise.all([...this.now.stores.values(), ...this.retired].map((s) => s.close()));
  }
}
