import type { OrgGroup, Organisation } from '../domain/organisation.js';

/**
 * Where the deployment keeps its organisations and oversight groups
 * (SQLite: tables next to the plan; SharePoint: lists on the platform site).
 * All methods reject with an `AppError` on failure.
 */
export interface OrganisationRegistry {
  /** Every registered organisation, by id. Empty: the app runs the one implicit organisation. */
  listOrganisations(): Promise<Organisation[]>;
  getOrganisation(id: string): Promise<Organisation | null>;
  /** Adds or replaces the organisation with `org.id`. */
  saveOrganisation(org: Organisation): Promise<void>;
  /** Removes an organisation from the registry (its plan data stays in its store). Rejects with `not_found` when unknown. */
  removeOrganisation(id: string): Promise<void>;

  /** Every oversight group, by id. */
  listGroups(): Promise<OrgGroup[]>;
  /** Adds or replaces the group with `group.id`. */
  saveGroup(group: OrgGroup): Promise<void>;
  /** Rejects with `not_found` when unknown. */
  removeGroup(id: string): Promise<void>;
}
