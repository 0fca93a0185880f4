/** The tab's sections and role names as the header shows them, free of React so the first screen shows the same. */
import type { Role } from '../api/types.js';
import { planPath, type Route } from '../routes.js';

/** A section of the tab; `short` is its label on a phone, where all four must fit on one line at 320 px. */
export interface Section {
  to: () => string;
  label: string;
  short?: string;
  /** The routes under this section (it is marked current on them). */
  route: Route['name'][];
}

/** The sections, in the order the header lists them. */
export const SECTIONS: readonly Section[] = [
  { to: planPath, label: 'Plan', route: ['plan', 'action', 'reassign', 'carryOver'] },
  { to: () => '/my', label: 'My actions', route: ['my'] },
  { to: () => '/since', label: 'Since the last board', short: 'Changes', route: ['since'] },
  { to: () => '/indicators', label: 'Indicators', route: ['indicators', 'indicator', 'modelEmployer'] },
];

/** The roll-up, listed after the sections for people who view an ICB's or region's roll-up (GET /api/groups says so). */
export const ROLLUP_SECTION: Section = { to: () => '/rollup', label: 'Roll-up', route: ['rollup'] };

/** How the header names the signed-in person's role. */
export const ROLE_LABELS: Record<Role, string> = { lead: 'E&D lead', owner: 'Action owner', viewer: 'Viewer' };
