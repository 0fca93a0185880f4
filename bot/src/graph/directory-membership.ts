import { z } from 'zod';
import type { DirectoryAttribute, DirectoryFacts, DirectoryMembership, DirectoryQuestion } from '../domain/directory-membership.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { MAX_BATCH, type GraphApi } from './graph-api.js';
import { graphFailure } from './graph-errors.js';

/** The application permissions each question needs (Graph's least-privileged choice for an app). */
export const DIRECTORY_PERMISSIONS = {
  groups: 'GroupMember.Read.All (with User.Read.All)',
  attribute: 'User.Read.All',
} as const;

/** Graph checks at most 20 group ids in one `checkMemberGroups` call, as in one `$batch`. */
const MAX_GROUP_IDS = MAX_BATCH;

const memberGroupsSchema = z.object({ value: z.array(z.string()) });

/** One part of the answer, or why the directory could not give it. */
type Part<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Directory membership through Microsoft Graph: `POST
 * /users/{id}/checkMemberGroups` (transitive; 20 group ids a call) for the
 * groups, `GET /users/{id}?$select=<attribute>` for the attribute. A person
 * Entra does not know (404) is in no group and has no value. A refusal (403:
 * the permission is not granted) or an outage (after GraphApi's retries of
 * 429/503/504) is `unavailable`, logged once until the directory answers again.
 */
export class GraphDirectoryMembership implements DirectoryMembership {
  /** What has been logged since the directory last answered, so an outage is one line, not one per person. */
  private readonly logged = new Set<string>();

  constructor(
    private readonly graph: GraphApi,
    private readonly logger: Logger,
  ) {}

  async lookUp(personId: string, question: DirectoryQuestion): Promise<DirectoryFacts> {
    const user = `/users/${encodeURIComponent(personId.trim())}`;
    const [groups, value] = await Promise.all([
      this.ask('groups', [] as string[], () => this.memberGroups(user, question.groupIds)),
      question.attribute ? this.ask('attribute', null, () => this.attribute(user, question.attribute!)) : ok(null),
    ]);
    if (!groups.ok) return { kind: 'unavailable', reason: groups.reason };
    if (!value.ok) return { kind: 'unavailable', reason: value.reason };
    this.logged.clear();
    return { kind: 'known', groups: groups.value, value: value.value };
  }

  private async memberGroups(user: string, groupIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(groupIds.map((g) => g.trim().toLowerCase()))];
    const calls = [];
    for (let i = 0; i < ids.length; i += MAX_GROUP_IDS) {
      const chunk = ids.slice(i, i + MAX_GROUP_IDS);
      calls.push(this.graph.post(`${user}/checkMemberGroups`, { groupIds: chunk }, 'checking group membership in the directory'));
    }
    return (await Promise.all(calls)).flatMap((body) => memberGroupsSchema.parse(body).value.map((g) => g.toLowerCase()));
  }

  private async attribute(user: string, attribute: DirectoryAttribute): Promise<string | null> {
    const body = await this.graph.get(`${user}?$select=${attribute}`, 'reading the directory');
    const parsed = z.object({ [attribute]: z.string().nullish() }).parse(body);
    const value = parsed[attribute]?.trim();
    return value ? value : null;
  }

  /** Runs one question; 404 (no such person) is `absent`, anything else that fails is a reason in words. */
  private async ask<T>(what: keyof typeof DIRECTORY_PERMISSIONS, absent: T, call: () => Promise<T>): Promise<Part<T>> {
    try {
      return ok(await call());
    } catch (e) {
      const status = graphFailure(e)?.status ?? null;
      if (status === 404) return ok(absent);
      const refused = status === 401 || status === 403;
      const permission = DIRECTORY_PERMISSIONS[what];
      const key = refused ? `refused:${what}` : 'outage';
      if (!this.logged.has(key)) {
        this.logged.add(key);
        if (refused)
          this.logger.error(`The directory refused the app (${status}): grant it the application permission ${permission}`, {
            status,
            permission,
          });
        else this.logger.warn('The directory could not be reached to check membership', { status, error: describeError(e) });
      }
      return {
        ok: false,
        reason: refused
          ? `the app is not allowed to read the directory (it needs ${permission})`
          : 'the directory (Microsoft Entra) could not be reached',
      };
    }
  }
}

const ok = <T>(value: T): Part<T> => ({ ok: true, value });
