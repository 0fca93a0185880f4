import type { Clock } from '../domain/clock.js';
import { localDate } from '../domain/dates.js';
import type { OrgGroup } from '../domain/organisation.js';
import { summariseMember, type GroupRollup, type MemberRollup } from '../domain/rollup.js';
import { AppError } from '../errors.js';
import { directoryUncheckedMessage, RoleDirectory, type Identity } from './roles.js';
import type { OrgContext } from './tenancy.js';

/** What the roll-up reads of the tenancy: its groups and each member's context. */
export interface GroupSource {
  groups(): readonly OrgGroup[];
  /** A group's viewer list with its emails linked to accounts (the tenancy's); without it the list is read as given. */
  groupViewers?(groupId: string): RoleDirectory | null;
  context(orgId: string): OrgContext | null;
  /** The caller with what the directory says of them (group ids on viewer lists); without it, as signed in. */
  withDirectory?<T extends Identity>(who: T): Promise<T>;
}

/**
 * Oversight groups as their viewers see them. Only a group's own viewer
 * list decides who reads its roll-up: leading a member organisation does
 * not make someone a viewer of the group, and being a group viewer gives no
 * way into any member's plan (this reads counts and figures, nothing else).
 */
export class GroupRollups {
  constructor(
    private readonly source: GroupSource,
    private readonly clock: Clock,
  ) {}

  /** The groups `who` may read, by name. */
  readableBy(who: Identity): OrgGroup[] {
    return this.source
      .groups()
      .filter((g) => this.isViewer(g, who))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id));
  }

  /**
   * The roll-up of group `groupId` for `who`. Rejects with `not_found` for an
   * unknown group and `forbidden` when `who` is not one of its viewers. A
   * member this deployment does not serve is listed as such, not an error.
   */
  async rollup(groupId: string, who: Identity): Promise<GroupRollup> {
    const group = this.source.groups().find((g) => g.id === groupId.trim().toUpperCase());
    if (!group) throw new AppError('not_found', `There is no oversight group ${groupId} on this service.`);
    if (!this.isViewer(group, who)) {
      if (this.viewersOf(group).undecidedWithoutDirectory(who))
        throw new AppError('unavailable', directoryUncheckedMessage(who, `the roll-up for ${group.name}`));
      throw new AppError(
        'forbidden',
        `You are signed in as ${who.displayName}, but you are not on the list of people who can see the roll-up for ${group.name}. Ask the group's administrator for access.`,
      );
    }
    return rollupOf(group, this.source, this.clock);
  }

  /** Whether `who` is on the group's viewer list (emails, Entra object ids or group ids, matched as organisations' lists are). */
  private isViewer(group: OrgGroup, who: Identity): boolean {
    return this.viewersOf(group).isListedViewer(who);
  }

  private viewersOf(group: OrgGroup): RoleDirectory {
    return this.source.groupViewers?.(group.id) ?? new RoleDirectory({ edLeads: [], viewers: group.viewers, openWhenNoViewers: false });
  }
}

/** Every member of `group` summarised, whoever asks (the CLI runs as the deployment's operator). */
export async function rollupOf(group: OrgGroup, source: Pick<GroupSource, 'context'>, clock: Clock): Promise<GroupRollup> {
  const members = await Promise.all(group.members.map((id) => memberRollup(id, source, clock)));
  return { group: { id: group.id, name: group.name, kind: group.kind }, members };
}

async function memberRollup(id: string, source: Pick<GroupSource, 'context'>, clock: Clock): Promise<MemberRollup> {
  const context = source.context(id);
  if (!context) return { id, served: false, why: 'not-served' };
  const { config, store, org } = context;
  // One member's site being down must not hide the others: it is shown as unreadable, by name.
  const read = await Promise.all([store.listActions(), store.listMetrics()]).catch(() => null);
  if (!read) return { id: org.id, name: org.name, served: false, why: 'unreadable' };
  const [actions, metrics] = read;
  const view = { today: localDate(clock.now(), config.TIMEZONE), timeZone: config.TIMEZONE, staleAfterDays: config.STALE_AFTER_DAYS };
  return summariseMember(org, actions, metrics, view);
}
