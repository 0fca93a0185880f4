/**
 * Text direction: names, titles and notes containing right-to-left override
 * characters (U+202E and friends) are shown isolated, so "exe.txt" cannot be
 * made to read "txt.exe", nor the words after a name be turned around — on
 * screen, on a phone and in the printed board paper.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImportedAction } from '../store/fixtures.js';
import { launchBrowser, openPage, startTabService, tabUrl, type TabService } from './harness.js';
import type { Browser } from 'playwright-core';

const RLO = '\u202E';
const OWNER = { displayName: `Megan ${RLO}nosdraH`, email: 'meganb@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000021' };
const TITLE = `Publish the audit of invoice${RLO}fdp.exe and its findings`;
const NOTE = `Report attached as summary${RLO}txt.exe for the committee`;

let service: TabService;
let browser: Browser;
beforeAll(async () => {
  const plan = [
    makeImportedAction({
      ref: '4.1',
      planYear: '2025/26',
      title: TITLE,
      theme: `Training ${RLO}gniniart`,
      measure: `Measure ${RLO}erusaem`,
      owner: OWNER,
      leadRole: `Head of ${RLO}gniniart`,
      dueDate: '2026-06-30',
      dueText: 'June 2026',
      status: 'InProgress',
      rag: 'Amber',
      history: [{ text: NOTE, submittedAt: '2026-03-02T10:00:00Z', authorName: OWNER.displayName }],
    }),
  ];
  [service, browser] = await Promise.all([startTabService({ plan }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.close();
});

/** Text nodes holding a direction override that are not isolated from the text around them. */
function unisolated(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = /[\u202A-\u202E\u2066-\u2069]/;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.getElementById('root')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!controls.test(node.textContent ?? '')) continue;
      let ok = false;
      for (let el = node.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi)) {
          ok = true;
          break;
        }
        // Alone in its own block, the override cannot reach any other text.
        if (!style.display.startsWith('inline')) {
          ok = (el.textContent ?? '').trim() === (node.textContent ?? '').trim();
          break;
        }
      }
      if (!ok) found.push(`${node.parentElement?.tagName.toLowerCase()}: ${JSON.stringify(node.parentElement?.textContent?.slice(0, 60))}`);
    }
    return found;
  });
}

/** Whether `first` is drawn to the left of `then` in the element's text (both found in its text nodes). */
function drawnInOrder(page: Page, selector: string, first: string, then: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (el, [a, b]) => {
        const box = (needle: string) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = (node.textContent ?? '').indexOf(needle);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + needle.length);
            return range.getBoundingClientRect();
          }
          throw new Error(`"${needle}" not found`);
        };
        const ra = box(a!);
        const rb = box(b!);
        return Math.abs(ra.top - rb.top) > ra.height / 2 ? ra.top < rb.top : ra.left < rb.left;
      },
      [first, then],
    );
}

describe('text direction', () => {
  it('isolates names, titles and notes on the plan, wide and narrow, and keeps the words after a name in order', async () => {
    for (const width of [1280, 390]) {
      const { page } = await openPage(browser, { width });
      await page.goto(tabUrl(service.baseUrl));
      await page.locator('[data-action-id]').first().waitFor();
      expect(await unisolated(page)).toEqual([]);
      // "<author>, 2 Mar 2026": the comma comes before the date, not after it.
      expect(await drawnInOrder(page, '[data-action-id] td:last-child', ', ', '2026')).toBe(true);
      await page.context().close();
    }
  });

  it('isolates them on the action page, in the timeline and in "my actions"', async () => {
    const { page } = await openPage(browser);
    const id = (await service.store.listActions())[0]!.id;
    await page.goto(tabUrl(service.baseUrl, `/actions/${id}`, { devUser: OWNER.email }));
    await page.getByTestId('timeline').waitFor();
    expect(await unisolated(page)).toEqual([]);
    await page.goto(tabUrl(service.baseUrl, '/my', { devUser: OWNER.email }));
    await page.locator('[data-action-id]').first().waitFor();
    expect(await unisolated(page)).toEqual([]);
    // "… by <author>: “<note>”": the colon follows the name, before the note.
    expect(await drawnInOrder(page, '[data-action-id] p', 'by ', ': “')).toBe(true);
    await page.goto(tabUrl(service.baseUrl, '/since'));
    await page.getByTestId('all-updates').waitFor();
    expect(await unisolated(page)).toEqual([]);
  });

  it('isolates them in the printed board paper', async () => {
    const { page } = await openPage(browser, { width: 794 });
    await page.goto(tabUrl(service.baseUrl));
    await page.locator('[data-action-id]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await unisolated(page)).toEqual([]);
    expect(await drawnInOrder(page, '[data-action-id] td:last-child', ', ', '2026')).toBe(true);
  });
});
