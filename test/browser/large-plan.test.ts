/**
 * A large plan renders only the rows near the screen, reveals the others as
 * the reader scrolls, and prints every row.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largePlan } from './large-plan.js';
import { launchBrowser, openPage, startTabService, tabUrl, type TabService } from './harness.js';

const ACTIONS = 1500;
let service: TabService;
let browser: Browser;
beforeAll(async () => {
  [service, browser] = await Promise.all([startTabService({ plan: largePlan(ACTIONS) }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

const rowsIn = (group: string) => `section[data-group="${group}"] tr[data-action-id]`;

describe(`a plan of ${ACTIONS.toLocaleString('en-GB')} actions`, () => {
  it('draws only the rows near the screen, and the rest as the reader scrolls to them', { timeout: 90_000 }, async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(tabUrl(service.baseUrl));
    await page.getByTestId('plan-count').waitFor();
    await expect(page.getByTestId('plan-count').textContent()).resolves.toContain('1,500 actions');
    expect(await page.locator('tr[data-action-id]').count()).toBeLessThan(150);

    // The last action of indicator 1's group, in plan order, is not drawn until scrolled to.
    const group = (await service.store.listActions()).filter((a) => a.indicators.includes(1));
    const last = group
      .map((a) => a.ref)
      .sort(new Intl.Collator('en-GB', { numeric: true }).compare)
      .at(-1)!;
    expect(await page.locator(`${rowsIn('indicator-1')}[data-ref="${last}"]`).count()).toBe(0);
    for (let i = 0; i < 200 && (await page.locator(`${rowsIn('indicator-1')}[data-ref="${last}"]`).count()) === 0; i++) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(30);
    }
    await expect(page.locator(`${rowsIn('indicator-1')}[data-ref="${last}"]`).isVisible()).resolves.toBe(true);
    expect(await page.locator('tr[data-action-id]').count()).toBeLessThan(200);
    expect(errors).toEqual([]);
  });

  it('prints every row of every group from the first screen, before the app has come', { timeout: 90_000 }, async () => {
    const { page, errors } = await openPage(browser);
    // The app never arrives: what is printed is the first screen's.
    await page.route(/\/assets\/app-root-[^/]+\.js$/, (route) => route.abort());
    await page.goto(tabUrl(service.baseUrl));
    // Drawn from the small first-screen answer; every row can be printed once the whole list is in.
    await page.locator('.first-screen[data-rows="all"] tr[data-action-id]').first().waitFor();
    const listed = (await service.store.listActions()).reduce((n, a) => n + Math.max(1, a.indicators.length), 0);
    expect(await page.locator('tr[data-action-id]').count()).toBeLessThan(100);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('.first-screen tr[data-action-id]').count()).toBe(listed);
    expect(await page.locator('.fs-print-note').count()).toBe(0);
    expect(errors.filter((e) => !e.includes('app-root'))).toEqual([]);
  });

  it('says on paper that it is not the whole plan when printed before the whole list has come', { timeout: 90_000 }, async () => {
    const { page } = await openPage(browser);
    await page.route(/\/assets\/app-root-[^/]+\.js$/, (route) => route.abort());
    // The whole list never comes; the first screen's own answer does.
    await page.route(/\/api\/plan$/, () => undefined);
    await page.goto(tabUrl(service.baseUrl));
    await page.locator('.first-screen tr[data-action-id]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("dispatchEvent(new Event('beforeprint'))");
    await expect(page.locator('.fs-print-note').textContent()).resolves.toContain('first 40 rows of 1,500 actions');
    expect(await page.locator('.fs-print-note').isVisible()).toBe(true);
    expect(await page.locator('.first-screen tr[data-action-id]').count()).toBe(40);
  });

  it('prints every row of every group', { timeout: 90_000 }, async () => {
    const { page } = await openPage(browser);
    await page.goto(tabUrl(service.baseUrl));
    await page.locator('tr[data-action-id]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("dispatchEvent(new Event('beforeprint'))");
    const listed = (await service.store.listActions()).reduce((n, a) => n + Math.max(1, a.indicators.length), 0);
    await expect.poll(() => page.locator('tr[data-action-id]').count(), { timeout: 20_000 }).toBe(listed);
  });
});
