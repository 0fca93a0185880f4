/**
 * The tab at the widths people read it at: 320 px (WCAG 1.4.10 reflow), 390 px
 * (Teams on a phone), 768 px (a tablet, a narrow Teams panel) and 1280 px.
 * Every page: no sideways scrolling, every column's content on screen, nothing
 * overlapping — measured from the boxes the browser laid out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inPage, openPage, startSampleOrganisationsService, tabUrl, useSharedPages, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();
const sharedPage = useSharedPages(ctx);
const WIDTHS = [320, 390, 768, 1280] as const;

interface Target {
  name: string;
  path: () => Promise<string>;
  devUser?: string;
  ready: (page: Page) => Promise<unknown>;
}

const firstAction = async () => (await ctx.service.store.listActions())[0]!;
const PAGES: Target[] = [
  { name: 'the plan', path: async () => '/', ready: (p) => p.getByTestId('plan-count').waitFor() },
  {
    name: 'an action',
    path: async () => `/actions/${encodeURIComponent((await firstAction()).id)}`,
    ready: (p) => p.getByTestId('update-form').waitFor(),
  },
  { name: 'since the last board', path: async () => '/since', ready: (p) => p.getByTestId('all-updates').waitFor() },
  { name: 'the indicators', path: async () => '/indicators', ready: (p) => p.getByTestId('indicators-table').waitFor() },
  { name: 'one indicator', path: async () => '/indicators/2', ready: (p) => p.locator('[data-action-id]').first().waitFor() },
  { name: 'the Model Employer', path: async () => '/indicators/model-employer', ready: (p) => p.locator('main table').first().waitFor() },
  {
    name: 'my actions',
    path: async () => '/my',
    devUser: 'meganb@example.com',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'My actions' }).waitFor(),
  },
];

/** Everything wrong with the layout that a reader would notice, as readable lines (empty when fine). */

describe('the tab at 320, 390, 768 and 1280 px', () => {
  for (const width of WIDTHS) {
    for (const target of PAGES) {
      it(`${target.name} at ${width} px: no sideways scroll, every column shown, nothing overlapping`, { timeout: 60_000 }, async () => {
        const { page, errors } = await sharedPage(width);
        await page.setViewportSize({ width, height: 800 });
        await page.goto(tabUrl(ctx.service.baseUrl, await target.path(), target.devUser ? { devUser: target.devUser } : {}));
        await target.ready(page);
        expect(await inPage<string[]>(page, 'layoutProblems')).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  }

  it('keeps a long organisation name in the header at 320 and 390 px: the list, the tab’s name and the person each in their own space', async () => {
    const orgs = await startSampleOrganisationsService();
    try {
      for (const width of [320, 390]) {
        const { page, errors } = await openPage(ctx.browser, { width });
        await page.goto(tabUrl(orgs.baseUrl));
        await page.getByRole('button', { name: /Northshire Community Health/ }).click();
        await page.getByTestId('plan-count').waitFor();
        expect(await inPage<string[]>(page, 'layoutProblems')).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    } finally {
      await orgs.close();
    }
  });

  it('shows each action at 390 px as a stacked row: title across the screen, owner, due, RAG word and latest update labelled', async () => {
    const { page } = await openPage(ctx.browser);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(tabUrl(ctx.service.baseUrl));
    // The app's rows, not the first screen's that it replaces (their layout is checked in first-screen tests).
    await page.getByTestId('plan-count').waitFor();
    const action = (await ctx.service.store.listActions()).find((a) => a.latestUpdate && a.owner)!;
    const row = page.locator(`[data-action-id="${action.id}"]`).first();
    await row.waitFor();
    const title = await row.getByRole('link', { name: action.title }).boundingBox();
    expect(title!.width).toBeGreaterThan(390 * 0.6);
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    for (const part of ['Owner', action.owner!.displayName, 'Due', 'RAG', 'Latest update', action.latestUpdate!.text.slice(0, 20)])
      expect(text).toContain(part);
    // One letter per line made each row over a thousand pixels tall; a stacked card is a few lines.
    const heights = await page.locator('[data-action-id]').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(400);
    await page.context().close();
  });
});
