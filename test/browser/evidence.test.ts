// Evidence links in the real tab (headless Chromium against the real service on SQLite): added
// in the update form, refused beside the box with everything typed kept, and shown as host and
// path — real links that open apart from the tab — on the timeline, the plan, "since the last
// board" and the printed board paper.
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../bot/src/domain/model.js';
import { linkLabel } from '../../bot/src/domain/evidence-links.js';
import { makeRecordUpdate } from '../store/fixtures.js';
import { DEV_LEAD_EMAIL, NOW, openPage, tabUrl, useTabBrowser } from './harness.js';

const ctx = useTabBrowser();

const AUDIT = 'https://nhsuk.sharepoint.com/sites/edi/Shared%20Documents/panel-audit.xlsx';
const AUDIT_LABEL = 'nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx';
const PAPER = 'https://intranet.example.nhs.uk/board/2026-03/wres-paper.pdf';

/** An open action owned by someone other than the development lead; `n` picks a different one per test. */
async function ownedAction(n: number): Promise<Action> {
  const actions = await ctx.service.store.listActions();
  const owned = actions.filter((a) => a.owner?.email && a.owner.email.toLowerCase() !== DEV_LEAD_EMAIL && a.status !== 'Complete');
  return owned[n]!;
}

async function openAction(action: Action): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const opened = await openPage(ctx.browser);
  await opened.page.goto(tabUrl(ctx.service.baseUrl, `/actions/${encodeURIComponent(action.id)}`, { devUser: action.owner!.email! }));
  await opened.page.getByRole('heading', { level: 1, name: `${action.ref} ${action.title}` }).waitFor();
  return opened;
}

/** The evidence links shown in `scope`: label, address, target and rel of each. */
function shownLinks(scope: Locator) {
  return scope
    .locator('.evidence-links a')
    .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]));
}

describe('evidence links in the tab', () => {
  it('lets an owner add links that appear on the timeline as host and path, opening apart from the tab', async () => {
    const action = await ownedAction(0);
    const { page, errors } = await openAction(action);
    const form = page.getByTestId('update-form');
    await form.getByLabel('What has happened since the last update?').fill('All five panels audited; paper to the board.');
    await form.getByRole('textbox', { name: 'Link 1' }).fill('https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx');
    await form.getByRole('button', { name: 'Add another link' }).click();
    await expect(form.getByRole('textbox', { name: 'Link 2' }).evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await page.keyboard.type(PAPER);
    await form.getByRole('radio', { name: 'Green', exact: true }).check();
    await form.getByRole('button', { name: 'Send update' }).click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    await expect(receipt.textContent()).resolves.toContain('2 evidence links');
    const newest = page.getByTestId('timeline').locator('li').first();
    await newest.filter({ hasText: 'All five panels audited' }).waitFor();
    expect(await shownLinks(page.getByTestId('timeline').locator('li').first())).toEqual([
      [AUDIT_LABEL, AUDIT, '_blank', 'noopener noreferrer'],
      ['intranet.example.nhs.uk/board/2026-03/wres-paper.pdf', PAPER, '_blank', 'noopener noreferrer'],
    ]);
    expect(await form.getByRole('textbox', { name: /^Link/ }).count()).toBe(1);
    await expect(form.getByRole('textbox', { name: 'Link 1' }).inputValue()).resolves.toBe('');
    expect((await ctx.service.store.listUpdates(action.id)).at(-1)).toMatchObject({ source: 'tab', links: [AUDIT, PAPER] });
    expect(errors).toEqual([]);

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('says beside the box what is wrong with a link, keeps everything typed, and stores nothing', async () => {
    const action = await ownedAction(1);
    const { page } = await openAction(action);
    const before = await ctx.service.store.listUpdates(action.id);
    const form = page.getByTestId('update-form');
    await form.getByLabel('What has happened since the last update?').fill('Audit done.');
    const box = form.getByRole('textbox', { name: 'Link 1' });
    await box.fill('http://intranet.example.nhs.uk/audit.xlsx');
    await form.getByRole('radio', { name: 'Amber', exact: true }).check();
    await form.getByRole('button', { name: 'Send update' }).click();

    const message = 'The link starts with http://, which is not secure. Use its https:// address.';
    await form.getByText(message).waitFor();
    const describedBy = ((await box.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const described = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(' ')).toContain(message);
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(box.inputValue()).resolves.toBe('http://intranet.example.nhs.uk/audit.xlsx');
    await expect(form.getByLabel('What has happened since the last update?').inputValue()).resolves.toBe('Audit done.');
    expect(await ctx.service.store.listUpdates(action.id)).toEqual(before);

    await box.fill('https://intranet.example.nhs.uk/audit.xlsx');
    await form.getByRole('button', { name: 'Send update' }).click();
    await page.getByTestId('receipt').waitFor();
    expect((await ctx.service.store.listUpdates(action.id)).at(-1)?.links).toEqual(['https://intranet.example.nhs.uk/audit.xlsx']);
  });

  it('shows the latest update’s links on the plan, "since the last board" and the printed board paper', async () => {
    const action = await ownedAction(2);
    const result = await ctx.service.store.recordUpdate(
      makeRecordUpdate(action, { text: 'Board paper written.', links: [PAPER, AUDIT], submittedAt: NOW }),
    );
    expect(result.kind).toBe('recorded');
    const { page } = await openPage(ctx.browser);
    await page.goto(tabUrl(ctx.service.baseUrl, '/'));
    const row = `tr[data-action-id="${action.id}"]`;
    await page.locator(row).first().filter({ hasText: 'Board paper written.' }).waitFor();
    const expected = [
      ['intranet.example.nhs.uk/board/2026-03/wres-paper.pdf', PAPER, '_blank', 'noopener noreferrer'],
      ['nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx', AUDIT, '_blank', 'noopener noreferrer'],
    ];
    expect(await shownLinks(page.locator(row).first())).toEqual(expected.map(([, href, ...rest]) => [linkLabel(href!, 48), href, ...rest]));

    await page.emulateMedia({ media: 'print' });
    await page.evaluate("dispatchEvent(new Event('beforeprint'))");
    await expect(page.locator(`${row} .evidence-links`).first().isVisible()).resolves.toBe(true);
    await expect(page.locator(`${row} .evidence-links`).first().textContent()).resolves.toContain(
      'Evidence:intranet.example.nhs.uk/board/20…/wres-paper.pdf',
    );

    await page.emulateMedia({ media: 'screen' });
    await page.goto(tabUrl(ctx.service.baseUrl, '/since'));
    await page.getByTestId('all-updates').getByText('Board paper written.').waitFor();
    expect(await shownLinks(page.getByTestId('all-updates').locator('tr').filter({ hasText: 'Board paper written.' }))).toEqual(expected);
  });

  it('never makes a stored address that fails the check into something to click', async () => {
    const action = await ownedAction(3);
    // Written past the service's check, as a hand edit in SharePoint or an old database could be.
    await ctx.service.store.recordUpdate(
      makeRecordUpdate(action, { text: 'Hostile link stored.', links: ['javascript:alert(document.domain)', AUDIT], submittedAt: NOW }),
    );
    const { page, dialogs } = await openAction(action);
    const newest = page.getByTestId('timeline').locator('li').first();
    await newest.filter({ hasText: 'Hostile link stored.' }).waitFor();
    expect(await shownLinks(page.getByTestId('timeline').locator('li').first())).toEqual([
      [AUDIT_LABEL, AUDIT, '_blank', 'noopener noreferrer'],
    ]);
    await expect(newest.locator('.evidence-links').textContent()).resolves.toContain('javascript:alert(document.domain)');
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
