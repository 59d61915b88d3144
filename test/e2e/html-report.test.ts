/**
 * The HTML report in a real browser (Debian chromium driven by playwright-core): the figures a reader sees
 * match the JSON output, the page loads nothing from the network, and a screenshot is kept for review.
 * .ci/run installs chromium; where it is absent the test says so and is skipped.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/rules/paths.js';
import { tariffAsync } from '../helpers/cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`skipping the browser test: no Chromium at ${CHROMIUM} (.ci/run installs the Debian package)`);

const SAMPLE = 'data/examples/sample-entries.csv';
const ARTIFACTS = join(PACKAGE_ROOT, 'test', '.artifacts');
const out = mkdtempSync(join(tmpdir(), 'tariff-html-'));

describe.skipIf(!available)('HTML report in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    // playwright starts Chromium headless with a fresh, empty user data dir of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the compare report shows each scenario total and difference exactly as the JSON output has them', async () => {
    const scenarios = ['--scenario', 'current', '--scenario', 'tariffs-removed', '--scenario', 'no-section-232'];
    const html = join(out, 'compare.html');
    expect((await tariffAsync(['compare', SAMPLE, ...scenarios, '--format', 'html', '--out', html])).status).toBe(0);
    const json = JSON.parse((await tariffAsync(['compare', SAMPLE, ...scenarios, '--format', 'json'])).stdout) as { summary: { scenarios: Array<{ total: string; diff: string }> } };
    const pageView = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const requests: string[] = [];
    pageView.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await pageView.goto(pathToFileURL(html).href);
    const shown = await Promise.all([0, 1, 2].map((i) => pageView.locator(`[data-field="total-${i}"]`).innerText()));
    json.summary.scenarios.forEach((s, i) => {
      const grouped = Number(s.total).toLocaleString('en-US', { minimumFractionDigits: 2 });
      expect(shown[i]).toContain(grouped);
      if (i > 0) expect(shown[i]).toContain(Number(s.diff).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    });
    expect(await pageView.locator('svg[aria-label="Duty by legal authority"] rect').count()).toBeGreaterThan(5);
    expect(requests).toEqual([]);
    await pageView.screenshot({ path: join(ARTIFACTS, 'compare-report.png'), fullPage: true });
  }, 60_000);

  it('the compare report explains each change: a waterfall by authority that adds up, rates, titles, headings, months, one colour per authority', async () => {
    const scenarios = ['--scenario', 'current', '--scenario', 'no-section-232', '--scenario', 'tariffs-removed'];
    const html = join(out, 'compare-why.html');
    expect((await tariffAsync(['compare', SAMPLE, ...scenarios, '--format', 'html', '--out', html])).status).toBe(0);
    type Figures = { total: string; change?: string; effective_rate: string };
    const grouped = JSON.parse((await tariffAsync(['compare', SAMPLE, ...scenarios, '--by', 'authority', '--format', 'json'])).stdout) as { scenarios: string[]; groups: Array<{ authority: string; scenarios: Record<string, Figures> }>; total: Record<string, Figures> };
    const estimateHtml = join(out, 'estimate-colours.html');
    expect((await tariffAsync(['estimate', SAMPLE, '--format', 'html', '--out', estimateHtml])).status).toBe(0);
    const pageView = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
    const requests: string[] = [];
    pageView.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await pageView.goto(pathToFileURL(html).href);
    const charts = pageView.locator('svg.waterfall');
    expect(await charts.count()).toBe(2);
    for (const [k, label] of grouped.scenarios.slice(1).entries()) {
      const steps = await charts.nth(k).locator('[data-change]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-change')] as const));
      const want = grouped.groups.filter((g) => g.scenarios[label]!.change !== '0.00').map((g) => [g.authority, String(BigInt(g.scenarios[label]!.change!.replace('.', '')))] as const);
      expect(new Map(steps)).toEqual(new Map(want));
      expect(steps.reduce((a, [, c]) => a + BigInt(c!), 0n)).toBe(BigInt(grouped.total[label]!.change!.replace('.', '')));
      expect(await pageView.locator(`[data-field="rate-${k + 1}"]`).innerText()).toContain(grouped.total[label]!.effective_rate);
    }
    // Removing Section 232 brings IEEPA back: a step up.
    expect(Number(await charts.nth(0).locator('[data-step="ieepa"]').getAttribute('data-change'))).toBeGreaterThan(0);
    expect(Number(await charts.nth(0).locator('[data-step="section-232"]').getAttribute('data-change'))).toBeLessThan(0);
    expect(await pageView.locator('[data-field="scenario-title-2"]').innerText()).toContain('before 2025-02-01');
    expect(await pageView.locator('h2', { hasText: 'HTS headings that drive the change' }).count()).toBe(1);
    expect(await pageView.locator('svg[aria-label="Duty by legal authority per month"] rect').count()).toBeGreaterThan(5);
    const colour = (where: string, id: string): Promise<string | null> => pageView.locator(`${where} [data-authority="${id}"]`).first().getAttribute('fill');
    const bars = { s232: await colour('svg[aria-label="Duty by legal authority"]', 'section-232'), ieepa: await colour('svg[aria-label="Duty by legal authority"]', 'ieepa') };
    expect(bars.s232).not.toBe(bars.ieepa);
    expect(await charts.nth(0).locator('[data-step="section-232"] rect').getAttribute('fill')).toBe(bars.s232);
    expect(requests).toEqual([]);
    await pageView.screenshot({ path: join(ARTIFACTS, 'compare-why.png'), fullPage: true });
    // Another report gives each authority the same colour.
    await pageView.goto(pathToFileURL(estimateHtml).href);
    expect(await colour('svg', 'section-232')).toBe(bars.s232);
    expect(await colour('svg', 'ieepa')).toBe(bars.ieepa);
  }, 60_000);

  it('the estimate report shows the JSON totals and escapes text from the input', async () => {
    const input = join(out, 'hostile.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(input, 'hts,value,entry_date,description\n8481.80.9050,1000,2025-09-01,"<script>window.hacked=1</script>"\n');
    const html = join(out, 'estimate.html');
    expect((await tariffAsync(['estimate', input, '--format', 'html', '--out', html])).status).toBe(0);
    const json = JSON.parse((await tariffAsync(['estimate', input, '--format', 'json'])).stdout) as { summary: { total: string; duty: string } };
    const pageView = await browser.newPage();
    await pageView.goto(pathToFileURL(html).href);
    expect(await pageView.locator('[data-field="total"]').innerText()).toBe(Number(json.summary.total).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    expect(await pageView.locator('[data-field="duty"]').innerText()).toBe(Number(json.summary.duty).toLocaleString('en-US', { minimumFractionDigits: 2 }));
    expect(await pageView.evaluate(() => (globalThis as unknown as { hacked?: number }).hacked)).toBeUndefined();
    expect(await pageView.content()).toContain('&lt;script&gt;');
    await pageView.screenshot({ path: join(ARTIFACTS, 'estimate-report.png'), fullPage: true });
  }, 60_000);
});
