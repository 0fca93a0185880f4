import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import { orgLabel, type OrgGroup, type Organisation } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import type { GraphApi } from '../../graph/graph-api.js';
import { PLATFORM_SITE, resolveSite, siteAccessRefusal, siteName, type SiteLocator } from '../../graph/site.js';
import type { OrganisationRegistry } from '../organisation-registry.js';
import { itemSchema, type ListItem } from './item-fields.js';
import { eq } from './list-access.js';
import { loadPlatformListSpecs, type PlatformListKey, type PlatformListSpecs } from './list-definitions.js';
import { checkSchema, describeGap } from './list-schema.js';
import { siteAddressKey, withCheckedSite } from './organisation-site.js';
import { groupFields, groupFromItem, organisationFields, organisationFromItem, REGISTRY_SELECT } from './registry-fields.js';

/** Everything the registry is built from (see `createRegistry` for the configuration it comes from). */
export interface GraphRegistryOptions {
  graph: GraphApi;
  /** The platform site: the deployment's SHAREPOINT_SITE_ID / SHAREPOINT_SITE_URL. */
  site: SiteLocator;
  clock: Clock;
  /** How long a read of the registry is reused; every write goes straight to SharePoint and drops it. */
  cacheSeconds: number;
  specs?: PlatformListSpecs;
}

/** Where the lists are: null when the platform site has neither (provisioned before organisations existed). */
type Lists = { siteId: string; ids: Record<PlatformListKey, string> } | null;

const KEY_FIELD = { organisations: 'OrgCode', groups: 'GroupCode' } as const;

/**
 * The organisation registry on the platform site: one item per organisation
 * in "WRES Organisations" and per oversight group in "WRES Oversight Groups",
 * each unique on its ODS code (SharePoint enforces it). Until `wres provision`
 * has created those lists the registry is empty, so a deployment from before
 * organisations keeps serving its one implicit organisation; saving then
 * refuses and says to run it. Saving an organisation checks its own site
 * through Graph first (found, granted to the app, used by no other
 * organisation).
 */
export class GraphRegistry implements OrganisationRegistry {
  private readonly specs: PlatformListSpecs;
  private lists: Promise<Lists> | null = null;
  private readonly cache = new Map<PlatformListKey, { at: number; items: ListItem[] }>();

  constructor(private readonly o: GraphRegistryOptions) {
    this.specs = o.specs ?? loadPlatformListSpecs();
  }

  async listOrganisations(): Promise<Organisation[]> {
    return (await this.read('organisations')).map(organisationFromItem).sort((a, b) => a.id.localeCompare(b.id));
  }

  async getOrganisation(id: string): Promise<Organisation | null> {
    return (await this.listOrganisations()).find((o) => o.id === id) ?? null;
  }

  async saveOrganisation(org: Organisation): Promise<void> {
    const all = (await this.read('organisations', true)).map(organisationFromItem);
    const before = all.find((o) => o.id === org.id);
    // A site checked when it was saved is not asked again: an organisation can be edited while its site is down.
    const checked =
      before?.site?.siteId && sameSite(before.site, org.site) ? { ...org, site: before.site } : await withCheckedSite(this.o.graph, org);
    const others = all.filter((o) => o.id !== org.id);
    const sharing = others.find((o) => o.site?.siteId === checked.site?.siteId);
    if (sharing) {
      throw new AppError(
        'conflict',
        `The SharePoint site ${checked.site?.siteUrl} already holds the plan of ${orgLabel(sharing)}. Each organisation needs its own site, so that nobody granted one can see another's plan.`,
      );
    }
    await this.upsert('organisations', org.id, organisationFields(checked));
  }

  removeOrganisation(id: string): Promise<void> {
    return this.remove('organisations', id, `There is no organisation ${id}.`);
  }

  async listGroups(): Promise<OrgGroup[]> {
    return (await this.read('groups')).map(groupFromItem).sort((a, b) => a.id.localeCompare(b.id));
  }

  saveGroup(group: OrgGroup): Promise<void> {
    return this.upsert('groups', group.id, groupFields(group));
  }

  removeGroup(id: string): Promise<void> {
    return this.remove('groups', id, `There is no group ${id}.`);
  }

  /** Every item of a registry list; a read within `cacheSeconds` is reused unless `fresh`. */
  private async read(kind: PlatformListKey, fresh = false): Promise<ListItem[]> {
    const now = this.o.clock.now().getTime();
    const hit = this.cache.get(kind);
    if (!fresh && hit && now - hit.at < this.o.cacheSeconds * 1000) return hit.items;
    const lists = await this.open();
    if (!lists) return [];
    const raw = await this.o.graph.getAll(this.query(lists, kind), `reading the ${this.specs[kind].displayName} list`);
    const items = raw.map((i) => itemSchema.parse(i));
    this.cache.set(kind, { at: now, items });
    return items;
  }

