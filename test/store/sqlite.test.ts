import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../bot/src/errors.js';
import { appliedVersions, MIGRATIONS, runMigrations } from '../../bot/src/store/sqlite/migrations.js';
import { sqliteErrorCode } from '../../bot/src/store/sqlite/sqlite-errors.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { describePlanStoreContract } from './contract.js';
import { IMPORTED_AT, makeConversation, makeImportedAction, makeImportedPlan, makeRecordUpdate, makeReminder } from './fixtures.js';

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wres-sqlite-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describePlanStoreContract('sqlite (temp file)', async () => {
  const temp = tempDir();
  const store = new SqlitePlanStore(join(temp.dir, 'wres.db'));
  await store.init();
  return {
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describePlanStoreContract('sqlite (:memory:)', async () => {
  const store = new SqlitePlanStore(':memory:');
  await store.init();
  return { store, cleanup: () => store.close() };
});

describe('SqlitePlanStore on a file', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  const opened: SqlitePlanStore[] = [];

  async function open(path = file): Promise<SqlitePlanStore> {
    const store = new SqlitePlanStore(path);
    await store.init();
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    temp = tempDir();
    file = join(temp.dir, 'data', 'nested', 'wres.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    temp.remove();
  });

  it('creates the folder, uses WAL and records each migration once however often it is opened', async () => {
    await (await open()).close();
    await open();
    await open();
    expect(existsSync(file)).toBe(true);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(appliedVersions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      db.close();
    }
  });

  it('moves a version 1 ledger to leases: a claim left pending by the old version counts as lapsed and is retried', async () => {
    const db = new Database(file.replace('data/nested/', ''));
    try {
      runMigrations(
        db,
        MIGRATIONS.filter((m) => m.version === 1),
      );
      const insert = db.prepare('INSERT INTO reminders (action_id, stage, due_date, recipient, state, sent_at) VALUES (?, ?, ?, ?, ?, ?)');
      insert.run('a1', 'due-7', '2026-03-25', 'asha', 'pending', '2026-03-18T09:00:00Z');
      insert.run('a1', 'due-14', '2026-03-25', 'asha', 'sent', '2026-03-11T09:00:00Z');
    } finally {
      db.close();
    }
    const store = await open(file.replace('data/nested/', ''));
    expect(await store.listReminders('a1')).toEqual([
      {
        actionId: 'a1',
        stage: 'due-14',
        dueDate: '2026-03-25',
        recipient: 'asha',
        state: 'sent',
        sentAt: '2026-03-11T09:00:00Z',
        attempts: 1,
      },
      {
        actionId: 'a1',
        stage: 'due-7',
        dueDate: '2026-03-25',
        recipient: 'asha',
        state: 'pending',
        sentAt: '2026-03-18T09:00:00Z',
        leaseUntil: '2026-03-18T09:00:00Z',
        attempts: 1,
      },
    ]);
    const retry = makeReminder('a1', {
      dueDate: '2026-03-25',
      recipient: 'asha',
      sentAt: '2026-03-19T09:00:00Z',
      leaseUntil: '2026-03-19T09:15:00Z',
    });
    expect(await store.claimReminder(retry)).toBe('retry-after-interruption');
  });

  it('adds evidence links to a database from before them: old updates read as before, new ones keep their links', async () => {
    const path = file.replace('data/nested/', '');
    const db = new Database(path);
    try {
      runMigrations(
        db,
        MIGRATIONS.filter((m) => m.version <= 2),
      );
      db.prepare(
        `INSERT INTO actions (id, plan_year, ref, theme, indicators, title, measure, lead_role, due_text, status, rag,
          latest_text, latest_author, latest_at, updated_at, version)
         VALUES ('a1', '2025/26', '1.1', '', '[2]', 'Audit panels', '', '', '', 'InProgress', 'Amber',
          'Three audited', 'Asha Patel', '2026-02-12T10:00:00Z', '2026-02-12T10:00:00Z', 2)`,
      ).run();
      db.prepare(
        `INSERT INTO progress_updates (id, action_id, text, rag_from, rag_to, status_from, status_to, author_name,
          submitted_at, submitted_ms, source, request_id)
         VALUES ('u1', 'a1', 'Three audited', 'Amber', 'Amber', 'InProgress', 'InProgress', 'Asha Patel',
          '2026-02-12T10:00:00Z', ?, 'teams', 'r-0000001')`,
      ).run(Date.parse('2026-02-12T10:00:00Z'));
    } finally {
      db.close();
    }
    const store = await open(path);
    const action = (await store.getAction('a1'))!;
    expect(action.latestUpdate).toEqual({ text: 'Three audited', authorName: 'Asha Patel', submittedAt: '2026-02-12T10:00:00Z' });
    expect((await store.listUpdates('a1'))[0]).not.toHaveProperty('links');

    const link = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
    await store.recordUpdate(makeRecordUpdate(action, { text: 'All five audited', links: [link], submittedAt: '2026-03-01T10:00:00Z' }));
    expect((await store.listUpdates('a1')).map((u) => u.links)).toEqual([undefined, [link]]);
    expect((await store.getAction('a1'))?.latestUpdate?.links).toEqual([link]);
  });

  it('upgrades a plan from before carry-over: actions, history and indexes kept, "Carried over" then allowed', async () => {
    const path = file.replace('data/nested/', '');
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = ON');
      runMigrations(
        db,
        MIGRATIONS.filter((m) => m.version <= 2),
      );
      db.prepare(
        `INSERT INTO actions (id, plan_year, ref, theme, indicators, title, measure, owner_name, lead_role, due_text, status, rag, updated_at, version)
         VALUES ('a1', '2026/27', '2.3', 'Shortlisting', '[2]', 'Audit panels', '', 'Asha Patel', '', '31/3/2027', 'InProgress', 'Amber', '${IMPORTED_AT}', 3)`,
      ).run();
      db.prepare(
        `INSERT INTO progress_updates (id, action_id, text, rag_from, rag_to, status_from, status_to, author_name, submitted_at, submitted_ms, source, request_id)
         VALUES ('u1', 'a1', 'Panels audited', 'Amber', 'Amber', 'InProgress', 'InProgress', 'Asha Patel', '${IMPORTED_AT}', 0, 'teams', 'r1')`,
      ).run();
    } finally {
      db.close();
    }
    const store = await open(path);
    const [action] = await store.listActions();
    expect(action).toMatchObject({ id: 'a1', ref: '2.3', status: 'InProgress', version: 3 });
    expect((await store.listUpdates('a1')).map((u) => u.text)).toEqual(['Panels audited']);
    const result = await store.recordUpdate({
      ...makeRecordUpdate(action!, { status: 'CarriedOver', requestId: 'carry-0001' }),
      next: { rag: 'Amber', status: 'CarriedOver', carriedTo: { id: 'a2', planYear: '2027/28', ref: '2.3' }, updatedAt: IMPORTED_AT },
    });
    expect(result.kind).toBe('recorded');
    expect(await store.getAction('a1')).toMatchObject({ status: 'CarriedOver', carriedTo: { id: 'a2', planYear: '2027/28', ref: '2.3' } });
    await store.close();
    const check = new Database(path, { readonly: true });
    try {
      const indexes = check
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actions' AND sql IS NOT NULL")
        .pluck()
        .all();
      expect(indexes.sort()).toEqual(['actions_owner_aad', 'actions_owner_email']);
      expect(check.pragma('foreign_key_list(progress_updates)')).toMatchObject([{ table: 'actions' }]);
    } finally {
      check.close();
    }
  });

  it('applies a new migration step on the next start and skips the ones already applied', async () => {
    await (await open()).close();
    const db = new Database(file);
    try {
      const next = [
        ...MIGRATIONS,
        {
          version: 999,
          name: 'test step',
          sql: 'CREATE TABLE test_step (x INTEGER)',
        },
      ];
      expect(runMigrations(db, next)).toEqual([999]);
      expect(runMigrations(db, next)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('keeps the plan, its history, the ledger and conversations across a restart', async () => {
    const first = await open();
    await first.importActions(makeImportedPlan(3), IMPORTED_AT);
    const action = (await first.listActions())[0]!;
    await first.recordUpdate(makeRecordUpdate(action, { text: 'Survives a restart' }));
    await first.claimReminder(makeReminder(action.id));
    await first.saveConversation(makeConversation());
    const before = {
      actions: await first.listActions(),
      updates: await first.listUpdates(action.id),
    };
    await first.close();

    const second = await open();
    expect(await second.listActions()).toEqual(before.actions);
    expect(await second.listUpdates(action.id)).toEqual(before.updates);
    expect(await second.claimReminder(makeReminder(action.id))).toBe('held');
    expect(await second.getConversation(makeConversation().aadObjectId)).toEqual(makeConversation());
    expect(await second.health()).toEqual({
      kind: 'sqlite',
      actions: 3,
      updates: 4,
      pendingWrites: 0,
    });
  });

  it('lets only one of two instances on the same file claim a reminder', async () => {
    const a = await open();
    const b = await open();
    await a.importActions([makeImportedAction()], IMPORTED_AT);
    const id = (await a.listActions())[0]!.id;

    const claims = await Promise.all([
      a.claimReminder(makeReminder(id, { recipient: 'instance-a' })),
      b.claimReminder(makeReminder(id, { recipient: 'instance-b' })),
    ]);
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(await b.listReminders(id)).toHaveLength(1);
  });

  it('records exactly one of two updates made by two instances against the same version', async () => {
    const a = await open();
    const b = await open();
    await a.importActions([makeImportedAction()], IMPORTED_AT);
    const seen = (await b.listActions())[0]!;

    const results = await Promise.all([
      a.recordUpdate(makeRecordUpdate(seen, { text: 'From instance A', rag: 'Green' })),
      b.recordUpdate(makeRecordUpdate(seen, { text: 'From instance B', rag: 'Red' })),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['conflict', 'recorded']);
    const updates = await a.listUpdates(seen.id);
    expect(updates).toHaveLength(1);
    expect((await a.getAction(seen.id))?.version).toBe(seen.version + 1);
  });

  it("sees another instance's update in the plan it lists, though it reuses its last read", async () => {
    const a = await open();
    const b = await open();
    await a.importActions([makeImportedAction()], IMPORTED_AT);
    const before = (await a.listActions())[0]!;
    expect((await a.listActions())[0]).toBe(before);

    await b.recordUpdate(makeRecordUpdate(before, { text: 'Done elsewhere', rag: 'Green' }));
    const after = (await a.listActions())[0]!;
    expect(after.version).toBe(before.version + 1);
    expect(after.latestUpdate?.text).toBe('Done elsewhere');

    await a.recordUpdate(makeRecordUpdate(after, { text: 'And here', rag: 'Amber' }));
    expect((await a.listActions())[0]!.latestUpdate?.text).toBe('And here');
  });

  it('hands out cached actions that nobody can change', async () => {
    const a = await open();
    await a.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await a.listActions())[0]!;
    expect(() => {
      (action as { rag: string }).rag = 'Red';
    }).toThrow(TypeError);
  });

  it('turns a file it cannot open into an unavailable error', async () => {
    const blocker = join(temp.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const store = new SqlitePlanStore(join(blocker, 'wres.db'));
    await expect(store.init()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('SqlitePlanStore behaviour beyond the port contract', () => {
  let store: SqlitePlanStore;
  beforeEach(async () => {
    store = new SqlitePlanStore(':memory:');
    await store.init();
  });
  afterEach(() => store.close());

  it('lists actions by plan year and ref in natural order', async () => {
    const refs = ['2.1', '1.10', '1.2'];
    await store.importActions(
      refs.map((ref) => makeImportedAction({ ref })),
      IMPORTED_AT,
    );
    await store.importActions([makeImportedAction({ ref: '1.1', planYear: '2018/19' })], IMPORTED_AT);
    expect((await store.listActions()).map((a) => `${a.planYear} ${a.ref}`)).toEqual([
      '2018/19 1.1',
      '2019/20 1.2',
      '2019/20 1.10',
      '2019/20 2.1',
    ]);
  });

  it('imports all or nothing: a bad row leaves the store untouched', async () => {
    const plan = makeImportedPlan(4);
    plan[2]!.action.rag = 'Purple' as never;
    await expect(store.importActions(plan, IMPORTED_AT)).rejects.toMatchObject({
      code: 'bad_input',
    });
    expect(await store.health()).toMatchObject({ actions: 0, updates: 0 });
  });

  it('refuses an import that lists the same ref twice, naming it', async () => {
    const plan = [...makeImportedPlan(2), makeImportedAction({ ref: '1.2' })];
    await expect(store.importActions(plan, IMPORTED_AT)).rejects.toThrow(/1\.2 \(2019\/20\)/);
    expect((await store.health()).actions).toBe(0);
  });

  it('finds a conversation by email, ignoring case, when given an address', async () => {
    await store.saveConversation(makeConversation());
    expect((await store.getConversation('Asha.Patel@Example.NHS.uk'))?.displayName).toBe('Asha Patel');
    expect((await store.getConversation('11111111-1111-4111-8111-111111111111'.toUpperCase()))?.displayName).toBe('Asha Patel');
  });

  it('orders progress by instant even when timestamps are written with and without fractions', async () => {
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    let action = (await store.listActions())[0]!;
    for (const submittedAt of ['2026-01-06T10:00:00.500Z', '2026-01-06T10:00:00Z', '2026-01-06T11:00:00+01:00']) {
      const result = await store.recordUpdate(makeRecordUpdate(action, { text: submittedAt, submittedAt }));
      if (result.kind !== 'recorded') throw new Error('not recorded');
      action = result.action;
    }
    expect((await store.listUpdates(action.id)).map((u) => u.text)).toEqual([
      '2026-01-06T10:00:00Z',
      '2026-01-06T11:00:00+01:00',
      '2026-01-06T10:00:00.500Z',
    ]);
    expect((await store.listUpdatesSince('2026-01-06T10:00:00.000Z')).map((u) => u.text)).toHaveLength(3);
  });

  it('refuses a progress update whose time is not a date', async () => {
    await store.importActions([makeImportedAction()], IMPORTED_AT);
    const action = (await store.listActions())[0]!;
    await expect(store.recordUpdate(makeRecordUpdate(action, { submittedAt: 'last Tuesday' }))).rejects.toMatchObject({
      code: 'bad_input',
    });
    expect(await store.listUpdates(action.id)).toEqual([]);
  });

  it('refuses to mark a reminder sent that was never claimed', async () => {
    await expect(store.markReminderSent({ actionId: 'x', stage: 'due-7', dueDate: '2020-03-31' }, IMPORTED_AT)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('rejects calls made before init() with an AppError', async () => {
    const unopened = new SqlitePlanStore(':memory:');
    await expect(unopened.listActions()).rejects.toBeInstanceOf(AppError);
  });
});

describe('sqliteErrorCode', () => {
  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'conflict'],
    ['SQLITE_CONSTRAINT_CHECK', 'bad_input'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'bad_input'],
    ['SQLITE_BUSY', 'unavailable'],
    ['SQLITE_BUSY_SNAPSHOT', 'unavailable'],
    ['SQLITE_READONLY', 'unavailable'],
    ['SQLITE_IOERR_WRITE', 'unavailable'],
    ['SQLITE_CORRUPT', 'internal'],
  ])('maps %s to %s', (sqlite, code) => {
    expect(sqliteErrorCode(sqlite)).toBe(code);
  });
});
