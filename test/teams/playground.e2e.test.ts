/**
 * End to end through the Microsoft 365 Agents Playground (the local Teams-like
 * chat with the real Adaptive Card renderer): the real express app with a
 * temp SQLite store and the sample plan, the Playground CLI pointed at its
 * bot endpoint, and headless Chromium driving the Playground's page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import { isSamePerson } from '../../bot/src/domain/people.js';
import { isComplete } from '../../bot/src/domain/rules.js';
import { loadSamplePlanIfEmpty } from '../../bot/src/sample/sample-plan.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { createTeamsBot } from '../../bot/src/teams/bot-app.js';
import { serveApp, type ServedApp } from '../api/serve-app.js';
import { launchBrowser } from '../browser/harness.js';

const CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
const CHROMIUM = '/usr/bin/chromium';
const ALEX = { displayName: 'Alex Wilber', email: 'alexw@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000020' };
const missing = [CLI, CHROMIUM].filter((p) => !existsSync(p));

let work: string;
let store: SqlitePlanStore;
let app: ServedApp | undefined;
let playground: ChildProcess | undefined;
let playgroundUrl: string;
let browser: Browser | undefined;

/** Starts the Playground CLI headless (no browser opener) and resolves with the port it reports. */
function startPlayground(botEndpoint: string): Promise<string> {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'xdg-open'), 0o755);
  // Port 0 asks the CLI for its default, then it falls back to a free one; a high fixed port keeps clear of a developer's own Playground.
  const child = spawn(process.execPath, [CLI, '-e', botEndpoint, '-c', 'msteams', '-p', '56990', '--disable-telemetry'], {
    cwd: work,
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: join(work, 'playground.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  playground = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Listening on (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://localhost:${port}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`The Playground exited (${code}): ${output.slice(0, 500)}`)));
  });
}

async function openChat(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
  // Loopback only: the Playground's page asks a CDN for fonts, which a test must not reach.
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === 'localhost' || host === '127.0.0.1' ? route.continue() : route.abort();
  });
  await page.goto(playgroundUrl);
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"][data-lexical-editor="true"]');
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe.skipIf(missing.length > 0)('the bot in the Microsoft 365 Agents Playground', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wres-playground-e2e-'));
    const clock = fixedClock('2026-03-10T09:00:00Z');
    store = new SqlitePlanStore(join(work, 'wres.db'));
    await store.init();
    await loadSamplePlanIfEmpty(store, clock);
    const config = loadConfig({ NODE_ENV: 'development', ED_LEADS: ALEX.email, SCHEDULER: 'false', PUBLIC_URL: 'http://localhost:3978' });
    app = await serveApp({ config, store, clock, botHandler: (core) => createTeamsBot(config, core).handler });
    playgroundUrl = await startPlayground(`${app.baseUrl}/api/messages`);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (playground && playground.exitCode === null) {
      playground.removeAllListeners('exit');
      playground.kill('SIGTERM');
    }
    await app?.close();
    await store?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(
    'greets Alex, answers "my actions", records an update sent from a card, answers "remind me", and shows a handover card',
    { timeout: 180_000 },
    async () => {
      const mine = (await store.listActions()).filter((a) => !isComplete(a) && isSamePerson(a.owner, ALEX));
      expect(mine.length).toBeGreaterThan(0);
      const page = await openChat();

      await page
        .getByText(/^Hello Alex — I am the WRES action tracker/)
        .first()
        .waitFor({ timeout: 30_000 });
      await page
        .getByText(/^WRES action plan — week of/)
        .first()
        .waitFor({ timeout: 30_000 });
      const cardsBefore = await page.getByRole('button', { name: 'Send update' }).count();
      expect(cardsBefore).toBeGreaterThan(0);

      await say(page, 'my actions');
      await expect.poll(() => page.getByRole('button', { name: 'Send update' }).count(), { timeout: 30_000 }).toBeGreaterThan(cardsBefore);

      const note = `Playground check ${Date.now()}: two panels audited.`;
      const last = page.locator('textarea[placeholder^="A sentence or two"]').last();
      await last.scrollIntoViewIfNeeded();
      const shot = process.env.WRES_CARD_SCREENSHOT;
      if (shot) {
        const card = page.locator('.ac-adaptiveCard').filter({ has: last }).last();
        await card.screenshot({ path: join(work, 'card.png') });
        mkdirSync(dirname(shot), { recursive: true });
        copyFileSync(join(work, 'card.png'), shot);
      }
      await last.fill(note);
      await page.getByRole('button', { name: 'Send update' }).last().click();
      await page
        .getByText(/^✓ Update recorded/)
        .first()
        .waitFor({ timeout: 30_000 });

      const stored = (await store.listUpdatesSince('2000-01-01T00:00:00Z')).filter((u) => u.text === note);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ source: 'teams', author: { aadObjectId: ALEX.aadObjectId } });
      const detail = (await (await fetch(`${app!.baseUrl}/api/actions/${stored[0]!.actionId}`)).json()) as {
        action: { latestUpdate: { text: string } | null };
      };
      expect(detail.action.latestUpdate?.text).toBe(note);

      // The README's way to see reminders as they arrive.
      const cardsBeforeReminders = await page.getByRole('button', { name: 'Send update' }).count();
      await say(page, 'remind me');
      await page
        .getByText(/^Here (is the reminder|are the \d+ reminders) the daily run would send you today/)
        .first()
        .waitFor({ timeout: 30_000 });
      await expect
        .poll(() => page.getByRole('button', { name: 'Send update' }).count(), { timeout: 30_000 })
        .toBeGreaterThan(cardsBeforeReminders);

      // The README's way to see a handover card: Alex, a lead, gives action 1.1 to himself.
      const before = (await store.listActions()).find((a) => a.ref === '1.1')!;
      expect(isSamePerson(before.owner, ALEX)).toBe(false);
      await say(page, 'reassign 1.1 to alexw@example.com');
      await page.getByRole('button', { name: 'Reassign', exact: true }).last().click({ timeout: 30_000 });
      await page
        .getByText(/^Handed over to you · WRES action 1\.1/)
        .first()
        .waitFor({ timeout: 30_000 });
      const after = (await store.listActions()).find((a) => a.id === before.id)!;
      expect(isSamePerson(after.owner, ALEX)).toBe(true);
      await page.close();
    },
  );
});