  private query(lists: NonNullable<Lists>, kind: PlatformListKey, filter?: string): string {
    const f = filter ? `&$filter=${encodeURIComponent(filter)}` : '';
    return `${this.items(lists, kind)}?$expand=fields($select=${REGISTRY_SELECT[kind]})&$top=999${f}`;
  }

  private items(lists: NonNullable<Lists>, kind: PlatformListKey, id?: string): string {
    const base = `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists.ids[kind]}/items`;
    return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
  }

  /** The item holding `code`, read now (never from the cache: it is about to be written). */
  private async find(lists: NonNullable<Lists>, kind: PlatformListKey, code: string): Promise<ListItem | null> {
    const page = z
      .object({ value: z.array(itemSchema) })
      .parse(await this.o.graph.get(this.query(lists, kind, eq(KEY_FIELD[kind], code)), `finding ${code}`));
    return page.value[0] ?? null;
  }

  /** Creates or replaces the item of `code`; of two creating it at once, the second (409 on the unique code) replaces. */
  private async upsert(kind: PlatformListKey, code: string, fields: Record<string, unknown>): Promise<void> {
    const lists = await this.writable();
    this.cache.delete(kind);
    const doing = `saving ${code} in ${this.specs[kind].displayName}`;
    const existing = await this.find(lists, kind, code);
    if (!existing) {
      try {
        await this.o.graph.post(this.items(lists, kind), { fields }, doing);
        return;
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'conflict')) throw e;
      }
    }
    const item = existing ?? (await this.find(lists, kind, code));
    if (!item) throw new AppError('conflict', `SharePoint refused ${code} and no item holds it; please try again.`);
    await this.o.graph.patch(`${this.items(lists, kind, item.id)}/fields`, fields, doing);
  }

  private async remove(kind: PlatformListKey, code: string, unknown: string): Promise<void> {
    const lists = await this.open();
    this.cache.delete(kind);
    const item = lists ? await this.find(lists, kind, code) : null;
    if (!item) throw new AppError('not_found', unknown);
    try {
      await this.o.graph.delete(this.items(lists!, kind, item.id), `removing ${code} from ${this.specs[kind].displayName}`);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', unknown, { cause: e });
      throw e;
    }
  }

  private async writable(): Promise<NonNullable<Lists>> {
    const lists = await this.open();
    if (lists) return lists;
    throw new AppError(
      'config',
      `The platform site ${siteName(this.o.site)} has no organisation registry yet. Run \`wres provision\` to create the ${Object.values(
        this.specs,
      )
        .map((s) => `"${s.displayName}"`)
        .join(' and ')} lists, then try again.`,
    );
  }

  private open(): Promise<Lists> {
    this.lists ??= this.connect().catch((e: unknown) => {
      this.lists = null;
      throw e;
    });
    return this.lists;
  }

  /** Finds the platform site and the registry lists; refuses a half-provisioned registry, naming what is missing. */
  private async connect(): Promise<Lists> {
    const graph = this.o.graph.bulk();
    const site = await resolveSite(graph, this.o.site, PLATFORM_SITE);
    let check;
    try {
      check = await checkSchema(graph, site.id, this.specs);
    } catch (e) {
      throw siteAccessRefusal(e, PLATFORM_SITE, site.webUrl ?? site.id) ?? e;
    }
    const { listIds, gaps } = check;
    if (gaps.length === Object.keys(this.specs).length && gaps.every((g) => g.kind === 'list')) return null;
    if (gaps.length > 0) {
      throw new AppError(
        'config',
        `The organisation registry on the platform site ${site.webUrl ?? site.id} is not ready: ${gaps.map(describeGap).join('; ')}. Run \`wres provision\` to create what is missing.`,
      );
    }
    return { siteId: site.id, ids: listIds as Record<PlatformListKey, string> };
  }
}

/** True when `given` names the site `saved` is (its address, and its id when given). */
function sameSite(saved: NonNullable<Organisation['site']>, given: Organisation['site']): boolean {
  const address = (url: string | undefined) => url && siteAddressKey(url);
  if (!given || (given.siteId && given.siteId !== saved.siteId)) return false;
  return given.siteUrl === undefined ? given.siteId === saved.siteId : address(given.siteUrl) === address(saved.siteUrl);
}
