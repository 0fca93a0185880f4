// Takes the README screenshots of the tab from the running app.
// With the sample plan: docs/images/tab-summary.png (summary + plan), docs/images/tab-timeline.png (an action's timeline)
// and docs/images/tab-phone.png (the plan's actions on a 390 px phone screen, as in Teams mobile).
// With the sample organisations (as LOAD_SAMPLE_ORGANISATIONS=true loads them: trusts ZZ1 and ZZ2, ICB QZZ):
// docs/images/tab-organisations.png and tab-organisations-phone.png (the organisation list in the plan's header),
// tab-rollup.png and tab-rollup-phone.png (the ICB's roll-up) and tab-admin.png (the platform admin page).
// Run: npx tsx tab/scripts/screenshots.ts [plan|organisations]   (both when not given)
import type { Browser } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import setup from '../../test/global-setup.js';
import { launchBrowser, startSampleOrganisationsService, startTabService, tabUrl } from '../../test/browser/harness.js';

const out = (name: string) => fileURLToPath(new URL(`../../docs/images/${name}`, import.meta.url));
const DESKTOP = { width: 1280, height: 1000 };
const PHONE = { width: 390, height: 844 };
/** Demo people (bot/src/sample/demo-people.ts): an action owner, and a board member who reads the sample ICB's roll-up. */
const MEGAN = 'meganb@example.com';
const NESTOR = 'nestorw@example.com';

const newPage = (browser: Browser, viewport: { width: number; height: number }) =>
  browser.newPage({ viewport, locale: 'en-GB', timezoneId: 'Europe/London', deviceScaleFactor: 1 });

/** The sample plan: summary, an action's timeline after an update made in the tab, and the plan on a phone. */
async function planPictures(browser: Browser): Promise<string[]> {
  const service = await startTabService();
  try {
    const page = await newPage(browser, DESKTOP);
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
    await form
      .getByRole('textbox', { name: 'Link 1' })
      .fill('https://nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit-2026.xlsx');
    await form.getByRole('radio', { name: 'Green', exact: true }).check();
    await form.getByRole('button', { name: 'Send update' }).click();
    await page.getByTestId('timeline').locator('li').first().filter({ hasText: 'All remaining panels audited' }).waitFor();
    await page.screenshot({ path: out('tab-timeline.png') });

    const phone = await newPage(browser, PHONE);
    await phone.goto(tabUrl(service.baseUrl, '/', { devUser: MEGAN }));
    await phone.getByTestId('plan-count').waitFor();
    await phone.getByTestId('plan-count').evaluate((p) => p.scrollIntoView());
    await phone.screenshot({ path: out('tab-phone.png') });
    return ['tab-summary.png', 'tab-timeline.png', 'tab-phone.png'];
  } finally {
    await service.close();
  }
}

/** The sample organisations: Alex (leads ZZ1, reads ZZ2, platform admin) and Nestor (reads the ICB QZZ's roll-up). */
async function organisationPictures(browser: Browser): Promise<string[]> {
  const service = await startSampleOrganisationsService();
  try {
    for (const [viewport, name] of [
      [DESKTOP, 'tab-organisations.png'],
      [PHONE, 'tab-organisations-phone.png'],
    ] as const) {
      const page = await newPage(browser, viewport);
      // Chosen once, as someone in two organisations does on first opening the tab.
      await page.goto(tabUrl(service.baseUrl));
      await page.getByRole('button', { name: /Northshire Community Health/ }).click();
      await page.getByTestId('plan-count').waitFor();
      await page.screenshot({ path: out(name) });
    }
    for (const [viewport, name] of [
      [DESKTOP, 'tab-rollup.png'],
      [PHONE, 'tab-rollup-phone.png'],
    ] as const) {
      const page = await newPage(browser, viewport);
      // Nestor reads both trusts too: he chooses one, then opens the roll-up from the navigation.
      await page.goto(tabUrl(service.baseUrl, '/', { devUser: NESTOR }));
      await page.getByRole('button', { name: /Northshire Community Health/ }).click();
      await page.getByRole('link', { name: 'Roll-up' }).click();
      await page.getByTestId('rollup-indicators-QZZ').waitFor();
      await page.screenshot({ path: out(name), fullPage: viewport === PHONE });
    }
    const admin = await newPage(browser, DESKTOP);
    await admin.goto(tabUrl(service.baseUrl));
    await admin.getByRole('button', { name: /Northshire Community Health/ }).click();
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await admin.getByRole('heading', { name: /Southvale Hospitals/ }).waitFor();
    await admin.screenshot({ path: out('tab-admin.png') });
    return ['tab-organisations.png', 'tab-organisations-phone.png', 'tab-rollup.png', 'tab-rollup-phone.png', 'tab-admin.png'];
  } finally {
    await service.close();
  }
}

const which = process.argv[2];
setup();
const browser = await launchBrowser();
try {
  const written = [
    ...(which !== 'organisations' ? await planPictures(browser) : []),
    ...(which !== 'plan' ? await organisationPictures(browser) : []),
  ];
  console.log(`Wrote ${written.map(out).join(', ')}`);
} finally {
  await browser.close();
}
