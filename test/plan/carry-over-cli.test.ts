/**
 * `wres carry-over FROM TO` on a SQLite file: the dry run prints exactly what
 * would happen and writes nothing; the run copies every open action once
 * (same ref, the new due date, a link back), marks the originals "Carried
 * over" with an entry in their history, and a second run copies nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { cliEnv, runCli } from '../cli/run-cli.js';
import { IMPORTED_AT, makeImportedAction, makeImportedProgress } from '../store/fixtures.js';

const NOW = '2027-04-06T10:00:00Z';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wres-carry-'));
  env = cliEnv(join(dir, 'wres.db'));
  const store = new SqlitePlanStore(env.DATABASE_PATH!);
  await store.init();
  await store.importActions(
    [
      makeImportedAction({
        ref: '2.3',
        planYear: '2026/27',
        title: 'Audit shortlisting panels for diversity',
        dueDate: '2027-03-31',
        dueText: 'End of March 2027',
        rag: 'Amber',
        history: [makeImportedProgress({ text: 'Three of five panels audited', submittedAt: '2027-02-12T10:00:00Z' })],
      }),
      makeImportedAction({
        ref: '1.4',
        planYear: '2026/27',
        title: 'Leap-day review',
        dueDate: '2028-02-29',
        dueText: '29/2/2028',
        rag: 'Green',
      }),
      makeImportedAction({
        ref: '3.1',
        planYear: '2026/27',
        title: 'Bystander training',
        dueDate: null,
        dueText: 'ongoing',
        status: 'Ongoing',
        rag: 'Green',
      }),
      makeImportedAction({
        ref: '4.1',
        planYear: '2026/27',
        title: 'Done already',
        status: 'Complete',
        rag: 'Blue',
        dueDate: '2026-12-31',
      }),
    ],
    IMPORTED_AT,
  );
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plan(): Promise<Action[]> {
  const store = new SqlitePlanStore(env.DATABASE_PATH!);
  await store.init();
  try {
    return await store.listActions();
  } finally {
    await store.close();
  }
}

const find = (actions: Action[], planYear: string, ref: string) => actions.find((a) => a.planYear === planYear && a.ref === ref);

describe('wres carry-over', () => {
  it('with --dry-run prints each action with its new due date and saves nothing', async () => {
    const before = readFileSync(env.DATABASE_PATH!);
    const run = await runCli(['carry-over', '2026/27', '2027/28', '--dry-run'], env, NOW);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Dry run: nothing was saved. Carrying 2026/27 into 2027/28 would carry over 3 open actions (leaving 1 complete where they are):',
    );
    expect(run.stdout).toMatch(/copy\s+2\.3\s+Audit shortlisting panels for diversity — due Wed 31 Mar 2027 → due Fri 31 Mar 2028/);
    expect(run.stdout).toMatch(/copy\s+1\.4\s+Leap-day review — due Tue 29 Feb 2028 → due Wed 28 Feb 2029/);
    expect(run.stdout).toMatch(/copy\s+3\.1\s+Bystander training — no due date → no due date/);
    expect(run.stdout).not.toContain('4.1');
    expect(readFileSync(env.DATABASE_PATH!).equals(before)).toBe(true);
    expect(await plan()).toHaveLength(4);
  });

  it('copies each open action once, links both ways, marks the original and keeps its history', async () => {
    const run = await runCli(['carry-over', '2026-27', '2027/28', '--due', '2.3=30/6/2028', '--by', 'Lynne Robbins'], env, NOW);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Carried 3 actions over from 2026/27 into 2027/28');
    expect(run.stdout).toMatch(/2\.3\s+Audit shortlisting panels for diversity → 2027\/28 · 2\.3, due Fri 30 Jun 2028/);

    const actions = await plan();
    expect(actions).toHaveLength(7);
    const original = find(actions, '2026/27', '2.3')!;
    const copy = find(actions, '2027/28', '2.3')!;
    expect(original).toMatchObject({ status: 'CarriedOver', rag: 'Amber', carriedTo: { id: copy.id, planYear: '2027/28', ref: '2.3' } });
    expect(copy).toMatchObject({
      status: 'InProgress',
      rag: 'Amber',
      dueDate: '2028-06-30',
      title: original.title,
      owner: original.owner,
      carriedFrom: { id: original.id, planYear: '2026/27', ref: '2.3' },
      latestUpdate: null,
    });
    expect(find(actions, '2027/28', '1.4')?.dueDate).toBe('2029-02-28');
    expect(find(actions, '2027/28', '3.1')).toMatchObject({ dueDate: null, status: 'Ongoing' });
    expect(find(actions, '2026/27', '4.1')?.status).toBe('Complete');
    expect(find(actions, '2027/28', '4.1')).toBeUndefined();

    const store = new SqlitePlanStore(env.DATABASE_PATH!);
    await store.init();
    const history = await store.listUpdates(original.id);
    expect(history.map((u) => u.text)).toEqual(['Three of five panels audited', 'Carried over into 2027/28 as 2.3 by Lynne Robbins']);
    expect(history.at(-1)).toMatchObject({
      statusFrom: 'InProgress',
      statusTo: 'CarriedOver',
      event: { kind: 'carried-over', to: { id: copy.id, planYear: '2027/28', ref: '2.3' } },
    });
    expect(await store.listUpdates(copy.id)).toEqual([]);
    await store.close();
  });

  it('copies nothing twice when run again', async () => {
    await runCli(['carry-over', '2026/27', '2027/28'], env, NOW);
    const again = await runCli(['carry-over', '2026/27', '2027/28'], env, NOW);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to carry over: 2026/27 has no open actions (1 complete and 3 carried over before).');
    expect(await plan()).toHaveLength(7);
  });

  it('carries the rest and names the action whose ref the new year already uses, exiting 2', async () => {
    const store = new SqlitePlanStore(env.DATABASE_PATH!);
    await store.init();
    await store.importActions([makeImportedAction({ ref: '3.1', planYear: '2027/28', title: 'A new 3.1 of its own' })], IMPORTED_AT);
    await store.close();

    const run = await runCli(['carry-over', '2026/27', '2027/28'], env, NOW);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Carried 2 actions over');
    expect(run.stderr).toContain('1 action was not carried over:');
    expect(run.stderr).toContain('3.1    Bystander training: 2027/28 already has an action 3.1 (“A new 3.1 of its own”)');
    const actions = await plan();
    expect(find(actions, '2026/27', '3.1')?.status).toBe('Ongoing');
    expect(find(actions, '2027/28', '3.1')?.title).toBe('A new 3.1 of its own');
  });

  it('refuses years that do not follow, and a --due for an action it would not carry, saving nothing', async () => {
    const backwards = await runCli(['carry-over', '2027/28', '2026/27'], env, NOW);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('A plan is carried forward: 2026/27 comes before 2027/28.');
    const badYear = await runCli(['carry-over', 'last year', '2027/28'], env, NOW);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('“last year” is not a plan year: write it like 2026/27.');
    const badDue = await runCli(['carry-over', '2026/27', '2027/28', '--due', '4.1=1/1/2028'], env, NOW);
    expect(badDue.code).toBe(2);
    expect(badDue.stderr).toContain('--due 4.1=1/1/2028: 2026/27 has no open action 4.1 to carry over.');
    const badDate = await runCli(['carry-over', '2026/27', '2027/28', '--due', '2.3=31/4/2028'], env, NOW);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--due 2.3=31/4/2028:');
    expect(await plan()).toHaveLength(4);
  });
});
