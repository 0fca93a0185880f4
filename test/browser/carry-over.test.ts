import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

describe('carrying the plan into the next year in the tab', () => {
  it('is offered to leads only', async () => {
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, '/carry-over', { devUser: 'meganb@example.com' }));
    await page.getByText('Only E&D leads can carry the plan into the next year.').waitFor();
    expect(await page.getByTestId('carry-over-confirm').count()).toBe(0);
  });

  it('lists what would be carried, writes nothing until the lead confirms, then carries it with the chosen dates', async () => {
    const before = await ctx.service.store.listActions();
    const unfinished = before.filter((a) => a.planYear === '2025/26' && a.status !== 'Complete');
    const { page, errors } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, '/carry-over'));
    const confirm = page.getByTestId('carry-over-confirm');
    await confirm.getByText(`Carry ${unfinished.length} unfinished actions from 2025/26 into 2026/27?`).waitFor();
    const rows = page.locator('[data-testid="carry-over-list"] tbody tr');
    await expect(rows.count()).resolves.toBe(unfinished.length);
    const dueBox = page.getByLabel('New due date for 1.1');
    await expect(dueBox.inputValue()).resolves.toBe('2027-04-19'); // the same day a year on
    await expect(rows.filter({ hasText: '4.1' }).textContent()).resolves.toContain('Stays without a date');
    expect((await ctx.service.store.listActions()).length).toBe(before.length); // the dry run wrote nothing

    await dueBox.fill('2027-05-01');
    await confirm.getByRole('button', { name: `Yes, carry over ${unfinished.length} actions` }).click();
    const result = page.getByTestId('carry-over-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain(`${unfinished.length} actions carried over from 2025/26 into 2026/27`);

    const after = await ctx.service.store.listActions();
    const copies = after.filter((a) => a.planYear === '2026/27');
    expect(copies.map((c) => c.ref).sort()).toEqual(unfinished.map((u) => u.ref).sort());
    expect(copies.find((c) => c.ref === '1.1')!.dueDate).toBe('2027-05-01');
    expect(copies.find((c) => c.ref === '1.2')!.dueDate).toBe('2027-02-26');
    expect(copies.find((c) => c.ref === '4.1')!.dueDate).toBeNull();
    expect(after.filter((a) => a.planYear === '2025/26' && a.status === 'CarriedOver')).toHaveLength(unfinished.length);
    expect(errors).toEqual([]);
  });

  it('links the copy and the original both ways and shows "Carried over" as its own state', async () => {
    const actions = await ctx.service.store.listActions();
    const copy = actions.find((a) => a.planYear === '2026/27' && a.ref === '2.3');
    expect(copy, 'run after the carry-over above').toBeDefined();
    const { page, errors } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(copy!.id)}`));
    const from = page.getByTestId('carried-from');
    await expect(from.textContent()).resolves.toContain('Carried over from 2025/26 · 2.3');
    await from.getByRole('link', { name: '2025/26 · 2.3' }).click();

    await page.getByTestId('carried-to').waitFor();
    await expect(page.locator('main [data-rag="CarriedOver"]').first().textContent()).resolves.toBe('Carried over');
    const entry = page.locator('[data-testid="timeline"] li[data-event="carried-over"]');
    await expect(entry.textContent()).resolves.toContain('Carried over into the 2026/27 plan as 2026/27 · 2.3');
    expect(await page.getByTestId('update-form').count()).toBe(0);
    expect(await page.getByTestId('reassign-form').count()).toBe(0);

    await page.goto(tabUrl(ctx.service.baseUrl, '/'));
    const carried = page.locator('[data-testid="rag-counts"] li[data-rag="CarriedOver"]');
    await expect(carried.textContent()).resolves.toMatch(/^Carried over\d+$/);
    const count = actions.filter((a) => a.status === 'CarriedOver').length;
    await expect(carried.textContent()).resolves.toBe(`Carried over${count}`);
    expect(errors).toEqual([]);
  });

  it('offers nothing twice: running it again for the same year carries nothing', async () => {
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, '/carry-over'));
    await page.getByLabel('Plan year to carry over').selectOption('2025/26');
    await page.getByText('Nothing to carry over from 2025/26.').waitFor();
    expect(await page.getByRole('button', { name: /Yes, carry over/ }).count()).toBe(0);
  });
});
