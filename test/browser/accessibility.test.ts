import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ICB_VIEWER, openRollupTenancy, PRIVATE_TEXTS, serveRollupApp } from '../organisations/rollup-fixture.js';
import { inPage, openPage, tabUrl, useSharedPages, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

const sharedPage = useSharedPages(ctx);

/** Serious and critical WCAG 2.1 A/AA violations on the page, as "rule: target" lines for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Fluent's focus manager (tabster) puts zero-size, aria-hidden focus sentinels at the page's edges that hand focus straight
  // on (the date picker needs them); axe cannot tell them from real content, so they are left out of the scan.
  // Legacy mode runs axe once in the page (the tab has no frames); the default runs it in parts and then again in a new blank
  // page, which doubled the time of each scan. Only violations are collected in full: the passes are not read.
  const result = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const pages = [
    { name: 'the plan', path: async () => '/', ready: (page: Page) => page.getByTestId('plan-count').waitFor() },
    {
      name: 'an action page',
      path: async () => `/actions/${encodeURIComponent((await ctx.service.store.listActions())[0]!.id)}`,
      ready: (page: Page) => page.getByTestId('update-form').waitFor(),
    },
    { name: 'since the last board', path: async () => '/since', ready: (page: Page) => page.getByTestId('all-updates').waitFor() },
    {
      name: 'the carry-over dry run',
      path: async () => '/carry-over',
      ready: (page: Page) => page.getByTestId('carry-over-list').waitFor(),
    },
    { name: 'reassigning actions', path: async () => '/reassign', ready: (page: Page) => page.getByTestId('reassign-all-form').waitFor() },
  ];
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    for (const target of pages) {
      it(`${target.name} has no serious or critical violations in the ${theme} theme`, { timeout: 60_000 }, async () => {
        const { page } = await sharedPage(1280);
        await page.goto(tabUrl(ctx.service.baseUrl, await target.path(), { theme }));
        await target.ready(page);
        expect(await page.locator('[data-theme]').getAttribute('data-theme')).toBe(theme === 'light' ? 'default' : theme);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }

  // The plan's plain first screen, drawn before the app: the app's code is held back so it stays. Its colours in the
  // dark and contrast themes are Fluent's own tokens, checked theme by theme in test/tab/first-screen-css.test.ts.
  for (const [theme, width] of [
    ['light', 1280],
    ['light', 320],
  ] as const) {
    it(
      `the plan's first screen has no serious or critical violations in the ${theme} theme at ${width} px`,
      { timeout: 60_000 },
      async () => {
        const { page } = await openPage(ctx.browser, { width });
        await page.route(/\/assets\/app-root-[^/]+\.js$/, (route) => route.abort());
        await page.goto(tabUrl(ctx.service.baseUrl, '/', { theme }));
        await page.locator('.first-screen tr[data-action-id]').first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      },
    );
  }

  for (const target of [
    ...pages,
    { name: 'my actions', path: async () => '/my', ready: (page: Page) => page.getByRole('heading', { level: 1 }).waitFor() },
  ]) {
    it(`${target.name} has no serious or critical violations on a 320 px screen`, { timeout: 60_000 }, async () => {
      const { page } = await sharedPage(320);
      await page.goto(tabUrl(ctx.service.baseUrl, await target.path()));
      await target.ready(page);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('can be used from the keyboard: skip link, visible focus, and the filters reachable by Tab', async () => {
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl));
    await page.locator('tr[data-action-id]').first().waitFor();
    const active = () =>
      page.locator(':focus').evaluate((el) => ({
        text: el.textContent ?? '',
        id: el.id,
        outline: el.ownerDocument.defaultView!.getComputedStyle(el).outlineStyle,
      }));
    await page.keyboard.press('Tab');
    await expect(active()).resolves.toMatchObject({ text: 'Skip to content' });
    await page.keyboard.press('Tab');
    await expect(active()).resolves.toMatchObject({ text: 'Plan', outline: 'solid' });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(active()).resolves.toMatchObject({ id: 'main' });
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.locator('[role="search"] :focus').count()) > 0;
    }
    expect(reached).toBe(true);
  });

  it(
    'the roll-up, opened by a group viewer of no organisation: summary only, no violations, and it prints',
    { timeout: 60_000 },
    async () => {
      const tenancy = await openRollupTenancy();
      const app = await serveRollupApp(tenancy, fileURLToPath(new URL('../../tab/dist/', import.meta.url)));
      try {
        const { page, errors } = await openPage(ctx.browser);
        await page.goto(tabUrl(app.baseUrl, '/', { devUser: ICB_VIEWER.email }));
        const north = page.getByTestId('rollup-progress-QWE').locator('tr[data-member="RXX"]');
        await north.waitFor();
        expect(await north.innerText()).toMatch(/North Trust[\s\S]*2\s+50%\s+1\s+1 \(30 days\)\s+Indicator 3/);
        expect(await page.locator('tr[data-member="RZZ"]').innerText()).toContain('Not on this service');
        const worse = page.getByTestId('rollup-indicators-QWE').locator('tr[data-member="RXX"] td[data-direction="worse"]');
        expect(await worse.innerText()).toMatch(/2\.80[\s\S]*worse/);
        const text = await page.locator('body').innerText();
        for (const secret of PRIVATE_TEXTS) expect(text).not.toContain(secret);
        expect(await seriousViolations(page)).toEqual([]);
        await page.emulateMedia({ media: 'print' });
        expect(await page.getByRole('button', { name: 'Export CSV' }).isVisible()).toBe(false);
        expect(await inPage<string[]>(page, 'printProblems')).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      } finally {
        await app.close();
        await tenancy.close();
      }
    },
  );
});
