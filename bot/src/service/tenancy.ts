import { configFor, type Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { isEntraId, type DirectoryMembership, type DirectoryQuestion } from '../domain/directory-membership.js';
import { isSamePerson, sameKey } from '../domain/people.js';
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
  /** The directory behind membership by group or attribute (cached); absent: none, so nobody can be admitted through it. */
  directory?: DirectoryMembership;
}

interface Built {
  implicit: boolean;
  byId: Map<string, OrgContext>;
  groups: readonly OrgGroup[];
  /** Each group's viewers, linked to their Entra accounts like an organisation's lists. */
  groupViewers: ReadonlyMap<string, RoleDirectory>;
  /** What the directory must be asked about a person, across every list; null when nothing (then Graph is never asked). */
  question: DirectoryQuestion | null;
}

/** The contexts the registry describes, reusing an open store from `previous` for an organisation whose site is unchanged. */
async function build(deps: TenancyDeps, previous: ReadonlyMap<string, OrgContext>): Promise<Built> {
  const { config, clock } = deps;
  const [orgs, groups] = await Promise.all([deps.registry.listOrganisations(), deps.registry.listGroups()]);
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
  return { implicit, byId, groups: implicit ? [] : groups, groupViewers, question };
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
 * The organisations this deployment serves, each as an `OrgContext`, and the
 * oversight groups over them. With none registered there is exactly one,
 * the implicit organisation, and everything behaves as a single-organisation
 * deployment always has (`implicit` is true).
 */
export class Tenancy {
  private implicitNow: boolean;
  private byId: ReadonlyMap<string, OrgContext>;
  private groupList: readonly OrgGroup[];
  private groupViewerLists: ReadonlyMap<string, RoleDirectory>;
  private question: DirectoryQuestion | null;
  /** Stores of organisations removed or re-sited by `reload()`: closed with the tenancy, as requests may still hold them. */
  private readonly retired: PlanStore[] = [];

  private constructor(
    private readonly deps: TenancyDeps,
    built: Built,
  ) {
    this.implicitNow = built.implicit;
    this.byId = built.byId;
    this.groupList = built.groups;
    this.groupViewerLists = built.groupViewers;
    this.question = built.question;
  }

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
    const built = await build(this.deps, this.byId);
    const kept = new Set([...built.byId.values()].map((c) => c.store));
    this.retired.push(...[...this.byId.values()].map((c) => c.store).filter((s) => !kept.has(s)));
    this.implicitNow = built.implicit;
    this.byId = built.byId;
    this.groupList = built.groups;
    this.groupViewerLists = built.groupViewers;
    this.question = built.question;
  }

  /** True when some list needs the directory (a group id to resolve, directory values to match). */
  get needsDirectory(): boolean {
    return this.question !== null;
  }

  /** True while no organisation is registered: the one context is the implicit organisation. */
  get implicit(): boolean {
    return this.implicitNow;
  }

  /** Every organisation's context, by name. */
  contexts(): OrgContext[] {
    return [...this.byId.values()].sort((a, b) => a.org.name.localeCompare(b.org.name, 'en-GB') || a.org.id.localeCompare(b.org.id));
  }

  /** The organisation's context, or null when it is not one this deployment serves. */
  context(orgId: string): OrgContext | null {
    return this.byId.get(orgId.trim().toUpperCase()) ?? this.byId.get(orgId) ?? null;
  }

  /** The oversight groups (none for the implicit organisation). */
  groups(): readonly OrgGroup[] {
    return this.groupList;
  }

  /** Who may read group `groupId`'s roll-up, its emails linked to accounts; null for an unknown group. */
  groupViewers(groupId: string): RoleDirectory | null {
    return this.groupViewerLists.get(groupId) ?? null;
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
    const question = this.question;
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
    await Promise.all([...[...this.byId.values()].map((c) => c.store), ...this.retired].map((s) => s.close()));
  }
}
