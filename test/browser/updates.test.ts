import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { DEV_LEAD_EMAIL, openPage, tabUrl, VIEWER_EMAIL, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

/** Open actions owned by someone other than the development lead, each with a distinct owner email where possible. */
async function ownedActions(): Promise<Action[]> {
  const actions = await ctx.service.store.listActions();
  const owned = actions.filter((a) => a.owner?.email && a.owner.email.toLowerCase() !== DEV_LEAD_EMAIL && a.status !== 'Complete');
  expect(owned.length).toBeGreaterThan(2);
  return owned;
}

async function openAction(action: Action, devUser?: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const opened = await openPage(ctx.browser);
  await opened.page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`, devUser ? { devUser } : {}));
  await opened.page.getByRole('heading', { level: 1, name: `${action.ref} ${action.title}` }).waitFor();
  return opened;
}

async function writeUpdate(page: Page, text: string, rag: string): Promise<void> {
  const form = page.getByTestId('update-form');
  await form.getByLabel('What has happened since the last update?').fill(text);
  await form.getByRole('radio', { name: rag, exact: true }).check();
  await form.getByRole('button', { name: 'Send update' }).click();
}

describe('progress updates in the tab', () => {
  it('lets an owner post an update that appears in the timeline and the store', async () => {
    const action = (await ownedActions())[0]!;
    const { page, errors } = await openAction(action, action.owner!.email);
    await expect(page.getByText(`${action.owner!.displayName} · Action owner`).isVisible()).resolves.toBe(true);

    await writeUpdate(page, 'Audited the remaining two panels; one lacked a BME member.', 'Green');
    await page
      .getByRole('status')
      .filter({ hasText: `Update recorded for action ${action.ref}.` })
      .waitFor({ state: 'attached' });
    const newest = page.getByTestId('timeline').locator('li').first();
    await expect(newest.textContent()).resolves.toContain('Audited the remaining two panels; one lacked a BME member.');
    await expect(newest.textContent()).resolves.toContain(action.owner!.displayName);
    if (action.rag !== 'Green')
      await expect(newest.textContent()).resolves.toContain(`RAG${action.rag === 'None' ? 'Not rated' : action.rag}Green`);
    await expect(page.getByLabel('What has happened since the last update?').inputValue()).resolves.toBe('');

    const stored = await ctx.service.store.listUpdates(action.id);
    expect(stored.at(-1)).toMatchObject({
      text: 'Audited the remaining two panels; one lacked a BME member.',
      ragTo: 'Green',
      source: 'tab',
      author: { name: action.owner!.displayName },
    });
    expect(errors).toEqual([]);
  });

  it('keeps the typed note and says what to fix when the note is empty', async () => {
    const action = (await ownedActions())[1]!;
    const { page } = await openAction(action, action.owner!.email);
    const before = (await ctx.service.store.listUpdates(action.id)).length;
    const form = page.getByTestId('update-form');
    await form.getByLabel('What has happened since the last update?').fill('   ');
    await form.getByRole('button', { name: 'Send update' }).click();
    await form.getByText('Please write what has happened since the last update.').waitFor();
    expect((await ctx.service.store.listUpdates(action.id)).length).toBe(before);
  });

  it('shows the newer update on a conflict, keeps the note, and sends it when confirmed', async () => {
    const action = (await ownedActions())[2]!;
    const { page } = await openAction(action, action.owner!.email);
    // Someone else (the lead, through the API) updates the action after the page loaded.
    const lead = await page.evaluate(
      async ({ id, version }) => {
        const res = await fetch(`/api/actions/${encodeURIComponent(id)}/updates`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            requestId: 'lead-update-0001',
            expectedVersion: version,
            text: 'Lead chased the panel chairs.',
            rag: 'Red',
          }),
        });
        return res.status;
      },
      { id: action.id, version: action.version },
    );
    expect(lead).toBe(201);

    await writeUpdate(page, 'My note written before I saw the lead’s.', 'Amber');
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Lead chased the panel chairs.');
    await expect(page.getByLabel('What has happened since the last update?').inputValue()).resolves.toBe(
      'My note written before I saw the lead’s.',
    );
    // The history reloads with the conflict answer; wait for it rather than read it mid-render.
    await page.getByTestId('timeline').locator('li').first().filter({ hasText: 'Lead chased the panel chairs.' }).waitFor();

    await conflict.getByRole('button', { name: 'Send my update as well' }).click();
    await page.getByTestId('timeline').locator('li').first().filter({ hasText: 'My note written before I saw the lead’s.' }).waitFor();
    const texts = (await ctx.service.store.listUpdates(action.id)).map((u) => u.text);
    expect(texts.slice(-2)).toEqual(['Lead chased the panel chairs.', 'My note written before I saw the lead’s.']);
  });

  it('shows a viewer no update form, and the API refuses a forced update', async () => {
    const action = (await ownedActions())[0]!;
    const { page } = await openAction(action, VIEWER_EMAIL);
    await page.getByText('You can read this action.').waitFor();
    expect(await page.getByTestId('update-form').count()).toBe(0);
    await expect(page.getByText('· Viewer').isVisible()).resolves.toBe(true);

    const before = (await ctx.service.store.listUpdates(action.id)).length;
    const forced = await page.evaluate(
      async ({ id, version, viewer }) => {
        const res = await fetch(`/api/actions/${encodeURIComponent(id)}/updates`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Dev-User': viewer },
          body: JSON.stringify({ requestId: 'viewer-forced-0001', expectedVersion: version, text: 'Not allowed', rag: 'Green' }),
        });
        return res.status;
      },
      { id: action.id, version: (await ctx.service.store.getAction(action.id))!.version, viewer: VIEWER_EMAIL },
    );
    expect(forced).toBe(403);
    expect((await ctx.service.store.listUpdates(action.id)).length).toBe(before);
  });

  it('renders a note containing HTML as text: no element, no script', async () => {
    const action = (await ownedActions())[1]!;
    const { page, dialogs } = await openAction(action, action.owner!.email);
    const note = 'Checked <img src=x onerror=alert(1)> and <script>alert(2)</script> left as typed';
    await writeUpdate(page, note, 'Amber');
    const newest = page.getByTestId('timeline').locator('li').first();
    await newest.filter({ hasText: note }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);

    await page.goto(tabUrl(ctx.service.baseUrl, '/', { devUser: action.owner!.email! }));
    await page.locator(`tr[data-action-id="${action.id}"]`).first().filter({ hasText: note }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('keeps the page within the screen after "Mark complete", with a readable receipt in every theme', { timeout: 90_000 }, async () => {
    const candidates = (await ownedActions()).slice(3);
    let n = 0;
    for (const width of [390, 1280]) {
      for (const theme of ['light', 'dark', 'contrast']) {
        const action = candidates[n++ % candidates.length]!;
        const { page } = await openPage(ctx.browser, { width });
        await page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`, { devUser: action.owner!.email!, theme }));
        const form = page.getByTestId('update-form');
        await form.waitFor();
        await form.getByLabel('What has happened since the last update?').fill('All done; evaluation report sent to the board. '.repeat(4));
        await form.getByRole('checkbox', { name: 'Mark this action complete' }).check();
        await form.getByRole('button', { name: 'Send update' }).click();
        const receipt = page.getByTestId('receipt');
        await receipt.waitFor();
        await expect(receipt.textContent()).resolves.toContain('RAG now Blue — complete');
        const [scroll, client] = await page.evaluate<[number, number]>(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
        );
        expect(scroll, `${width} px, ${theme}`).toBeLessThanOrEqual(client);
        const contrast = await new AxeBuilder({ page }).withRules(['color-contrast']).include('[data-testid="receipt"]').analyze();
        expect(
          contrast.violations.flatMap((v) => v.nodes.map((x) => x.failureSummary)),
          theme,
        ).toEqual([]);
        await page.context().close();
      }
    }
  });
});
