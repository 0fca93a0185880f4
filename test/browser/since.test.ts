import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

describe('"Since the last board" dates', () => {
  it('shows and reads dates the UK way in a browser set to US English', async () => {
    const { page, errors } = await openPage(ctx.browser, { locale: 'en-US', timezoneId: 'America/New_York' });
    await page.goto(tabUrl(ctx.service.baseUrl, '/since'));
    await page.getByTestId('all-updates').waitFor();
    const picker = page.getByRole('combobox', { name: 'Changes since' });
    // The default is three months before 10 March 2026, written so no reader can take it for 12 October.
    await expect(picker.inputValue()).resolves.toBe('10 Dec 2025');

    await picker.fill('2/1/2026');
    await picker.blur();
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.getByRole('status').filter({ hasText: 'From Fri, 2 Jan 2026 to Tue, 10 Mar 2026' }).waitFor();
    expect(new URL(page.url()).searchParams.get('since')).toBe('2026-01-02');
    await expect(picker.inputValue()).resolves.toBe('2 Jan 2026');

    await picker.fill('29 Jan 2026');
    await picker.blur();
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.getByRole('status').filter({ hasText: 'From Thu, 29 Jan 2026' }).waitFor();
    expect(new URL(page.url()).searchParams.get('since')).toBe('2026-01-29');
    expect(errors).toEqual([]);
  });

  it('says how to write a date it cannot read, and keeps the report it has', async () => {
    const { page } = await openPage(ctx.browser, { locale: 'en-US' });
    await page.goto(tabUrl(ctx.service.baseUrl, '/since'));
    await page.getByTestId('all-updates').waitFor();
    const picker = page.getByRole('combobox', { name: 'Changes since' });
    await picker.fill('31/04/2026');
    await picker.blur();
    await page.getByText('Write the date day first, for example 12/03/2026 or 12 Mar 2026.').waitFor();
    await page.getByRole('button', { name: 'Show changes' }).click();
    expect(new URL(page.url()).searchParams.get('since')).toBeNull();
    await expect(page.getByRole('status').filter({ hasText: 'From Wed, 10 Dec 2025' }).count()).resolves.toBe(1);
  });

  it('opens a shared link for a date, and never lets a late answer for an older date replace the newer one', async () => {
    const { page } = await openPage(ctx.browser);
    // The first report (the default date) is held back until the second has been shown.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/changes$/, async (route) => {
      await held;
      // The tab may have abandoned it by then; a late answer is what this test is about, not an error.
      await route.continue().catch(() => undefined);
    });
    await page.goto(tabUrl(ctx.service.baseUrl, '/since'));
    const picker = page.getByRole('combobox', { name: 'Changes since' });
    await picker.waitFor();
    await picker.fill('01/02/2026');
    await picker.blur();
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.getByRole('status').filter({ hasText: 'From Sun, 1 Feb 2026' }).waitFor();
    release();
    await page.waitForTimeout(500);
    await expect(page.getByRole('status').filter({ hasText: 'From Sun, 1 Feb 2026' }).count()).resolves.toBe(1);
    await expect(picker.inputValue()).resolves.toBe('1 Feb 2026');

    const shared = await openPage(ctx.browser);
    await shared.page.goto(tabUrl(ctx.service.baseUrl, '/since') + '?since=2026-02-01');
    await shared.page.getByRole('status').filter({ hasText: 'From Sun, 1 Feb 2026' }).waitFor();
  });
});
