/**
 * Text direction: names, titles and notes containing right-to-left override
 * characters (U+202E and friends) are shown isolated, so "exe.txt" cannot be
 * made to read "txt.exe", nor the words after a name be turned around — on
 * screen, on a phone and in the printed board paper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImportedAction } from '../store/fixtures.js';
import { inPage, launchBrowser, openPage, startTabService, tabUrl, type TabService } from './harness.js';
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

describe('text direction', () => {
  it('isolates names, titles and notes on the plan, wide and narrow, and keeps the words after a name in order', async () => {
    for (const width of [1280, 390]) {
      const { page } = await openPage(browser, { width });
      await page.goto(tabUrl(service.baseUrl));
      await page.locator('[data-action-id]').first().waitFor();
      expect(await inPage<string[]>(page, 'unisolatedBidi')).toEqual([]);
      // "<author>, 2 Mar 2026": the comma comes before the date, not after it.
      expect(await inPage<boolean>(page, 'drawnInOrder', '[data-action-id] td:last-child', ', ', '2026')).toBe(true);
      await page.context().close();
    }
  });

  it('isolates them on the action page, in the timeline and in "my actions"', async () => {
    const { page } = await openPage(browser);
    const id = (await service.store.listActions())[0]!.id;
    await page.goto(tabUrl(service.baseUrl, `/actions/${id}`, { devUser: OWNER.email }));
    await page.getByTestId('timeline').waitFor();
    expect(await inPage<string[]>(page, 'unisolatedBidi')).toEqual([]);
    await page.goto(tabUrl(service.baseUrl, '/my', { devUser: OWNER.email }));
    await page.locator('[data-action-id]').first().waitFor();
    expect(await inPage<string[]>(page, 'unisolatedBidi')).toEqual([]);
    // "… by <author>: “<note>”": the colon follows the name, before the note.
    expect(await inPage<boolean>(page, 'drawnInOrder', '[data-action-id] p', 'by ', ': “')).toBe(true);
    await page.goto(tabUrl(service.baseUrl, '/since'));
    await page.getByTestId('all-updates').waitFor();
    expect(await inPage<string[]>(page, 'unisolatedBidi')).toEqual([]);
  });

  it('isolates them in the printed board paper', async () => {
    const { page } = await openPage(browser, { width: 794 });
    await page.goto(tabUrl(service.baseUrl));
    await page.locator('[data-action-id]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("dispatchEvent(new Event('beforeprint'))");
    expect(await inPage<string[]>(page, 'unisolatedBidi')).toEqual([]);
    expect(await inPage<boolean>(page, 'drawnInOrder', '[data-action-id] td:last-child', ', ', '2026')).toBe(true);
  });
});
