/**
 * The roll-up API's bodies (GET /api/groups, GET /api/groups/:id/rollup).
 * Types only, so the tab can `import type` from here. A roll-up carries
 * counts and indicator values only: never an action's title, owner or note.
 */
import type { GroupRollup, IndicatorLatest, MemberRollup, ServedMember, UnservedMember } from '../domain/rollup.js';
import type { OrgGroup } from '../domain/organisation.js';

export type { GroupRollup, IndicatorLatest, MemberRollup, ServedMember, UnservedMember };

/** An oversight group the caller may read. */
export interface GroupListItem {
  id: string;
  name: string;
  kind: OrgGroup['kind'];
  /** How many member organisations it lists. */
  members: number;
}

/** GET /api/groups: the groups whose roll-up the caller may read (empty for most people). */
export interface GroupsResponse {
  groups: GroupListItem[];
}

/** GET /api/groups/:id/rollup */
export interface RollupResponse extends GroupRollup {
  /** When it was worked out (ISO instant). */
  generatedAt: string;
}
