import type Database from 'better-sqlite3';
import { IMPLICIT_ORG_ID } from '../../domain/organisation.js';

/** Rows written before organisations existed belong to the implicit organisation. */
const IMPLICIT_ORG = IMPLICIT_ORG_ID;

/** One forward-only schema step. Versions are applied in order and never edited once released. */
export interface Migration {
  version: number;
  name: string;
  /** The step's SQL, or a function for a step that must read the schema as it stands (a table rebuild). */
  sql: string | ((db: Database.Database) => void);
  /**
   * The step rebuilds a table other tables refer to: it runs with foreign
   * keys off and checks them before committing, as SQLite documents for
   * schema changes ALTER TABLE cannot make (https://sqlite.org/lang_altertable.html#otheralter).
   */
  rebuildsReferencedTable?: boolean;
}

/**
 * Rebuilds `actions` so that its status CHECK also allows 'CarriedOver'
 * (SQLite cannot change a CHECK in place). The table is recreated from its
 * own stored definition, so any column an earlier step added is kept, and
 * its indexes and triggers are recreated.
 */
function allowCarriedOverStatus(db: Database.Database): void {
  const table = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'actions'").pluck().get();
  if (!table) throw new Error('The actions table is missing.');
  const check = /CHECK\s*\(\s*status\s+IN\s*\(([^)]*)\)\s*\)/i;
  const allowed = check.exec(table)?.[1];
  if (allowed === undefined) throw new Error('The status check of the actions table was not found.');
  if (allowed.includes("'CarriedOver'")) return;
  const rebuilt = table
    .replace(check, `CHECK (status IN (${allowed.trim()}, 'CarriedOver'))`)
    .replace(/^CREATE TABLE\s+("?)actions\1/i, 'CREATE TABLE actions_rebuilt');
  const dependants = db
    .prepare<[], string>("SELECT sql FROM sqlite_master WHERE tbl_name = 'actions' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .pluck()
    .all();
  db.exec(rebuilt);
  db.exec('INSERT INTO actions_rebuilt SELECT * FROM actions; DROP TABLE actions; ALTER TABLE actions_rebuilt RENAME TO actions;');
  for (const sql of dependants) db.exec(sql);
}

/**
 * Schema step 7: every table holding an organisation's data gets `org_id`
 * (existing rows: the implicit organisation), and the keys that were
 * plan-wide become per organisation. SQLite cannot change a key in place, so
 * the four tables are rebuilt from the version 6 definitions, column by
 * column. `conversations` stays deployment-wide (a person's Teams chat with
 * the bot is one conversation whatever the organisation), as do
 * `bank_holidays` (by nation) and the registry itself.
 */
function scopeByOrganisation(db: Database.Database): void {
  const copy = (table: string, columns: string) => {
    db.exec(`INSERT INTO ${table}_v7 (org_id, ${columns}) SELECT '${IMPLICIT_ORG}', ${columns} FROM ${table};
      DROP TABLE ${table}; ALTER TABLE ${table}_v7 RENAME TO ${table};`);
  };
  db.exec(`
    CREATE TABLE actions_v7 (
      id            TEXT PRIMARY KEY,
      org_id        TEXT NOT NULL DEFAULT '${IMPLICIT_ORG}',
      plan_year     TEXT NOT NULL,
      ref           TEXT NOT NULL,
      theme         TEXT NOT NULL,
      indicators    TEXT NOT NULL,
      title         TEXT NOT NULL,
      measure       TEXT NOT NULL,
      owner_name    TEXT,
      owner_email   TEXT COLLATE NOCASE,
      owner_aad     TEXT COLLATE NOCASE,
      lead_role     TEXT NOT NULL,
      due_date      TEXT,
      due_text      TEXT NOT NULL,
      status        TEXT NOT NULL CHECK (status IN ('NotStarted', 'InProgress', 'Ongoing', 'Complete', 'CarriedOver')),
      rag           TEXT NOT NULL CHECK (rag IN ('Red', 'Amber', 'Green', 'Blue', 'None')),
      latest_text   TEXT,
      latest_author TEXT,
      latest_at     TEXT,
      latest_links  TEXT,
      updated_at    TEXT NOT NULL,
      version       INTEGER NOT NULL CHECK (version >= 1),
      carried_from_id   TEXT,
      carried_from_year TEXT,
      carried_from_ref  TEXT,
      carried_to_id     TEXT,
      carried_to_year   TEXT,
      carried_to_ref    TEXT,
      UNIQUE (org_id, plan_year, ref)
    );`);
  copy(
    'actions',
    `id, plan_year, ref, theme, indicators, title, measure, owner_name, owner_email, owner_aad, lead_role, due_date, due_text,
     status, rag, latest_text, latest_author, latest_at, latest_links, updated_at, version,
     carried_from_id, carried_from_year, carried_from_ref, carried_to_id, carried_to_year, carried_to_ref`,
  );
  db.exec(`
    CREATE INDEX actions_owner_email ON actions (org_id, owner_email);
    CREATE INDEX actions_owner_aad ON actions (org_id, owner_aad);

    CREATE TABLE progress_updates_v7 (
      id           TEXT PRIMARY KEY,
      org_id       TEXT NOT NULL DEFAULT '${IMPLICIT_ORG}',
      action_id    TEXT NOT NULL REFERENCES actions (id),
      text         TEXT NOT NULL,
      rag_from     TEXT NOT NULL,
      rag_to       TEXT NOT NULL,
      status_from  TEXT NOT NULL,
      status_to    TEXT NOT NULL,
      author_name  TEXT NOT NULL,
      author_aad   TEXT,
      submitted_at TEXT NOT NULL,
      submitted_ms INTEGER NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('teams', 'tab', 'import', 'api')),
      request_id   TEXT NOT NULL,
      event        TEXT,
      links        TEXT,
      -- Import keys are derived from the plan's text, so two organisations' identical plans must not clash.
      UNIQUE (org_id, request_id)
    );`);
  copy(
    'progress_updates',
    `id, action_id, text, rag_from, rag_to, status_from, status_to, author_name, author_aad, submitted_at, submitted_ms,
     source, request_id, event, links`,
  );
  db.exec(`
    CREATE INDEX progress_updates_action ON progress_updates (action_id, submitted_ms);
    CREATE INDEX progress_updates_submitted ON progress_updates (org_id, submitted_ms);
    -- Still append-only: no entry's content changes and none is deleted. New columns must be added to this list.
    CREATE TRIGGER progress_updates_no_update BEFORE UPDATE OF id, action_id, text, rag_from, rag_to, status_from, status_to,
      author_name, author_aad, submitted_at, submitted_ms, source, request_id, event, links ON progress_updates
      BEGIN SELECT RAISE(ABORT, 'progress_updates is append-only'); END;
    -- The one move allowed: adopting the implicit organisation's log into a registered organisation.
    CREATE TRIGGER progress_updates_org_fixed BEFORE UPDATE OF org_id ON progress_updates WHEN OLD.org_id <> '${IMPLICIT_ORG}'
      BEGIN SELECT RAISE(ABORT, 'progress_updates stay with their organisation'); END;
    CREATE TRIGGER progress_updates_no_delete BEFORE DELETE ON progress_updates
      BEGIN SELECT RAISE(ABORT, 'progress_updates is append-only'); END;
    -- An entry belongs to its action's organisation: the database refuses one naming another organisation's action.
    CREATE TRIGGER progress_updates_same_org BEFORE INSERT ON progress_updates
      WHEN (SELECT org_id FROM actions WHERE id = NEW.action_id) IS NOT NEW.org_id
      BEGIN SELECT RAISE(ABORT, 'a progress update must belong to its action''s organisation'); END;

    -- Ledger keys (actions, and digest keys that are not actions) are per organisation.
    CREATE TABLE reminders_v7 (
      org_id      TEXT NOT NULL DEFAULT '${IMPLICIT_ORG}',
      action_id   TEXT NOT NULL,
      stage       TEXT NOT NULL,
      due_date    TEXT NOT NULL,
      recipient   TEXT NOT NULL,
      state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
      sent_at     TEXT NOT NULL,
      lease_until TEXT,
      attempts    INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
      failure     TEXT,
      PRIMARY KEY (org_id, action_id, stage, due_date)
    );`);
  copy('reminders', 'action_id, stage, due_date, recipient, state, sent_at, lease_until, attempts, failure');
  db.exec(`
    CREATE TABLE indicator_metrics_v7 (
      org_id     TEXT NOT NULL DEFAULT '${IMPLICIT_ORG}',
      year       TEXT NOT NULL,
      measure    TEXT NOT NULL,
      value      REAL,
      source     TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (org_id, year, measure)
    );`);
  copy('indicator_metrics', 'year, measure, value, source, updated_at');
}

/**
 * The schema, as an ordered list of steps. Add a new step to change it;
 * never edit a released one (databases in the field have already run it).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE actions (
        id            TEXT PRIMARY KEY,
        plan_year     TEXT NOT NULL,
        ref           TEXT NOT NULL,
        theme         TEXT NOT NULL,
        indicators    TEXT NOT NULL,
        title         TEXT NOT NULL,
        measure       TEXT NOT NULL,
        owner_name    TEXT,
        owner_email   TEXT COLLATE NOCASE,
        owner_aad     TEXT COLLATE NOCASE,
        lead_role     TEXT NOT NULL,
        due_date      TEXT,
        due_text      TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('NotStarted', 'InProgress', 'Ongoing', 'Complete')),
        rag           TEXT NOT NULL CHECK (rag IN ('Red', 'Amber', 'Green', 'Blue', 'None')),
        latest_text   TEXT,
        latest_author TEXT,
        latest_at     TEXT,
        updated_at    TEXT NOT NULL,
        version       INTEGER NOT NULL CHECK (version >= 1),
        UNIQUE (plan_year, ref)
      );
      CREATE INDEX actions_owner_email ON actions (owner_email);
      CREATE INDEX actions_owner_aad ON actions (owner_aad);

      CREATE TABLE progress_updates (
        id          TEXT PRIMARY KEY,
        action_id   TEXT NOT NULL REFERENCES actions (id),
        text        TEXT NOT NULL,
        rag_from    TEXT NOT NULL,
        rag_to      TEXT NOT NULL,
        status_from TEXT NOT NULL,
        status_to   TEXT NOT NULL,
        author_name TEXT NOT NULL,
        author_aad  TEXT,
        submitted_at TEXT NOT NULL,
        submitted_ms INTEGER NOT NULL,
        source      TEXT NOT NULL CHECK (source IN ('teams', 'tab', 'import', 'api')),
        request_id  TEXT NOT NULL UNIQUE
      );
      CREATE INDEX progress_updates_action ON progress_updates (action_id, submitted_ms);
      CREATE INDEX progress_updates_submitted ON progress_updates (submitted_ms);

      -- The log is append-only: the database itself refuses edits and deletes.
      CREATE TRIGGER progress_updates_no_update BEFORE UPDATE ON progress_updates
        BEGIN SELECT RAISE(ABORT, 'progress_updates is append-only'); END;
      CREATE TRIGGER progress_updates_no_delete BEFORE DELETE ON progress_updates
        BEGIN SELECT RAISE(ABORT, 'progress_updates is append-only'); END;

      -- No foreign key: digest entries use ledger keys that are not actions.
      CREATE TABLE reminders (
        action_id TEXT NOT NULL,
        stage     TEXT NOT NULL,
        due_date  TEXT NOT NULL,
        recipient TEXT NOT NULL,
        state     TEXT NOT NULL CHECK (state IN ('pending', 'sent')),
        sent_at   TEXT NOT NULL,
        PRIMARY KEY (action_id, stage, due_date)
      );

      CREATE TABLE conversations (
        aad_object_id      TEXT PRIMARY KEY COLLATE NOCASE,
        email              TEXT COLLATE NOCASE,
        display_name       TEXT NOT NULL,
        tenant_id          TEXT,
        reference          TEXT NOT NULL,
        unreachable_reason TEXT,
        updated_at         TEXT NOT NULL
      );
      CREATE INDEX conversations_email ON conversations (email);

      CREATE TABLE indicator_metrics (
        year       TEXT NOT NULL,
        measure    TEXT NOT NULL,
        value      REAL,
        source     TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (year, measure)
      );
    `,
  },
  {
    version: 2,
    name: 'reminder leases and failed deliveries',
    // SQLite cannot change a CHECK constraint in place: rebuild the table. A claim left pending by
    // an earlier version has no lease; it counts as lapsed, so the next run retries it.
    sql: `
      CREATE TABLE reminders_v3 (
        action_id   TEXT NOT NULL,
        stage       TEXT NOT NULL,
        due_date    TEXT NOT NULL,
        recipient   TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
        sent_at     TEXT NOT NULL,
        lease_until TEXT,
        attempts    INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        failure     TEXT,
        PRIMARY KEY (action_id, stage, due_date)
      );
      INSERT INTO reminders_v3 (action_id, stage, due_date, recipient, state, sent_at, lease_until, attempts)
        SELECT action_id, stage, due_date, recipient, state, sent_at, CASE WHEN state = 'pending' THEN sent_at END, 1 FROM reminders;
      DROP TABLE reminders;
      ALTER TABLE reminders_v3 RENAME TO reminders;
    `,
  },
  {
    version: 3,
    name: 'imported UK bank holidays',
    // Only what `wres holidays import` brought in; the dates shipped with the app cover the other years.
    sql: `
      CREATE TABLE bank_holidays (
        division TEXT NOT NULL CHECK (division IN ('england-and-wales', 'scotland', 'northern-ireland')),
        date     TEXT NOT NULL,
        title    TEXT NOT NULL,
        notes    TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (division, date)
      );
    `,
  },
  {
    version: 4,
    name: 'carry-over and reassignment',
    rebuildsReferencedTable: true,
    sql: (db) => {
      allowCarriedOverStatus(db);
      db.exec(`
        ALTER TABLE actions ADD COLUMN carried_from_id TEXT;
        ALTER TABLE actions ADD COLUMN carried_from_year TEXT;
        ALTER TABLE actions ADD COLUMN carried_from_ref TEXT;
        ALTER TABLE actions ADD COLUMN carried_to_id TEXT;
        ALTER TABLE actions ADD COLUMN carried_to_year TEXT;
        ALTER TABLE actions ADD COLUMN carried_to_ref TEXT;
        -- A reassignment or a carry-over in the progress log, as JSON (domain ProgressEvent); NULL for a progress note.
        ALTER TABLE progress_updates ADD COLUMN event TEXT;
      `);
    },
  },
  {
    version: 5,
    name: 'evidence links on progress updates',
    // JSON arrays of https links, NULL when none. Adding a column is allowed on the append-only log.
    sql: `
      ALTER TABLE progress_updates ADD COLUMN links TEXT;
      ALTER TABLE actions ADD COLUMN latest_links TEXT;
    `,
  },
  {
    version: 6,
    name: 'organisations and oversight groups',
    // The registry of a deployment serving several organisations; lists and settings as JSON. Empty: one implicit organisation.
    sql: `
      CREATE TABLE organisations (
        id       TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        site_id  TEXT,
        site_url TEXT,
        leads    TEXT NOT NULL DEFAULT '[]',
        viewers  TEXT NOT NULL DEFAULT '[]',
        settings TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE org_groups (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        kind    TEXT NOT NULL CHECK (kind IN ('icb', 'region')),
        members TEXT NOT NULL DEFAULT '[]',
        viewers TEXT NOT NULL DEFAULT '[]'
      );
    `,
  },
  {
    version: 7,
    name: 'organisation scoping',
    rebuildsReferencedTable: true,
    sql: scopeByOrganisation,
  },
  {
    version: 8,
    name: 'organisation viewers by directory value',
    // The values of DIRECTORY_ATTRIBUTE (e.g. companyName) whose people are the organisation's viewers, as a JSON list.
    sql: `ALTER TABLE organisations ADD COLUMN directory_values TEXT NOT NULL DEFAULT '[]';`,
  },
];

/**
 * Applies every step in `migrations` not yet recorded in `schema_migrations`,
 * each in its own immediate transaction so two processes opening the same
 * file at once apply a step exactly once. Safe to call on every start.
 * Returns the versions applied now.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const step of sorted) {
    const apply = db.transaction(() => {
      if (isApplied.get(step.version)) return;
      if (typeof step.sql === 'string') db.exec(step.sql);
      else step.sql(db);
      if (step.rebuildsReferencedTable && (db.pragma('foreign_key_check') as unknown[]).length > 0)
        throw new Error(`Schema step ${step.version} (${step.name}) would break a foreign key.`);
      record.run(step.version, step.name, new Date().toISOString());
      applied.push(step.version);
    });
    // PRAGMA foreign_keys has no effect inside a transaction: switch it off around the step, then back on.
    const keysWereOn = step.rebuildsReferencedTable === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      apply.immediate();
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
  }
  return applied;
}

/** The schema versions recorded in the database, ascending. */
export function appliedVersions(db: Database.Database): number[] {
  return db.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
}
