import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { OrgGroup, OrgSettings, Organisation } from '../../domain/organisation.js';
import { AppError } from '../../errors.js';
import type { OrganisationRegistry } from '../organisation-registry.js';
import { openDatabase } from './open-database.js';
import { toAppError } from './sqlite-errors.js';

interface OrgRow {
  id: string;
  name: string;
  site_id: string | null;
  site_url: string | null;
  leads: string;
  viewers: string;
  directory_values: string;
  settings: string;
}

interface GroupRow {
  id: string;
  name: string;
  kind: OrgGroup['kind'];
  members: string;
  viewers: string;
}

const texts = z.array(z.string());
const settingsSchema = z.custom<OrgSettings>((v) => typeof v === 'object' && v !== null && !Array.isArray(v));

function orgFromRow(r: OrgRow): Organisation {
  const site = { ...(r.site_id ? { siteId: r.site_id } : {}), ...(r.site_url ? { siteUrl: r.site_url } : {}) };
  return {
    id: r.id,
    name: r.name,
    ...(r.site_id || r.site_url ? { site } : {}),
    leads: texts.parse(JSON.parse(r.leads)),
    viewers: texts.parse(JSON.parse(r.viewers)),
    ...directoryValuesOf(texts.parse(JSON.parse(r.directory_values))),
    settings: settingsSchema.parse(JSON.parse(r.settings)),
  };
}

/** `directoryValues` only when there are some, so an organisation without reads as before. */
function directoryValuesOf(values: string[]): Pick<Organisation, 'directoryValues'> {
  return values.length ? { directoryValues: values } : {};
}

function groupFromRow(r: GroupRow): OrgGroup {
  return { id: r.id, name: r.name, kind: r.kind, members: texts.parse(JSON.parse(r.members)), viewers: texts.parse(JSON.parse(r.viewers)) };
}

/**
 * The organisation registry in the plan's SQLite file (tables `organisations`
 * and `org_groups`, schema steps 6 and 8), on its own connection.
 */
export class SqliteRegistry implements OrganisationRegistry {
  private db: Database.Database | null = null;

  constructor(private readonly path: string) {}

  private open(): Database.Database {
    this.db ??= openDatabase(this.path);
    return this.db;
  }

  private run<T>(work: (db: Database.Database) => T): Promise<T> {
    try {
      return Promise.resolve(work(this.open()));
    } catch (e) {
      return Promise.reject(toAppError(e));
    }
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db?.open) db.close();
  }

  listOrganisations(): Promise<Organisation[]> {
    return this.run((db) => db.prepare<[], OrgRow>('SELECT * FROM organisations ORDER BY id').all().map(orgFromRow));
  }

  getOrganisation(id: string): Promise<Organisation | null> {
    return this.run((db) => {
      const row = db.prepare<[string], OrgRow>('SELECT * FROM organisations WHERE id = ?').get(id);
      return row ? orgFromRow(row) : null;
    });
  }

  saveOrganisation(org: Organisation): Promise<void> {
    return this.run((db) => {
      db.prepare(
        `INSERT INTO organisations (id, name, site_id, site_url, leads, viewers, directory_values, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, site_id = excluded.site_id, site_url = excluded.site_url,
           leads = excluded.leads, viewers = excluded.viewers, directory_values = excluded.directory_values, settings = excluded.settings`,
      ).run(
        org.id,
        org.name,
        org.site?.siteId ?? null,
        org.site?.siteUrl ?? null,
        JSON.stringify(org.leads),
        JSON.stringify(org.viewers),
        JSON.stringify(org.directoryValues ?? []),
        JSON.stringify(org.settings),
      );
    });
  }

  removeOrganisation(id: string): Promise<void> {
    return this.run((db) => {
      const gone = db.prepare('DELETE FROM organisations WHERE id = ?').run(id).changes;
      if (gone === 0) throw new AppError('not_found', `There is no organisation ${id}.`);
    });
  }

  listGroups(): Promise<OrgGroup[]> {
    return this.run((db) => db.prepare<[], GroupRow>('SELECT * FROM org_groups ORDER BY id').all().map(groupFromRow));
  }

  saveGroup(group: OrgGroup): Promise<void> {
    return this.run((db) => {
      db.prepare(
        `INSERT INTO org_groups (id, name, kind, members, viewers) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, members = excluded.members, viewers = excluded.viewers`,
      ).run(group.id, group.name, group.kind, JSON.stringify(group.members), JSON.stringify(group.viewers));
    });
  }

  removeGroup(id: string): Promise<void> {
    return this.run((db) => {
      const gone = db.prepare('DELETE FROM org_groups WHERE id = ?').run(id).changes;
      if (gone === 0) throw new AppError('not_found', `There is no group ${id}.`);
    });
  }
}
