/**
 * The tab at the widths people read it at: 320 px (WCAG 1.4.10 reflow), 390 px
 * (Teams on a phone), 768 px (a tablet, a narrow Teams panel) and 1280 px.
 * Every page: no sideways scrolling, every column's content on screen, nothing
 * overlapping — measured from the boxes the browser laid out.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();
const WIDTHS = [320, 390, 768, 1280] as const;

interface Target {
  name: string;
  path: () => Promise<string>;
  devUser?: string;
  ready: (page: Page) => Promise<unknown>;
}

const firstAction = async () => (await ctx.service.store.listActions())[0]!;
const PAGES: Target[] = [
  { name: 'the plan', path: async () => '/', ready: (p) => p.locator('[data-action-id]').first().waitFor() },
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
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const overlap = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    // Cells of each row (and header cells of each header row) must not overlap, and each must show its content.
    // A header row hidden for sighted readers (stacked tables keep it for screen readers) is not laid out text.
    const visuallyHidden = (el: Element) => el.getBoundingClientRect().height <= 1 || getComputedStyle(el).clipPath.startsWith('inset(50%');
    for (const row of document.querySelectorAll('main tr')) {
      const head = row.closest('thead');
      if (head && visuallyHidden(head)) continue;
      const cells = [...row.children].filter((c) => (c.textContent ?? '').trim() && shown(c));
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1 || r.left < -1)
          problems.push(`${label(cell)} is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
        if (cell.scrollWidth > cell.clientWidth + 2 && getComputedStyle(cell).overflowX !== 'visible')
          problems.push(`${label(cell)} is cut off (${cell.scrollWidth} px in ${cell.clientWidth} px)`);
        if (r.width < 24) problems.push(`${label(cell)} is only ${Math.round(r.width)} px wide`);
      }
      for (let i = 0; i < cells.length; i++)
        for (let j = i + 1; j < cells.length; j++)
          if (overlap(cells[i]!.getBoundingClientRect(), cells[j]!.getBoundingClientRect()))
            problems.push(`${label(cells[i]!)} overlaps ${label(cells[j]!)}`);
    }
    // Every table cell that has text is on screen (a column squeezed out or scrolled away is lost to the reader).
    for (const cell of document.querySelectorAll('main td, main th')) {
      if (!(cell.textContent ?? '').trim()) continue;
      if (!shown(cell) && !cell.closest('thead')) problems.push(`${label(cell)} is not shown`);
    }
    // The action's title gets a fair share of the width (it was squeezed to 14 px at 390 px, 50 px at 768 px).
    for (const link of [...document.querySelectorAll('main [data-action-id] a')].slice(0, 20)) {
      const w = link.getBoundingClientRect().width;
      if (shown(link) && w < Math.min(doc.clientWidth * 0.2, 200)) problems.push(`${label(link)} is only ${Math.round(w)} px wide`);
    }
    // Text runs inside a line: the words of one text node must not sit on top of each other's neighbours.
    const links = [...document.querySelectorAll('nav[aria-label="Sections"] a')];
    const tops = new Set(links.map((a) => Math.round(a.getBoundingClientRect().top)));
    if (tops.size > 1) problems.push(`the sections wrap onto ${tops.size} lines`);
    for (let i = 0; i < links.length; i++)
      for (let j = i + 1; j < links.length; j++)
        if (overlap(links[i]!.getBoundingClientRect(), links[j]!.getBoundingClientRect()))
          problems.push(`${label(links[i]!)} overlaps ${label(links[j]!)}`);
    return problems;
  });
}

describe('the tab at 320, 390, 768 and 1280 px', () => {
  for (const width of WIDTHS) {
    for (const target of PAGES) {
      it(`${target.name} at ${width} px: no sideways scroll, every column shown, nothing overlapping`, { timeout: 60_000 }, async () => {
        const { page, errors } = await openPage(ctx.browser);
        await page.setViewportSize({ width, height: 800 });
        await page.goto(tabUrl(ctx.service.baseUrl, await target.path(), target.devUser ? { devUser: target.devUser } : {}));
        await target.ready(page);
        expect(await layoutProblems(page)).toEqual([]);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('shows each action at 390 px as a stacked row: title across the screen, owner, due, RAG word and latest update labelled', async () => {
    const { page } = await openPage(ctx.browser);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(tabUrl(ctx.service.baseUrl));
    const action = (await ctx.service.store.listActions()).find((a) => a.latestUpdate && a.owner)!;
    const row = page.locator(`[data-action-id="${action.id}"]`).first();
    await row.waitFor();
    const title = await row.getByRole('link', { name: action.title }).boundingBox();
    expect(title!.width).toBeGreaterThan(390 * 0.6);
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    for (const part of ['Owner', action.owner!.displayName, 'Due', 'RAG', 'Latest update', action.latestUpdate!.text.slice(0, 20)])
      expect(text).toContain(part);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const rows = await page.locator('[data-action-id]').count();
    expect(height / rows).toBeLessThan(400);
    await page.context().close();
  });
});
