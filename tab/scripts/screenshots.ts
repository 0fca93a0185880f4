// Takes the README screenshots of the tab from the running app with the sample plan:
// docs/images/tab-summary.png (summary + plan), docs/images/tab-timeline.png (an action's timeline)
// and docs/images/tab-phone.png (the plan's actions on a 390 px phone screen, as in Teams mobile).
// Run: npx tsx tab/scripts/screenshots.ts
import { fileURLToPath } from 'node:url';
import setup from '../../test/global-setup.js';
import { launchBrowser, startTabService, tabUrl } from '../../test/browser/harness.js';

const out = (name: string) => fileURLToPath(new URL(`../../docs/images/${name}`, import.meta.url));

setup();
const [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 1000 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    deviceScaleFactor: 1,
  });
  await page.goto(tabUrl(service.baseUrl));
  // The app itself, not the plain first screen drawn before it.
  await page.getByTestId('plan-count').waitFor();
  await page.screenshot({ path: out('tab-summary.png') });

  // An owner's update through the form, so the timeline shows a RAG change made in the tab.
  const actions = await service.store.listActions();
  const action = actions.find((a) => a.owner?.email && a.rag === 'Amber' && a.latestUpdate) ?? actions[0]!;
  await page.goto(
    tabUrl(service.baseUrl, `/actions/${encodeURIComponent(action.id)}`, action.owner?.email ? { devUser: action.owner.email } : {}),
  );
  const form = page.getByTestId('update-form');
  await form
    .getByLabel('What has happened since the last update?')
    .fill('All remaining panels audited; every one now includes a BME member. Findings go to the Workforce Equality Group on 24 March.');
  await form.getByRole('textbox', { name: 'Link 1' }).fill('https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit-2026.xlsx');
  await form.getByRole('radio', { name: 'Green', exact: true }).check();
  await form.getByRole('button', { name: 'Send update' }).click();
  await page.getByTestId('timeline').locator('li').first().filter({ hasText: 'All remaining panels audited' }).waitFor();
  await page.screenshot({ path: out('tab-timeline.png') });

  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    deviceScaleFactor: 1,
  });
  await phone.goto(tabUrl(service.baseUrl, '/', { devUser: 'meganb@example.com' }));
  await phone.getByTestId('plan-count').waitFor();
  await phone.getByTestId('plan-count').evaluate((p) => p.scrollIntoView());
  await phone.screenshot({ path: out('tab-phone.png') });
  console.log(`Wrote ${out('tab-summary.png')}, ${out('tab-timeline.png')} and ${out('tab-phone.png')}`);
} finally {
  await browser.close();
  await service.close();
}
