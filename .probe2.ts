import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, startTabService, tabUrl } from './test/browser/harness.js';
const [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
try {
  for (const width of [390, 1280]) for (const theme of ['light', 'dark', 'contrast']) {
  const page = await (await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' })).newPage();
  const action = (await service.store.listActions()).find((a) => a.owner?.email === 'meganb@example.com' && a.status !== 'Complete')!;
  await page.goto(tabUrl(service.baseUrl, `/actions/${action.id}`, { devUser: 'meganb@example.com', theme }));
  const form = page.getByTestId('update-form');
  await form.waitFor();
  await form.getByLabel('What has happened since the last update?').fill('Finished. '.repeat(30));
  await form.getByRole('checkbox', { name: 'Mark this action complete' }).check();
  await form.getByRole('button', { name: 'Send update' }).click();
  await page.getByText('Update recorded').first().waitFor();
  const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  console.log(width, theme, sw, r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').slice(0, 160)).join(' | ')}`));
  if (theme === 'light') await page.screenshot({ path: `/tmp/tabwork/receipt-${width}.png`, fullPage: true });
  await page.close();
  }
} finally { await browser.close(); await service.close(); }
