import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { openPage, shownActionIds, tabUrl, TODAY, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();
let actions: Action[];

beforeAll(async () => {
  actions = await ctx.service.store.listActions();
});

const overdue = (a: Action) => a.status !== 'Complete' && a.dueDate !== null && a.dueDate < TODAY;
const ids = (list: Action[]) => list.map((a) => a.id).sort();

async function openPlan(): Promise<{ page: Page; errors: string[]; offsite: string[] }> {
  const opened = await openPage(ctx.browser);
  await opened.page.goto(tabUrl(ctx.service.baseUrl));
  await opened.page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
  await opened.page.getByTestId('plan-count').waitFor();
  return opened;
}

async function stat(page: Page, label: string): Promise<string> {
  return (await page.locator(`[data-stat="${label}"]`).textContent())?.trim() ?? '';
}

describe('the plan tab', () => {
  it('shows summary figures that match the store, with the development identity labelled', async () => {
    const { page, errors, offsite } = await openPlan();
    expect(actions.length).toBeGreaterThan(5);
    const complete = actions.filter((a) => a.status === 'Complete').length;
    expect(await stat(page, 'Actions')).toBe(String(actions.length));
    expect(await stat(page, 'Complete')).toBe(String(complete));
    expect(await stat(page, 'Per cent complete')).toBe(`${Math.floor((complete / actions.length) * 100)}%`);
    expect(await stat(page, 'Overdue')).toBe(String(actions.filter(overdue).length));
    for (const rag of ['Red', 'Amber', 'Green'] as const) {
      const row = page.locator(`[data-testid="rag-counts"] li[data-rag="${rag}"]`);
      await expect(row.textContent()).resolves.toContain(`${rag}${actions.filter((a) => a.rag === rag).length}`);
    }
    for (const n of [1, 2, 9]) {
      const cited = actions.filter((a) => a.indicators.includes(n as Action['indicators'][number])).length;
      const cells = await page.locator(`[data-testid="indicator-table"] tr[data-indicator="${n}"] td`).allTextContents();
      expect(cells[0]).toBe(String(cited));
    }
    await expect(page.getByText('Development identity: Alex Wilber').isVisible()).resolves.toBe(true);
    expect(await shownActionIds(page)).toEqual(ids(actions));
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
  });

  it('filters by RAG, owner, overdue and search text, and clears the filters', async () => {
    const { page } = await openPlan();
    const filters = page.getByRole('search', { name: 'Filter the plan' });

    await filters.getByLabel('RAG').selectOption('Red');
    await expect.poll(() => shownActionIds(page)).toEqual(ids(actions.filter((a) => a.rag === 'Red')));
    const badges = await page.locator('tr[data-action-id] [data-rag]').allTextContents();
    expect(new Set(badges)).toEqual(new Set(['Red']));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    const owned = actions.find((a) => a.owner?.displayName)!;
    const ownerName = owned.owner!.displayName;
    await filters.getByLabel('Owner').selectOption(ownerName);
    await expect.poll(() => shownActionIds(page)).toEqual(ids(actions.filter((a) => a.owner?.displayName === ownerName)));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByRole('checkbox', { name: 'Overdue only' }).check();
    const late = actions.filter(overdue);
    expect(late.length).toBeGreaterThan(0);
    await expect.poll(() => shownActionIds(page)).toEqual(ids(late));
    await expect(page.locator('tr[data-action-id]').first().textContent()).resolves.toMatch(/overdue/);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    const target = actions.find((a) => a.title.split(/\s+/).some((w) => w.length > 8))!;
    const word = target.title
      .split(/\s+/)
      .find((w) => w.length > 8)!
      .replace(/[^\p{L}\p{N}-]/gu, '');
    await filters.getByLabel('Search').fill(word);
    const matching = actions.filter((a) =>
      [a.ref, a.title, a.theme, a.measure, a.owner?.displayName || a.leadRole || 'No owner', a.leadRole, a.latestUpdate?.text ?? '']
        .join('\n')
        .toLowerCase()
        .includes(word.toLowerCase()),
    );
    await expect.poll(() => shownActionIds(page)).toEqual(ids(matching));
    expect(await shownActionIds(page)).toContain(target.id);

    await filters.getByLabel('Search').fill('zzqx no such words');
    await expect(page.getByText('No actions match these filters.').waitFor()).resolves.toBeUndefined();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => shownActionIds(page)).toEqual(ids(actions));
  });

  it('says beside the export buttons which file was not downloaded, then downloads it under the service’s name for it', async () => {
    const { page, errors } = await openPlan();
    // A dropped connection: the first export request never reaches the service.
    let asked = 0;
    await page.route(/\/api\/export\?/, (route) => (asked++ === 0 ? route.abort('connectionreset') : route.fallback()));
    const excel = page.getByRole('button', { name: 'Export Excel' });
    await excel.click();
    const failed = page.getByRole('alert').filter({ hasText: 'The Excel file was not downloaded' });
    await failed.waitFor();
    expect(await failed.innerText()).toContain('could not be reached');
    const [download] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    expect(download.suggestedFilename()).toBe(`wres-action-plan-${TODAY}.xlsx`);
    await failed.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Excel file downloaded.' }).waitFor();
    expect(asked).toBe(2);
    expect(errors).toEqual([]);
  });

  it('groups by theme and opens an action page from its row', async () => {
    const { page } = await openPlan();
    await page.getByRole('search').getByLabel('Group by').selectOption('theme');
    const themes = new Set(actions.map((a) => a.theme.trim() || 'No theme'));
    await expect.poll(() => page.locator('section[data-group^="theme-"]').count()).toBe(themes.size);

    const first = actions[0]!;
    await page.locator(`tr[data-action-id="${first.id}"] a`).first().click();
    await page.getByRole('heading', { level: 1, name: `${first.ref} ${first.title}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tab/actions/${encodeURIComponent(first.id)}`);
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    await expect(page.getByRole('search').getByLabel('Group by').inputValue()).resolves.toBe('theme');
  });

  it('keeps the filters in the address: a shared link opens the same view, and Back and Forward step through filters', async () => {
    const { page } = await openPlan();
    const filters = page.getByRole('search', { name: 'Filter the plan' });
    await filters.getByLabel('RAG').selectOption('Red');
    await expect.poll(() => new URL(page.url()).searchParams.get('rag')).toBe('Red');
    await filters.getByLabel('Group by').selectOption('theme');
    await expect.poll(() => new URL(page.url()).searchParams.get('group')).toBe('theme');
    const red = ids(actions.filter((a) => a.rag === 'Red'));
    await expect.poll(() => shownActionIds(page)).toEqual(red);

    // Someone else opens the link: same filters, same rows.
    const shared = await openPage(ctx.browser);
    await shared.page.goto(page.url());
    await shared.page.locator('[data-action-id]').first().waitFor();
    expect(await shownActionIds(shared.page)).toEqual(red);
    await expect(shared.page.getByRole('search').getByLabel('RAG').inputValue()).resolves.toBe('Red');
    await expect(shared.page.getByRole('search').getByLabel('Group by').inputValue()).resolves.toBe('theme');

    await page.goBack();
    await expect.poll(() => page.getByRole('search').getByLabel('Group by').inputValue()).toBe('indicator');
    await expect(page.getByRole('search').getByLabel('RAG').inputValue()).resolves.toBe('Red');
    await page.goBack();
    await expect.poll(() => shownActionIds(page)).toEqual(ids(actions));
    await page.goForward();
    await expect.poll(() => shownActionIds(page)).toEqual(red);

    // Typing a search rewrites the address without filling Back with every keystroke.
    const before = await page.evaluate<number>('history.length');
    await page.getByRole('search').getByLabel('Search').fill('panel');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('panel');
    expect(await page.evaluate<number>('history.length')).toBe(before);

    // An action page's "Back to the plan" returns to the filtered view.
    const first = (await shownActionIds(page))[0];
    if (first) {
      await page.locator(`[data-action-id="${first}"] a`).first().click();
      await page.getByRole('link', { name: 'Back to the plan' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('panel');
    }
  });
});
