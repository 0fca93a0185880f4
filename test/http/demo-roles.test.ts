/**
 * Development roles are built once (rolesFromConfig at the composition
 * root): the tab, the bot and the CLI agree on who the demo E&D leads are,
 * and the README lists every demo person with the role the app gives them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../bot/src/api/contract.js';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { DEMO_PEOPLE } from '../../bot/src/sample/demo-people.js';
import { loadSamplePlanIfEmpty } from '../../bot/src/sample/sample-plan.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { runCli } from '../cli/run-cli.js';
import { FakeBotConnector } from '../fakes/bot-connector-server.js';

const NOW = '2027-01-18T09:00:00.000Z';
const people = Object.values(DEMO_PEOPLE);
const dir = mkdtempSync(join(tmpdir(), 'wres-demo-'));
const databasePath = join(dir, 'wres.db');
const env = { NODE_ENV: 'development', DATABASE_PATH: databasePath, ED_LEADS: '', SCHEDULER: 'false', TIMEZONE: 'Europe/London' };
let store: SqlitePlanStore;
let connector: FakeBotConnector;
let app: ServedApp;

beforeAll(async () => {
  store = new SqlitePlanStore(databasePath);
  await store.init();
  await loadSamplePlanIfEmpty(store, fixedClock(NOW));
  connector = await new FakeBotConnector({
    users: people.map((p, i) => ({
      id: `29:demo-${i}`,
      aadObjectId: p.aadObjectId,
      name: p.displayName,
      email: p.email,
      tenantId: 'tenant-1',
    })),
  }).start();
  const config = loadConfig(env);
  app = await serveApp({ config, store, clock: fixedClock(NOW), botHandler: (core) => createTeamsBot(config, core).handler });
});
afterAll(async () => {
  await app?.close();
  await connector?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function tabRole(email: string): Promise<MeResponse> {
  return (await (await fetch(`${app.baseUrl}/api/me`, { headers: { 'x-dev-user': email } })).json()) as MeResponse;
}

/** Whether the bot lets this person have the digest (E&D leads only) when they type "digest". */
async function botTreatsAsLead(person: (typeof people)[number], i: number): Promise<boolean> {
  const conversation = `a:demo-${i}`;
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${i}`,
      text: 'digest',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:demo-${i}`, name: person.displayName, aadObjectId: person.aadObjectId },
      recipient: { id: '28:wres-bot' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: 'tenant-1' },
    }),
  });
  expect(res.status).toBe(200);
  const sent = JSON.stringify(connector.sentActivities(conversation));
  expect(sent.length).toBeGreaterThan(2);
  return !sent.includes('is for E&D leads');
}

describe('development roles, one rule for tab, bot and CLI', () => {
  it('makes Alex Wilber and Lynne Robbins (the E&D manager) leads in the tab and the bot alike, and nobody else', async () => {
    const leads: string[] = [];
    for (const [i, person] of people.entries()) {
      const tab = await tabRole(person.email);
      expect(await botTreatsAsLead(person, i), person.displayName).toBe(tab.isLead);
      if (tab.isLead) leads.push(person.displayName);
    }
    expect(leads).toEqual(['Alex Wilber', 'Lynne Robbins']);
  });

  it('has a board member who only reads', async () => {
    expect(await tabRole(DEMO_PEOPLE.nestor.email)).toMatchObject({
      displayName: 'Nestor Wilke',
      role: 'viewer',
      isLead: false,
      ownsActions: 0,
    });
  });

  it('sends the CLI digest to the same demo leads', async () => {
    const run = await runCli(['digest', '--json'], { ...env, LOAD_SAMPLE_PLAN: 'false' }, NOW);
    expect(run.stderr).not.toContain('No E&D leads are configured');
    const report = JSON.parse(run.stdout) as Record<string, { recipient?: string; who?: string }[]>;
    const named = JSON.stringify(report);
    expect(named).toMatch(/Alex Wilber|alexw@example\.com/);
    expect(named).toMatch(/Lynne Robbins|lynner@example\.com/);
  });

  it('tells the tab the organisation’s time zone', async () => {
    expect((await tabRole(DEMO_PEOPLE.alex.email)).timeZone).toBe('Europe/London');
  });
});

describe('the README’s demo people', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('lists every demo person with the role the app gives them', async () => {
    for (const person of people) {
      const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(person.email));
      expect(row, `${person.displayName} in the README`).toBeDefined();
      expect(row).toContain(person.displayName);
      const me = await tabRole(person.email);
      const expected = me.isLead ? 'E&D lead' : me.role === 'owner' ? 'action owner' : 'board member (viewer)';
      expect(row, person.displayName).toContain(expected);
    }
  });
});
