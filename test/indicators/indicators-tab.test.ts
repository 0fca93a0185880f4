import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, tabUrl, VIEWER_EMAIL, useTabBrowser } from '../browser/harness.js';

const ctx = useTabBrowser();

async function open(path: string, query: { devUser?: string; theme?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(ctx.browser);
  await page.goto(tabUrl(ctx.service.baseUrl, path, query));
  return { page, errors };
}

/** Each matching row's cells (or, for a list item, its text) joined by single spaces. */
const rowTexts = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((rows) =>
      rows.map((r) =>
        (r.children.length && r.tagName === 'TR'
          ? Array.from(r.children as ArrayLike<{ textContent: string | null }>).map((c) => c.textContent ?? '')
          : [r.textContent ?? '']
        )
          .map((t) => t.replace(/\s+/g, ' ').trim())
          .join(' '),
      ),
    );

describe('the indicator page (sample plan and figures, today 10 Mar 2026)', () => {
  it('shows indicator 3 worsening, as a chart with a text alternative and as a table, beside the actions citing it', async () => {
    const { page, errors } = await open('/indicators/3');
    await page.getByRole('heading', { level: 1, name: 'Indicator 3 — Formal disciplinary' }).waitFor();
    // By hand from the sample: BME 18/1250 ÷ white 38/4700 = 1.78; 22/1390 ÷ 36/4650 = 2.04; 30/1520 ÷ 35/4600 = 2.59.
    const chart = page.getByRole('img', { name: /Chart of indicator 3/ });
    await expect(chart.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    const description = await page.locator('[data-testid="trend-chart"] desc').textContent();
    expect(description).toBe(
      'Indicator 3 by year: 2023/24 1.78, adverse; 2024/25 2.04, adverse; 2025/26 2.59, adverse. Latest change: worse.',
    );
    expect(await rowTexts(page, '[data-testid="trend-table"] tbody tr')).toEqual([
      '2023/24 1.78 Adverse (outside 0.80–1.25) First year',
      '2024/25 2.04 Adverse (outside 0.80–1.25) Worse than 2023/24 (1.78)',
      '2025/26 2.59 Adverse (outside 0.80–1.25) Worse than 2024/25 (2.04)',
    ]);
    await expect(page.getByTestId('direction').textContent()).resolves.toBe('Worse');
    const linked = await page.locator('tr[data-ref]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
    expect(linked.sort()).toEqual(['3.1', '3.2', '3.3']);
    await expect(page.getByRole('heading', { name: /Actions for this indicator \(3 actions, 2 open\)/ }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists all nine indicators with the latest value, the direction in words and the open actions', async () => {
    const { page } = await open('/indicators');
    await page.getByTestId('indicators-table').waitFor();
    const rows = await rowTexts(page, '[data-testid="indicators-table"] tbody tr');
    expect(rows).toHaveLength(9);
    expect(rows[2]).toBe('3 Formal disciplinary 2025/26: 2.59 — adverse Adverse (outside 0.80–1.25) Worse 2');
    expect(rows[1]).toMatch(/^2 Appointment from shortlisting 2025\/26: 1\.38 — adverse .* Better \d+$/);
    expect(rows[7]).toMatch(/Discrimination from colleagues .* No change/);
    const worsened = await rowTexts(page, '[data-testid="worsened-indicators"] li');
    expect(worsened.map((w) => w.split(':')[0])).toEqual([
      'Indicator 1 (workforce by band)',
      'Indicator 3 (formal disciplinary)',
      'Indicator 6 (harassment from staff)',
    ]);
    await page.getByRole('link', { name: /Model Employer/ }).click();
    await page.getByTestId('model-employer-table').waitFor();
    // Goal 1520 / 6120 = 24.84%; gaps come from unrounded shares (670 / 2820 = 23.76% → 1.08 points below).
    expect(await rowTexts(page, '[data-testid="model-employer-table"] tbody tr')).toEqual([
      'Bands 1–4 29.7% 24.8% 4.9 points above the goal',
      'Bands 5–7 23.8% 24.8% 1.1 points below the goal',
      'Bands 8a–8b 13.5% 24.8% 11.4 points below the goal',
      'Bands 8c–9 and VSM 9.1% 24.8% 15.7 points below the goal',
    ]);
    await expect(page.getByRole('img', { name: /BME share of staff by band cluster/ }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it('shows the worsened indicators on the plan summary, linked to their pages', async () => {
    const { page } = await open('/');
    const notice = page.getByTestId('worsened-indicators');
    await notice.waitFor();
    await notice.getByRole('link', { name: /Indicator 3 \(formal disciplinary\): 2\.04 → 2\.59, worse/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicator 3 — Formal disciplinary' }).waitFor();
    await page.context().close();
  });

  it('lets the E&D lead enter a new year of figures, and the trend updates; a board member sees no form', async () => {
    const { page } = await open('/indicators/8');
    const form = page.getByTestId('figures-form');
    await form.waitFor();
    await form.getByLabel('Year').selectOption({ label: 'Another year…' });
    await form.getByLabel('New year').fill('2026-27');
    await form.locator('input[data-measure="survey8.white"]').fill('6');
    await form.locator('input[data-measure="survey8.bme"]').fill('130');
    await form.getByRole('button', { name: /Save figures/ }).click();
    await expect(form.getByText('This figure must be a percentage between 0 and 100').count()).resolves.toBe(1);
    await form.locator('input[data-measure="survey8.bme"]').fill('9.5');
    await form.getByRole('button', { name: 'Save figures for 2026/27' }).click();
    await form.getByText('Figures for 2026/27 saved').waitFor();
    await page.locator('[data-testid="trend-table"] tr[data-year="2026/27"]').waitFor();
    expect(await rowTexts(page, '[data-testid="trend-table"] tr[data-year="2026/27"]')).toEqual([
      '2026/27 +3.5 points Adverse (more BME than white staff report it) Better than 2025/26 (+8.2 points)',
    ]);
    await expect(page.getByTestId('direction').textContent()).resolves.toBe('Better');
    const stored = (await ctx.service.store.listMetrics()).filter((m) => m.year === '2026/27').map((m) => [m.measure, m.value, m.source]);
    expect(stored.sort()).toEqual([
      ['survey8.bme', 9.5, 'tab'],
      ['survey8.white', 6, 'tab'],
    ]);
    await page.context().close();

    const viewer = await open('/indicators/8', { devUser: VIEWER_EMAIL });
    await viewer.page.getByTestId('trend-table').waitFor();
    await expect(viewer.page.getByTestId('figures-form').count()).resolves.toBe(0);
    await viewer.page.context().close();
  });
});

describe('indicator pages pass axe-core (WCAG 2.1 AA, no serious or critical violations)', () => {
  async function seriousViolations(page: Page): Promise<string[]> {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
  }
  const pages = [
    { path: '/indicators', ready: 'indicators-table' },
    { path: '/indicators/3', ready: 'figures-form' },
    { path: '/indicators/model-employer', ready: 'model-employer-table' },
  ];
  for (const theme of ['light', 'dark', 'contrast'] as const) {
    for (const target of pages) {
      it(`${target.path} in the ${theme} theme`, { timeout: 60_000 }, async () => {
        const { page } = await open(target.path, { theme });
        await page.getByTestId(target.ready).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }
});
