/**
 * Runs the real service in-process for browser tests: createServer with the
 * tab API, a temp SQLite store loaded with the sample plan (or a given plan),
 * a fixed clock, on 127.0.0.1:0. Also launches headless Chromium.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFinished } from 'vitest';
import { loadConfig } from '../../bot/src/config.js';
import { fixedClock } from '../../bot/src/domain/clock.js';
import type { ImportedAction } from '../../bot/src/store/plan-store.js';
import type { Organisation } from '../../bot/src/domain/organisation.js';
import { Tenancy } from '../../bot/src/service/tenancy.js';
import { SqlitePlanStore } from '../../bot/src/store/sqlite/sqlite-plan-store.js';
import { SqliteRegistry } from '../../bot/src/store/sqlite/sqlite-registry.js';
import { serveApp } from '../api/serve-app.js';
import { createAuthenticator } from '../../bot/src/api/auth.js';
import { createGroupRouter } from '../../bot/src/api/group-api.js';
import { memoryLogger } from '../../bot/src/logger.js';
import { loadSampleOrganisationsIfEmpty } from '../../bot/src/sample/sample-organisations.js';
import { makeImportedAction } from '../store/fixtures.js';

/** "Now" for every browser test: Tuesday 10 March 2026, 09:00 UK time. */
export const NOW = '2026-03-10T09:00:00Z';
export const TODAY = '2026-03-10';
/** The development identity the API uses when no X-Dev-User is given (an E&D lead here). */
export const DEV_LEAD_EMAIL = 'alexw@example.com';
/** A board member: listed in VIEWERS, owns nothing, leads nothing. */
export const VIEWER_EMAIL = 'bola.reid@example.nhs.uk';

/** A running service with its store, for one test file. */
export interface TabService {
  baseUrl: string;
  store: SqlitePlanStore;
  close(): Promise<void>;
}

