/**
 * The printed board paper at A4 width: every RAG badge stays inside its
 * column (wrapping if it must), no cell's text runs into the next, every row
 * is printed, and the buttons and filters are left off.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();
/** A4 (210 mm) less the 12 mm side margins of print.css, at 96 px to the inch. */
const A4_CONTENT_PX = Math.round(((210 - 24) / 25.4) * 96);

function printProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const row of document.querySelectorAll('main tr')) {
      const cells = [...row.children] as HTMLElement[];
      for (const cell of cells) {
        const box = cell.getBoundingClientRect();
        // Everything drawn in a cell (badges, links, text) stays within it.
        for (const part of cell.querySelectorAll('*')) {
          const r = part.getBoundingClientRect();
          if (r.width > 0 && !inside(r, box))
            problems.push(
              `“${(part.textContent ?? '').trim().slice(0, 24)}” spills out of its cell (${Math.round(r.right)} > ${Math.round(box.right)})`,
            );
        }
        for (const other of cells)
          if (
            other !== cell &&
            [...cell.querySelectorAll('[data-rag]')].some((b) => overlap(b.getBoundingClientRect(), other.getBoundingClientRect()))
          )
            problems.push(`a RAG badge overlaps the “${(other.textContent ?? '').trim().slice(0, 24)}” cell`);
      }
    }
    return [...new Set(problems)];
  });
}

describe('the printed board paper (print media, A4 width)', () => {
  for (const path of ['/', '/since']) {
    it(`${path === '/' ? 'the plan' : 'since the last board'}: badges stay in their column and nothing overlaps`, async () => {
      const { page } = await openPage(ctx.browser, { width: A4_CONTENT_PX });
      await page.goto(tabUrl(ctx.service.baseUrl, path));
      await page.locator('main [data-rag]').first().waitFor();
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      expect(await page.locator('main [data-rag="Blue"]').count()).toBeGreaterThan(0);
      expect(await printProblems(page)).toEqual([]);
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
