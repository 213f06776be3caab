import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fallbackCatalogue, generateEvents } from '../../src/modules/simulator/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser } from '../harness/browser.js';

// Page-side code is passed as strings: the project's TypeScript has no DOM types.
// The dashboard drawn in a real Chromium over a real server with a simulated week of a shop: every card
// must draw its chart from the API, in Chinese and in English, with no error on the page.
const browserPath = chromiumPath();
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp();
  const start = Date.now() - 8 * 86_400_000;
  const events = [...generateEvents({ seed: 11, events: 30_000, startTs: start, catalogue: fallbackCatalogue() })];
  for (let i = 0; i < events.length; i += 5000) expect((await t.ingest(events.slice(i, i + 5000))).statusCode).toBe(200);
  await t.server.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.server.server.address() as { port: number }).port}/`;
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(lang: 'zh' | 'en'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}?lang=${lang}#key=${t.secretKey}`);
  await page.waitForFunction('window.reelpathReady !== undefined');
  await page.evaluate('window.reelpathReady');
  return { page, errors };
}

describe.skipIf(!browserPath)('dashboard in Chromium', () => {
  it('draws every card from the API in Chinese, without errors', async () => {
    const { page, errors } = await open('zh');
    expect(errors).toEqual([]);
    expect(await page.locator('.err').count()).toBe(0);
    expect(await page.locator('h2[data-t="radar"]').textContent()).toBe('经营指标健康雷达');
    expect(await page.locator('#radar svg polygon').count()).toBe(4); // three rings and the scores
    expect(await page.locator('#radar-table tr').count()).toBe(9);
    const funnelRows = page.locator('#funnel > div').first().locator('.row');
    expect(await funnelRows.count()).toBe(8);
    expect(await funnelRows.first().textContent()).toContain('曝光');
    expect(await page.locator('#funnel .grid h3').count()).toBeGreaterThan(1); // breakdown by platform
    expect(await page.locator('#paths svg path').count()).toBeGreaterThan(2);
    expect(await page.locator('#paths svg rect').count()).toBeGreaterThan(3);
    expect(await page.locator('#decision .row').count()).toBe(9);
    expect(await page.locator('#pathLength .row').count()).toBeGreaterThan(0);
    expect(await page.locator('#pathLength p').textContent()).toContain('中位步数');
    expect(await page.locator('#segments .row').count()).toBeGreaterThan(0);
    expect(await page.locator('#retention tr').count()).toBeGreaterThan(1);
    expect(await page.locator('#attribution tr').count()).toBeGreaterThan(1);
    await page.close();
  });

  it('switches to English and redraws the funnel for another breakdown and count', async () => {
    const { page, errors } = await open('en');
    expect(await page.locator('h2[data-t="radar"]').textContent()).toBe('KPI health radar');
    const persons = await page.locator('#funnel > div').first().locator('.row').first().textContent();
    await page.selectOption('#funnel-count', 'conversions');
    await page.waitForFunction("!document.getElementById('funnel').hasAttribute('aria-busy')");
    await page.selectOption('#funnel-by', 'creatorId');
    await page.waitForFunction("!document.getElementById('funnel').hasAttribute('aria-busy')");
    const conversions = await page.locator('#funnel > div').first().locator('.row').first().textContent();
    expect(conversions).not.toBe(persons);
    expect(await page.locator('#funnel .grid h3').first().textContent()).toMatch(/^cr_|\(none\)/);
    await page.click('#lang');
    await page.evaluate('window.reelpathReady');
    await page.waitForFunction(`document.querySelector('h2[data-t="radar"]').textContent === '经营指标健康雷达'`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
