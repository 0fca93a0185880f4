// The plan's first screen (tab/src/first-screen.ts) is plain DOM drawn before React and Fluent UI load.
// It must show what the app then shows (the same heading, count, groups and first rows, in the same order,
// linking to the same actions), and the app must replace it whole.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

/** What a reader sees of the plan page: its heading, count line, group labels and rows (id, link, RAG, evidence links). */
async function planShown(page: Page, count: string) {
  const rows = await page
    .locator('tr[data-action-id]')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-action-id'),
        tr.querySelector('a')?.getAttribute('href'),
        tr.querySelector('[data-rag]')?.getAttribute('data-rag'),
        [...tr.querySelectorAll('.evidence-links a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]),
      ]),
    );
  return {
    heading: await page.locator('main h1').textContent(),
    count: (await page.locator(count).textContent())?.trim(),
    groups: await page.locator('main section h3 bdi').allTextContents(),
    // Each group heading's words and counts (the first screen's chevron is decoration).
    headings: (await page.locator('main section[data-group] h3').allTextContents()).map((t) => t.replace('⌄', '').trim()),
    summary: await page.locator('main dl').first().textContent(),
    rows,
  };
}

describe('the plan’s first screen', () => {
  // The plain plan (by indicator or by theme) is drawn from its small answer, a filtered one from the whole list.
  it.each(['', 'group=theme', 'rag=Amber'])(
    'shows the app’s heading, summary, count, groups and first rows, and gives way to the app (%s)',
    async (view) => {
      const early = await openPage(ctx.browser);
      // The app never arrives: what stays is the first screen alone.
      await early.page.route(/\/assets\/app-root-[^/]+\.js$/, (route) => route.abort());
      const url = `${tabUrl(ctx.service.baseUrl, '/', { theme: 'dark' })}${view ? `&${view}` : ''}`;
      await early.page.goto(url);
      await early.page.locator('.first-screen tr[data-action-id]').first().waitFor();
      const first = await planShown(early.page, '.fs-count');
      expect(await early.page.locator('.first-screen').getAttribute('data-theme')).toBe('dark');
      expect(await early.page.locator('.first-screen').getAttribute('aria-busy')).toBe('true');

      const { page, errors } = await openPage(ctx.browser);
      await page.goto(url);
      await page.getByTestId('plan-count').waitFor();
      expect(await page.locator('.first-screen').count()).toBe(0);
      const app = await planShown(page, '[data-testid="plan-count"]');
      expect(errors).toEqual([]);

      expect(first.rows.length).toBeGreaterThan(5);
      if (!view) expect(first.rows.some((r) => (r[3] as unknown[]).length > 0)).toBe(true);
      expect(first.heading).toBe(app.heading);
      expect(first.summary).toBe(app.summary);
      expect(app.headings.slice(0, first.headings.length)).toEqual(first.headings);
      expect(first.count).toBe(app.count);
      expect(app.groups.slice(0, first.groups.length)).toEqual(first.groups);
      expect(app.rows.slice(0, first.rows.length)).toEqual(first.rows);
    },
  );
});
