import { launchBrowser, startTabService, tabUrl } from './test/browser/harness.js';
const [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.on('pageerror', (e) => console.log('ERR', e.message));
  await page.goto(tabUrl(service.baseUrl, '/since'));
  const picker = page.getByRole('combobox', { name: 'Changes since' });
  await picker.waitFor();
  await picker.fill('2/1/2026');
  console.log('after fill expanded', await picker.getAttribute('aria-expanded'), await picker.inputValue());
  await picker.blur();
  console.log('after enter expanded', await picker.getAttribute('aria-expanded'), await picker.inputValue());
  await page.screenshot({ path: '/tmp/tabwork/since.png' });
  console.log(page.url()); console.log((await page.evaluate(() => document.body.innerText)).slice(0, 400)); console.log(await page.evaluate(() => document.getElementById('root')!.innerHTML.slice(0, 300)));
  await picker.press('Tab');
  console.log('after tab', await picker.getAttribute('aria-expanded'), await picker.inputValue());
} finally { await browser.close(); await service.close(); }