/** Starts the service on a free loopback port with the sample plan (or `plan`) in a fresh SQLite file. */
export async function startTabService(options: { plan?: ImportedAction[]; timeZone?: string } = {}): Promise<TabService> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-tab-'));
  const store = new SqlitePlanStore(join(dir, 'plan.db'));
  await store.init();
  const clock = fixedClock(NOW);
  if (options.plan) await store.importActions(options.plan, NOW);
  else {
    const { loadSamplePlanIfEmpty } = await import('../../bot/src/sample/sample-plan.js');
    await loadSamplePlanIfEmpty(store, clock);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    ED_LEADS: DEV_LEAD_EMAIL,
    VIEWERS: VIEWER_EMAIL,
    TIMEZONE: options.timeZone ?? 'Europe/London',
  });
  // A private copy of the built tab, so a rebuild by a concurrent test run cannot pull chunks from under the page.
  const tabDir = join(dir, 'tab');
  cpSync(fileURLToPath(new URL('../../tab/dist/', import.meta.url)), tabDir, { recursive: true });
  const app = await serveApp({ config, store, clock, tabDir });
  return {
    baseUrl: app.baseUrl,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the service for two registered organisations on the sample plan
 * (North Trust, RXX) and a one-action plan (South Trust, R1H): the
 * development lead (Alex) leads North, views South and is a platform admin.
 */
export async function startOrganisationsService(): Promise<TabService> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-orgs-'));
  const clock = fixedClock(NOW);
  const config = loadConfig({ NODE_ENV: 'test', PLATFORM_ADMINS: DEV_LEAD_EMAIL });
  const registry = new SqliteRegistry(':memory:');
  await registry.saveOrganisation({ id: 'RXX', name: 'North Trust', leads: [DEV_LEAD_EMAIL], viewers: [VIEWER_EMAIL], settings: {} });
  await registry.saveOrganisation({ id: 'R1H', name: 'South Trust', leads: [], viewers: [DEV_LEAD_EMAIL], settings: {} });
  const stores = new Map<string, SqlitePlanStore>();
  const storeFor = (org: Organisation) => {
    const store = new SqlitePlanStore(join(dir, `${org.id}.db`));
    stores.set(org.id, store);
    return store;
  };
  const tenancy = await Tenancy.open({ config, registry, storeFor, clock });
  const { loadSamplePlanIfEmpty } = await import('../../bot/src/sample/sample-plan.js');
  await loadSamplePlanIfEmpty(stores.get('RXX')!, clock);
  await stores.get('R1H')!.importActions([makeImportedAction({ ref: 'S1', title: 'South’s own action' })], NOW);
  const tabDir = join(dir, 'tab');
  cpSync(fileURLToPath(new URL('../../tab/dist/', import.meta.url)), tabDir, { recursive: true });
  const app = await serveApp({ config, tenancy, registry, clock, tabDir });
  return {
    baseUrl: app.baseUrl,
    store: stores.get('RXX')!,
    async close() {
      await app.close();
      await tenancy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the service as `LOAD_SAMPLE_ORGANISATIONS=true` does: the sample
 * trusts ZZ1 and ZZ2, each with its sample plan, and their ICB QZZ (see
 * bot/src/sample/sample-organisations.ts), with the roll-up API mounted and
 * the development lead (Alex) a platform admin.
 */
export async function startSampleOrganisationsService(): Promise<Omit<TabService, 'store'>> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-samples-'));
  const clock = fixedClock(NOW);
  const config = loadConfig({ NODE_ENV: 'test', PLATFORM_ADMINS: DEV_LEAD_EMAIL });
  const registry = new SqliteRegistry(':memory:');
  const storeFor = (org: Organisation) => new SqlitePlanStore(join(dir, `${org.id}.db`));
  const implicitStore = new SqlitePlanStore(':memory:');
  await implicitStore.init();
  await loadSampleOrganisationsIfEmpty({ registry, storeFor, implicitStore, clock });
  await implicitStore.close();
  const tenancy = await Tenancy.open({ config, registry, storeFor, clock });
  const tabDir = join(dir, 'tab');
  cpSync(fileURLToPath(new URL('../../tab/dist/', import.meta.url)), tabDir, { recursive: true });
  const logger = memoryLogger();
  const groupRouter = createGroupRouter({
    tenancy,
    authenticator: createAuthenticator(config, clock, logger),
    clock,
    timeZone: config.TIMEZONE,
  });
  const app = await serveApp({ config, tenancy, registry, clock, logger, tabDir, groupRouter });
  return {
    baseUrl: app.baseUrl,
    async close() {
      await app.close();
      await tenancy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The service and browser started by useTabBrowser's hooks; read them inside tests and hooks only. */
export interface TabBrowserContext {
  readonly service: TabService;
  readonly browser: Browser;
}

/** Registers the test file's hooks: the service with the sample plan and headless Chromium, started before its tests and closed after. */
export function useTabBrowser(): TabBrowserContext {
  let service: TabService | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('useTabBrowser: read the service and browser inside tests or hooks, after they start');
    return value;
  };
  return {
    get service() {
      return started(service);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Headless Debian Chromium, offline apart from loopback. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Reports every Content-Security-Policy violation in the page to the test (runs before the page's own scripts). */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) =>
  window.__wresCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code') + ' at ' + e.sourceFile + ':' + e.lineNumber));`;

/** A page with what it recorded: page errors, dialogs, requests that tried to leave loopback, Content-Security-Policy violations. */
export interface TrackedPage {
  page: Page;
  errors: string[];
  dialogs: string[];
  offsite: string[];
  cspViolations: string[];
}

/**
 * A fresh page that fails the test on any request leaving loopback and on any
 * Content-Security-Policy violation (the service sends its real CSP), and
 * records page errors and dialogs. The browser reads as a UK one unless
 * `locale` / `timezoneId` say otherwise (e.g. an en-US laptop).
 */
export async function openPage(
  browser: Browser,
  options: { locale?: string; timezoneId?: string; width?: number } = {},
): Promise<TrackedPage> {
  // Registered before the first await, so it belongs to the test that opened the page.
  let cspViolations: string[] = [];
  onTestFinished(() => expect(cspViolations, 'Content-Security-Policy violations').toEqual([]));
  const tracked = await openTrackedPage(browser, options);
  cspViolations = tracked.cspViolations;
  return tracked;
}

/**
 * openPage's page, in its own browser context, without tying its checks to a
 * test: for a page several tests reuse, each checking `cspViolations` itself.
 * Requests leaving loopback are refused and recorded in `offsite`.
 */
async function openTrackedPage(
  browser: Browser,
  options: { locale?: string; timezoneId?: string; width?: number } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/London',
  });
  const cspViolations: string[] = [];
  await context.exposeBinding('__wresCspViolation', (_source, text: string) => void cspViolations.push(text));
  await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const offsite: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
  return { page, errors, dialogs, offsite, cspViolations };
}

/**
 * One page per screen width for a file's tests to take in turn: each test
 * still loads its page afresh (`goto`), but in a warm browser context rather
 * than a new one (a new context per page cost over a second of loading each).
 * The test that takes a page fails on a Content-Security-Policy violation or a
 * page error while it has it. Use for pages that keep nothing between loads
 * but the organisation choice (sessionStorage).
 */
export function useSharedPages(ctx: TabBrowserContext): (width: number) => Promise<TrackedPage> {
  const pages = new Map<number, Promise<TrackedPage>>();
  return async (width) => {
    if (!pages.has(width)) pages.set(width, openTrackedPage(ctx.browser, { width }));
    const tracked = await pages.get(width)!;
    tracked.cspViolations.length = 0;
    tracked.errors.length = 0;
    onTestFinished(() => {
      expect(tracked.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(tracked.errors, 'page errors').toEqual([]);
    });
    return tracked;
  };
}

/** The tab URL for `path` (e.g. "/actions/3"), acting as `devUser` and in `theme` when given. */
export function tabUrl(baseUrl: string, path = '/', query: { devUser?: string; theme?: string } = {}): string {
  const params = new URLSearchParams();
  if (query.devUser) params.set('devUser', query.devUser);
  if (query.theme) params.set('theme', query.theme);
  const qs = params.toString();
  return `${baseUrl}/tab${path}${qs ? `?${qs}` : ''}`;
}

/** The distinct action ids in the plan rows currently on the page. */
export async function shownActionIds(page: Page): Promise<string[]> {
  const ids = await page.locator('tr[data-action-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-id') ?? ''));
  return [...new Set(ids)].sort();
}

const PAGE_CHECKS = readFileSync(fileURLToPath(new URL('./page-checks.js', import.meta.url)), 'utf8');

/** Runs the measurement `name` from page-checks.js inside the page with `args` (JSON values) and returns its answer. */
export function inPage<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate<T>(`(${PAGE_CHECKS.trim().replace(/;$/, '')})().${name}(...${JSON.stringify(args)})`);
}
