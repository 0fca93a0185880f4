import { describe, expect, it } from 'vitest';
import { DEV_LEAD_EMAIL, inPage, openPage, startOrganisationsService, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

async function actionByRef(ref: string) {
  const action = (await ctx.service.store.listActions()).find((a) => a.ref === ref);
  if (!action) throw new Error(`no action ${ref} in the sample plan`);
  return action;
}

describe('reassigning actions in the tab', () => {
  it('lets a lead reassign one action after confirming; the history says so and the new owner has it', async () => {
    const action = await actionByRef('1.1'); // Isaiah Langer's
    const { page, errors } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`));
    const form = page.getByTestId('reassign-form');
    await form.getByLabel('New owner’s work email').fill('lynner@example.com');
    await form.getByRole('button', { name: 'Reassign…' }).click();

    const confirm = page.getByTestId('reassign-confirm');
    await expect(confirm.textContent()).resolves.toContain('Reassign action 1.1 to lynner@example.com?');
    expect((await ctx.service.store.getAction(action.id))!.owner?.email).toBe('isaiahl@example.com'); // nothing yet
    await confirm.getByRole('button', { name: 'Yes, reassign' }).click();

    await page.getByTestId('reassign-receipt').waitFor();
    await expect(page.getByTestId('reassign-receipt').textContent()).resolves.toContain('Reassigned to Lynne Robbins');
    const entry = page.locator('[data-testid="timeline"] li[data-event="reassigned"]');
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('Reassigned from Isaiah Langer to Lynne Robbins');
    await expect(page.getByText('Owner: Lynne Robbins').isVisible()).resolves.toBe(true);
    expect((await ctx.service.store.getAction(action.id))!.owner?.email).toBe('lynner@example.com');
    expect(errors).toEqual([]);
  });

  it('says clearly when the new owner is not known, and changes nothing', async () => {
    const action = await actionByRef('1.3');
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`));
    const form = page.getByTestId('reassign-form');
    await form.getByLabel('New owner’s work email').fill('nobody.here@example.com');
    await form.getByRole('button', { name: 'Reassign…' }).click();
    await page.getByTestId('reassign-confirm').getByRole('button', { name: 'Yes, reassign' }).click();
    await form.getByText('Nobody with the email nobody.here@example.com is known').waitFor();
    expect((await ctx.service.store.getAction(action.id))!.owner?.email).toBe('meganb@example.com');
  });

  it("lists all of one owner's open actions before reassigning them, then reassigns exactly those", async () => {
    const all = await ctx.service.store.listActions();
    const adeles = all.filter((a) => a.owner?.email === 'adelev@example.com' && a.status !== 'Complete').map((a) => a.ref);
    expect(adeles.length).toBeGreaterThan(1);
    const { page, errors } = await openPage(ctx.browser);
    await page.goto(`${ctx.service.baseUrl}/tab/reassign?from=${encodeURIComponent('adelev@example.com')}`);
    const form = page.getByTestId('reassign-all-form');
    await expect(form.getByLabel('Current owner’s work email').inputValue()).resolves.toBe('adelev@example.com');
    await form.getByLabel('New owner’s work email').fill('pattif@example.com');
    await form.getByRole('button', { name: 'Show their open actions' }).click();

    const confirm = page.getByTestId('reassign-all-confirm');
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain(`Reassign ${adeles.length} open actions from Adele Vance to Patti Fernandez?`);
    const listed = await page.locator('[data-testid="reassign-all-list"] tbody tr td:first-child').allTextContents();
    expect(listed.map((t) => t.split(' ')[0]).sort()).toEqual([...adeles].sort());
    expect((await ctx.service.store.listActions()).filter((a) => a.owner?.email === 'adelev@example.com')).toHaveLength(adeles.length);

    await confirm.getByRole('button', { name: `Yes, reassign ${adeles.length} actions` }).click();
    const result = page.getByTestId('reassign-all-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain(`${adeles.length} actions reassigned to Patti Fernandez`);
    const after = await ctx.service.store.listActions();
    expect(after.filter((a) => a.owner?.email === 'adelev@example.com' && a.status !== 'Complete')).toEqual([]);
    expect(after.filter((a) => adeles.includes(a.ref)).every((a) => a.owner?.email === 'pattif@example.com')).toBe(true);
    expect(errors).toEqual([]);
  });

  it("lists reassignments apart from progress notes in 'Since the last board'", async () => {
    const reassigned = await actionByRef('1.1');
    expect(reassigned.owner?.email, 'run after the first test').toBe('lynner@example.com');
    const { page, errors } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, '/since'));
    const section = page.getByTestId('reassignments');
    await section.locator('tbody tr').first().waitFor();
    const row = section.locator('tbody tr').filter({ hasText: reassigned.title });
    await expect(row.textContent()).resolves.toContain('Isaiah Langer');
    await expect(row.textContent()).resolves.toContain('Lynne Robbins');
    await expect(page.getByTestId('all-updates').textContent()).resolves.not.toContain('Reassigned from');
    expect(errors).toEqual([]);
  });

  it('offers reassignment to leads only', async () => {
    const action = await actionByRef('3.2'); // Megan Bowen's own action
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`, { devUser: 'meganb@example.com' }));
    await page.getByTestId('update-form').waitFor();
    expect(await page.getByTestId('reassign-form').count()).toBe(0);
    await page.goto(`${ctx.service.baseUrl}/tab/reassign?devUser=meganb%40example.com`);
    await page.getByText('Only E&D leads can reassign actions.').waitFor();
    expect(await page.getByTestId('reassign-all-form').count()).toBe(0);
  });
});

describe('organisations in the tab (same browser session)', () => {
  it('asks a person in two organisations which to open, switches with the header’s select, and lets a platform admin fix a wrong setting', async () => {
    const orgs = await startOrganisationsService();
    try {
      const { page, errors } = await openPage(ctx.browser, { width: 320 });
      await page.goto(tabUrl(orgs.baseUrl, '/', { devUser: DEV_LEAD_EMAIL }));
      await page.getByRole('heading', { name: 'Choose an organisation' }).waitFor();
      await page.getByRole('button', { name: /South Trust \(R1H\)/ }).click();
      await page.getByText('South’s own action').first().waitFor();
      const southLink = await page.getByRole('link', { name: 'South’s own action' }).first().getAttribute('href');
      const select = page.getByLabel('Organisation');
      expect(await select.inputValue()).toBe('R1H');
      // At 320 px the switcher fits: the page never scrolls sideways, and the list does not spill over the header's other parts.
      expect(await inPage<string[]>(page, 'layoutProblems')).toEqual([]);
      await select.selectOption('RXX');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.waitForFunction("!document.body.textContent.includes('South’s own action')");
      expect(await page.getByLabel('Organisation').inputValue()).toBe('RXX');

      // A card's link to South's action names South: the tab opens it there although North was chosen last.
      await page.goto(`${orgs.baseUrl}${southLink!}${southLink!.includes('?') ? '&' : '?'}org=R1H`);
      await page.getByRole('heading', { name: /South’s own action/ }).waitFor();
      expect(await page.getByLabel('Organisation').inputValue()).toBe('R1H');
      expect(new URL(page.url()).searchParams.has('org')).toBe(false);

      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Edit South Trust (R1H)' }).click();
      await page.getByLabel('Time zone').fill('Mars/Olympus');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText(/timeZone \(like TIMEZONE\)/).waitFor();
      expect(await page.getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Time zone').inputValue()).toBe('Mars/Olympus');
      // Fixed, it is saved and listed in words, as the form names it.
      await page.getByLabel('Time zone').fill('Europe/Belfast');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Time zone: Europe/Belfast').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await orgs.close();
    }
  });
});
