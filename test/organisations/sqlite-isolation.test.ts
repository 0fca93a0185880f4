/**
 * SQLite organisation scoping: the isolation contract on one file, schema
 * step 7 upgrading a version 6 database (its rows become the implicit
 * organisation's), adoption, and one shared connection per file.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPLICIT_ORG_ID } from '../../bot/src/domain/organisation.js';
import { MIGRATIONS, runMigrations } from '../../bot/src/store/sqlite/migrations.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { tempDir } from '../fixtures/plan-fixtures.js';
import { IMPORTED_AT, makeImportedPlan, makeMetric, makeRecordUpdate, makeReminder } from '../store/fixtures.js';
import { describeOrganisationIsolation } from './isolation-cases.js';

describeOrganisationIsolation('sqlite (two organisations on one file)', async () => {
  const tmp = tempDir('wres-orgs-');
  const opened: SqlitePlanStore[] = [];
  return {
    async storeFor(orgId) {
      const store = new SqlitePlanStore(tmp.path('wres.db'), orgId);
      await store.init();
      opened.push(store);
      return store;
    },
    async close() {
      for (const store of opened) await store.close();
      tmp.remove();
    },
  };
});

/** How many file descriptors this process holds on `path` (Linux: /proc/self/fd). */
function openHandlesOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('sqlite organisation scoping', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('wres-orgs-');
  });
  afterEach(() => tmp.remove());

  /** A version 6 database (before organisations) holding a plan with a note, a ledger entry and a figure. */
  function version6Database(path: string): void {
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = ON');
      runMigrations(
        db,
        MIGRATIONS.filter((m) => m.version <= 6),
      );
      db.exec(`
        INSERT INTO actions (id, plan_year, ref, theme, indicators, title, measure, owner_name, owner_email, lead_role, due_text,
          status, rag, updated_at, version, latest_links)
        VALUES ('a1', '2026/27', '2.3', 'Shortlisting', '[2]', 'Audit panels', '', 'Asha Patel', 'asha@nhs.net', '', '31/3/2027',
          'InProgress', 'Amber', '${IMPORTED_AT}', 3, '["https://example.nhs.uk/panel"]');
        INSERT INTO progress_updates (id, action_id, text, rag_from, rag_to, status_from, status_to, author_name, submitted_at,
          submitted_ms, source, request_id, links)
        VALUES ('u1', 'a1', 'Panels audited', 'Amber', 'Amber', 'InProgress', 'InProgress', 'Asha Patel', '${IMPORTED_AT}',
          ${Date.parse(IMPORTED_AT)}, 'teams', 'r1', '["https://example.nhs.uk/panel"]');
        INSERT INTO reminders (action_id, stage, due_date, recipient, state, sent_at, attempts)
          VALUES ('a1', 'due-7', '2027-03-31', 'asha@nhs.net', 'sent', '${IMPORTED_AT}', 2);
        INSERT INTO indicator_metrics (year, measure, value, source, updated_at)
          VALUES ('2025/26', 'shortlisted.bme', 120, 'import', '${IMPORTED_AT}');
      `);
    } finally {
      db.close();
    }
  }

  it('upgrades a version 6 database: every row becomes the implicit organisation’s, nothing lost, keys now per organisation', async () => {
    const path = tmp.path('wres.db');
    version6Database(path);
    const implicit = new SqlitePlanStore(path);
    const other = new SqlitePlanStore(path, 'RXX');
    await implicit.init();
    await other.init();
    try {
      expect(await implicit.getAction('a1')).toMatchObject({
        ref: '2.3',
        version: 3,
        owner: { email: 'asha@nhs.net' },
        latestUpdate: null,
      });
      expect(await implicit.listUpdates('a1')).toMatchObject([{ text: 'Panels audited', links: ['https://example.nhs.uk/panel'] }]);
      expect(await implicit.listReminders()).toMatchObject([{ actionId: 'a1', state: 'sent', attempts: 2 }]);
      expect(await implicit.listMetrics()).toMatchObject([{ year: '2025/26', value: 120 }]);
      expect(await other.health()).toMatchObject({ actions: 0, updates: 0 });
      expect(await other.getAction('a1')).toBeNull();
      // The log is still append-only after the rebuild, and cannot be moved out of a registered organisation.
      const db = new Database(path);
      try {
        expect(() => db.prepare("UPDATE progress_updates SET text = 'changed' WHERE id = 'u1'").run()).toThrow(/append-only/);
        expect(() => db.prepare("DELETE FROM progress_updates WHERE id = 'u1'").run()).toThrow(/append-only/);
      } finally {
        db.close();
      }
    } finally {
      await implicit.close();
      await other.close();
    }
  });

  it('adopts the implicit organisation’s plan, log, ledger and figures into a registered one, in one move', async () => {
    const path = tmp.path('wres.db');
    version6Database(path);
    const target = new SqlitePlanStore(path, 'RXX');
    const implicit = new SqlitePlanStore(path);
    await target.init();
    await implicit.init();
    try {
      expect((await implicit.listActions()).map((x) => x.id)).toEqual(['a1']);
      expect(await target.adoptImplicitOrganisation()).toBe(1);
      // The implicit organisation's store shares the connection: its cached plan must not outlive the move.
      expect(await implicit.listActions()).toEqual([]);
      expect(await implicit.health()).toMatchObject({ actions: 0, updates: 0 });
      expect(await implicit.listMetrics()).toEqual([]);
      expect(await target.listUpdates('a1')).toMatchObject([{ text: 'Panels audited' }]);
      expect(await target.listReminders()).toMatchObject([{ actionId: 'a1', state: 'sent' }]);
      expect(await target.listMetrics()).toMatchObject([{ value: 120 }]);
      // The adopted action takes updates in its new organisation.
      const a1 = (await target.getAction('a1'))!;
      expect((await target.recordUpdate(makeRecordUpdate(a1))).kind).toBe('recorded');
      // Once registered, an organisation's log stays with it.
      const db = new Database(path);
      try {
        expect(() => db.prepare("UPDATE progress_updates SET org_id = 'R1H' WHERE id = 'u1'").run()).toThrow(
          /stay with their organisation/,
        );
      } finally {
        db.close();
      }
    } finally {
      await target.close();
      await implicit.close();
    }
  });

  it('refuses to adopt into an organisation that already has data, and moves nothing', async () => {
    const path = tmp.path('wres.db');
    version6Database(path);
    const target = new SqlitePlanStore(path, 'RXX');
    const implicit = new SqlitePlanStore(path, IMPLICIT_ORG_ID);
    await target.init();
    await implicit.init();
    try {
      await target.saveMetrics([makeMetric()]);
      await expect(target.adoptImplicitOrganisation()).rejects.toMatchObject({ code: 'conflict', message: /RXX already has/ });
      expect(await implicit.health()).toMatchObject({ actions: 1, updates: 1 });
      expect(await target.health()).toMatchObject({ actions: 0 });
    } finally {
      await target.close();
      await implicit.close();
    }
  });

  it('serves many organisations on one file through one connection, and a write in one never leaves another’s plan stale', async () => {
    const path = tmp.path('wres.db');
    const stores = ['RXX', 'R1H', 'RYJ'].map((id) => new SqlitePlanStore(path, id));
    for (const s of stores) await s.init();
    const [north, south, east] = stores as [SqlitePlanStore, SqlitePlanStore, SqlitePlanStore];
    expect(await south.listActions()).toEqual([]);
    await north.importActions(makeImportedPlan(2), IMPORTED_AT);
    await south.importActions(makeImportedPlan(1), IMPORTED_AT);
    expect((await south.listActions()).length).toBe(1);
    expect((await north.listActions()).length).toBe(2);
    expect(openHandlesOn(path)).toBe(1);
    await north.close();
    // The others keep working after one organisation's store closes.
    expect(await east.claimReminder(makeReminder('digest:x', { stage: 'digest' }))).toBe('claimed');
    await south.close();
    await east.close();
  });
});
