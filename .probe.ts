import type { Page } from 'playwright-core';
import { launchBrowser, startTabService, tabUrl } from './test/browser/harness.js';
const src = (await import('node:fs')).readFileSync('/tmp/tabwork/lp.txt', 'utf8');
const layoutProblems = new Function('page', src.replace(/^function layoutProblems\(page: Page\): Promise<string\[\]> \{/, '').replace(/\}\s*$/, '').replace(/\(el: Element\)/g, '(el)').replace(/\(a: DOMRect, b: DOMRect\)/g, '(a, b)').replace(/const problems: string\[\] = \[\];/, 'const problems = [];').replace(/!/g, '!').replace(/(\w)!\./g, '$1.').replace(/\]!/g, ']')) as (p: Page) => Promise<string[]>;
const [service, browser] = await Promise.all([startTabService(), launchBrowser()]);
const widths = (process.argv[2] ?? '320').split(',').map(Number);
const paths = (process.argv[3] ?? '/').split(',');
try {
  for (const w of widths) for (const p of paths) {
    const page = await browser.newPage({ viewport: { width: w, height: 800 } });
    await page.goto(tabUrl(service.baseUrl, p));
    await page.waitForTimeout(1500);
    console.log(`--- ${p} @ ${w}`);
    console.log((await layoutProblems(page)).slice(0, 12).join('\n'));
    if (process.argv[4]) await page.screenshot({ path: `/tmp/tabwork/shot-${w}-${p.replace(/\W/g, '_')}.png`, fullPage: false });
    await page.close();
  }
} finally { await browser.close(); await service.close(); }
