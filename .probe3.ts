import { launchBrowser, startTabService, tabUrl } from './test/browser/harness.js';
const [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(tabUrl(service.baseUrl, '/since'));
  await page.getByTestId('all-updates').waitFor();
  console.log(await page.evaluate(() => [...document.querySelectorAll('i')].map((i) => `${i.outerHTML.slice(0, 200)} parent=${i.parentElement?.tagName}.${i.parentElement?.className.slice(0, 60)} prev=${i.previousElementSibling?.outerHTML.slice(0, 100)} next=${i.nextElementSibling?.outerHTML.slice(0,120)}`).join('\n')));
} finally { await browser.close(); await service.close(); }
