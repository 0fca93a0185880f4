import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

describe('the tab under its Content-Security-Policy', () => {
  it('is served with the CSP and loads every page of the plan without a violation', async () => {
    const { page, errors, cspViolations } = await openPage(ctx.browser);
    const response = await page.goto(tabUrl(ctx.service.baseUrl));
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    for (const link of ['Indicators', 'My actions']) {
      const nav = page.getByRole('link', { name: link });
      if (await nav.count()) {
        await nav.first().click();
        await page.waitForLoadState('networkidle');
      }
    }
    expect(errors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('would catch an inline script (the listener the other browser tests rely on works)', async () => {
    const { page, cspViolations } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl));
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.append(s);");
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.ran === true')).toBe(false);
    expect(cspViolations[0]).toMatch(/^script-src/);
    cspViolations.length = 0;
  });
});
