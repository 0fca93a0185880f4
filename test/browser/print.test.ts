/**
 * The printed board paper at A4 width: every RAG badge stays inside its
 * column (wrapping if it must), no cell's text runs into the next, every row
 * is printed, and the buttons and filters are left off.
 */
import { describe, expect, it } from 'vitest';
import { inPage, openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();
/** A4 (210 mm) less the 12 mm side margins of print.css, at 96 px to the inch. */
const A4_CONTENT_PX = Math.round(((210 - 24) / 25.4) * 96);

describe('the printed board paper (print media, A4 width)', () => {
  for (const path of ['/', '/since']) {
    it(`${path === '/' ? 'the plan' : 'since the last board'}: badges stay in their column and nothing overlaps`, async () => {
      const { page } = await openPage(ctx.browser, { width: A4_CONTENT_PX });
      await page.goto(tabUrl(ctx.service.baseUrl, path));
      await page.locator('main [data-rag]').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      await page.evaluate("dispatchEvent(new Event('beforeprint'))");
      expect(await page.locator('main [data-rag="Blue"]').count()).toBeGreaterThan(0);
      expect(await inPage<string[]>(page, 'printProblems')).toEqual([]);
      expect(await page.locator('[role="search"]').isVisible()).toBe(false);
      if (path === '/') {
        const ids = new Set(
          await page.locator('[data-action-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-id'))),
        );
        expect(ids.size).toBe((await ctx.service.store.listActions()).length);
      }
      await page.context().close();
    });
  }
});
