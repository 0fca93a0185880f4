import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImportedAction } from '../store/fixtures.js';
import { launchBrowser, openPage, startTabService, tabUrl, type TabService } from './harness.js';

let service: TabService;
let browser: Browser;
beforeAll(async () => {
  const plan = [
    makeImportedAction({
      ref: '1.1',
      planYear: '2025/26',
      dueDate: '2026-06-30',
      // 02:30 on 2 March in UTC is still 1 March in New York.
      history: [{ text: 'Panels audited overnight.', submittedAt: '2026-03-02T02:30:00Z', authorName: 'Asha Patel' }],
    }),
  ];
  [service, browser] = await Promise.all([startTabService({ plan, timeZone: 'America/New_York' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

describe('the organisation’s time zone (TIMEZONE, from /api/me)', () => {
  it('shows times and days in TIMEZONE, not the browser’s zone', async () => {
    const { page } = await openPage(browser, { timezoneId: 'Europe/London' });
    const id = (await service.store.listActions())[0]!.id;
    await page.goto(tabUrl(service.baseUrl, `/actions/${id}`));
    const entry = page.getByTestId('timeline').locator('li').first();
    await entry.waitFor();
    await expect(entry.locator('time').textContent()).resolves.toBe('1 Mar 2026, 21:30');

    await page.goto(tabUrl(service.baseUrl));
    await expect(page.locator(`[data-action-id="${id}"]`).first().textContent()).resolves.toContain('Asha Patel, 1 Mar 2026');
  });
});
