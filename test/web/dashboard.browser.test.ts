import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fallbackCatalogue, generateEvents } from '../../src/modules/simulator/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, waitForPage, watchErrors, signedInPage, textOf } from '../harness/browser.js';

// The dashboard (the Vite build in dist/web, ADR 0010) in a real Chromium over a real server with a
// simulated week of a shop: sign in through the form, every page draws its charts from the API (the
// numbers checked against the API's own answers), in English and Chinese, at laptop and phone widths,
// with no error on the page. Page-side code is passed as strings: the project's TypeScript has no DOM types.
const browserPath = chromiumPath();
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';

const PAGES = ['overview', 'funnel', 'paths', 'retention', 'segments', 'attribution'] as const;
const en = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp();
  const start = Date.now() - 8 * 86_400_000;
  const events = [...generateEvents({ seed: 11, events: 30_000, startTs: start, catalogue: fallbackCatalogue() })];
  for (let i = 0; i < events.length; i += 5000) expect((await t.ingest(events.slice(i, i + 5000))).statusCode).toBe(200);
  url = await t.listen();
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function api<T>(path: string): Promise<T> {
  const res = await t.get(path);
  expect(res.statusCode, path).toBe(200);
  return res.json() as T;
}

/** The `data-points` of every chart on the page, by chart name. */
async function chartPoints(page: Page): Promise<Record<string, number>> {
  return page.evaluate(`Object.fromEntries([...document.querySelectorAll('[data-chart]')].map((e) => [e.dataset.chart, Number(e.dataset.points ?? 0)]))`);
}



async function goTo(page: Page, name: string): Promise<void> {
  await page.click(`nav a[data-page="${name}"]`);
  await waitForPage(page, name);
}

/** Checks one page's numbers against the API's answer for the same question. */
const CHECKS: Record<(typeof PAGES)[number], (page: Page, points: Record<string, number>) => Promise<void>> = {
  async overview(page, points) {
    const radar = await api<{ indicators: { en: string; score: number | null }[] }>('/v1/kpi/radar');
    expect(points.radar).toBe(radar.indicators.filter((i) => i.score !== null).length);
    expect(await page.locator('[data-table="radar"] tbody tr').count()).toBe(radar.indicators.length);
    expect(await textOf(page, '[data-table="radar"] tbody tr td')).toBe(radar.indicators[0]?.en);
  },
  async funnel(page, points) {
    const f = await api<{ overall: { steps: { count: number }[]; value: { net: number } }; groups: unknown[] }>('/v1/funnel?window=24h&count=persons&by=platform&value=true');
    expect(points['funnel-steps']).toBe(8);
    expect(await textOf(page, '[data-table="funnel-steps"] tbody tr td:nth-child(2)')).toBe(en(f.overall.steps[0]?.count ?? -1));
    expect(await textOf(page, '[data-tile="net"] .tile-value')).toBe(`¥${(f.overall.value.net / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(points['funnel-breakdown']).toBe(Math.min(6, f.groups.length) * 7);
    expect(points['funnel-timing']).toBeGreaterThan(0);
  },
  async paths(page, points) {
    const p = await api<{ sankey: { nodes: unknown[] } }>('/v1/paths?start=product_click&depth=4&top=6');
    expect(points['paths-sankey']).toBe(p.sankey.nodes.length);
    const d = await api<{ overall: { started: number; histogram: unknown[] } }>('/v1/decision-time?start=product_click&end=pay');
    expect(await textOf(page, '[data-tile="started"] .tile-value')).toBe(en(d.overall.started));
    expect(points['decision-time']).toBe(d.overall.histogram.length);
    expect(points['path-length']).toBeGreaterThan(0);
  },
  async retention(page, points) {
    const r = await api<{ cohorts: { rates: (number | null)[] }[] }>('/v1/retention?cohort=first_order&period=week&mode=on&periods=8');
    expect(points['retention-heatmap']).toBe(r.cohorts.reduce((n, c) => n + c.rates.filter((v) => v !== null).length, 0));
    const repurchase = await api<{ repeatBuyers: number }>('/v1/repurchase');
    expect(await textOf(page, '[data-tile="repeat-buyers"] .tile-value')).toBe(en(repurchase.repeatBuyers));
    const ltv = await api<{ cohorts: unknown[] }>('/v1/ltv?period=week&limit=0');
    expect(points['ltv-cohorts']).toBe(ltv.cohorts.length);
  },
  async segments(page, points) {
    const s = await api<{ layers: { nameEn: string; size: number }[] }>('/v1/segments/rfm');
    expect(points['rfm-layers']).toBe(s.layers.length);
    expect(await textOf(page, '[data-table="rfm"] tbody tr td')).toBe(s.layers[0]?.nameEn);
    expect(await textOf(page, '[data-table="rfm"] tbody tr td:nth-child(2)')).toBe(en(s.layers[0]?.size ?? -1));
  },
  async attribution(page, points) {
    const a = await api<{ channels: { channel: string; conversions: number }[] }>('/v1/attribution?model=markov&by=platform');
    const shown = Math.min(8, a.channels.length);
    expect(points['attribution-models']).toBe(6 * shown);
    const top = [...a.channels].sort((x, y) => y.conversions - x.conversions)[0];
    expect(await textOf(page, '[data-table="attribution"] tbody tr td:last-child')).toBe(en(top?.conversions ?? -1, 1));
  },
};

describe.skipIf(!browserPath)('dashboard in Chromium', () => {
  it('refuses a wrong key, then signs in through the form without the key ever entering the URL', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${url}?lang=en`);
    await waitForPage(page, 'sign-in');
    expect(await textOf(page, 'form[data-form="sign-in"] h1')).toBe('Sign in to Reelpath');
    await page.fill('#key', 'rp_sec_not_a_key');
    await page.click('form[data-form="sign-in"] button[type="submit"]');
    await page.waitForSelector('form[data-form="sign-in"] .error');
    expect(await textOf(page, 'form[data-form="sign-in"] .error code')).toBe('api_unauthorized');
    expect(await page.evaluate("localStorage.getItem('rp-key')")).toBeNull();

    await page.fill('#key', t.secretKey);
    await page.click('form[data-form="sign-in"] button[type="submit"]');
    await waitForPage(page, 'overview');
    expect(page.url()).not.toContain(t.secretKey);
    expect(page.url()).toMatch(/#\/overview$/);
    expect(await page.evaluate("localStorage.getItem('rp-key')")).toBe(t.secretKey);
    await page.close();
  });

  it('draws every page from the API in English, without errors', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    // A cold first load: the previous test's visit left the assets in the browser's cache.
    await (await browser.context.newCDPSession(page)).send('Network.clearBrowserCache');
    const started = Date.now();
    await page.goto(`${url}?lang=en#/overview`);
    await waitForPage(page, 'overview');
    // Reported, not asserted (STYLE.md: tests never assert wall time); the target is under 2 s.
    const firstLoad = await page.evaluate("Math.round(performance.getEntriesByName('reelpath-ready')[0].startTime)");
    console.log(`[dashboard] first load of the overview (navigation start → reelpathReady): ${String(firstLoad)} ms (${Date.now() - started} ms seen by the test)`);
    for (const name of PAGES) {
      if (name !== 'overview') await goTo(page, name);
      expect(await page.locator('.card[data-state="error"]').count(), name).toBe(0);
      const points = await chartPoints(page);
      expect(Object.keys(points).length, name).toBeGreaterThan(0);
      for (const [chart, n] of Object.entries(points)) expect(n, `${name}: ${chart}`).toBeGreaterThan(0);
      await CHECKS[name](page, points);
      expect(page.url()).not.toContain(t.secretKey);
      await screenshot(page, `${name}-en`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to Chinese with the visible switch and keeps it, every page titled in Chinese', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/overview`);
    await waitForPage(page, 'overview');
    expect(await textOf(page, '.page h1')).toBe('Overview');
    expect(await textOf(page, '[data-card="radar"] h2')).toBe('KPI health radar');
    await page.click('#lang');
    await waitForPage(page, 'overview');
    expect(await textOf(page, '.page h1')).toBe('经营总览');
    expect(await textOf(page, '[data-card="radar"] h2')).toBe('经营指标健康雷达');
    expect(await page.evaluate("localStorage.getItem('rp-lang')")).toBe('zh');
    expect(page.url()).not.toContain('lang=');
    const titles: Record<string, string> = { overview: '经营总览', funnel: '转化漏斗', paths: '用户路径', retention: '复购留存', segments: '人群分层', attribution: '多触点归因' };
    for (const name of PAGES) {
      if (name !== 'overview') await goTo(page, name);
      expect(await textOf(page, '.page h1')).toBe(titles[name]);
      expect(await page.locator('.card[data-state="error"]').count(), name).toBe(0);
      await screenshot(page, `${name}-zh`);
    }
    expect(await textOf(page, '[data-table="attribution"] thead th:last-child')).toBe('马尔可夫');
    await goTo(page, 'funnel');
    expect(await textOf(page, '[data-table="funnel-steps"] tbody tr td')).toBe('曝光');
    await page.reload();
    await waitForPage(page, 'funnel');
    expect(await textOf(page, '.page h1')).toBe('转化漏斗');
    await page.click('#lang');
    await waitForPage(page, 'funnel');
    expect(await textOf(page, '.page h1')).toBe('Conversion funnel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('redraws the funnel for another breakdown and count', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/funnel`);
    await waitForPage(page, 'funnel');
    const persons = await textOf(page, '[data-table="funnel-steps"] tbody tr td:nth-child(2)');
    await page.selectOption('#funnel-count', 'conversions');
    await waitForPage(page, 'funnel');
    await page.selectOption('#funnel-by', 'creatorId');
    await waitForPage(page, 'funnel');
    const f = await api<{ overall: { steps: { count: number }[] } }>('/v1/funnel?window=24h&count=conversions&by=creatorId&value=true');
    const conversions = await textOf(page, '[data-table="funnel-steps"] tbody tr td:nth-child(2)');
    expect(conversions).toBe(en(f.overall.steps[0]?.count ?? -1));
    expect(conversions).not.toBe(persons);
    expect(await textOf(page, '[data-card="funnel-breakdown"] h2')).toBe('Step conversion by creator');
    expect(await textOf(page, '[data-table="funnel-groups"] tbody tr td')).toMatch(/^cr_|\(none\)/);
    await page.selectOption('#funnel-count', 'persons');
    await page.selectOption('#funnel-by', 'platform');
    await waitForPage(page, 'funnel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px) without horizontal scrolling', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    await page.setViewportSize({ width: 390, height: 844 });
    const errors = watchErrors(page);
    for (const lang of ['zh', 'en'] as const) {
      await page.goto(`${url}?lang=${lang}#/overview`);
      await waitForPage(page, 'overview');
      for (const name of PAGES) {
        if (name !== 'overview') await goTo(page, name);
        const points = await chartPoints(page);
        for (const [chart, n] of Object.entries(points)) expect(n, `${name}: ${chart}`).toBeGreaterThan(0);
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${name} (${lang})`).toBeLessThanOrEqual(390);
        await screenshot(page, `${name}-${lang}-phone`);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the live board: per-minute charts from the stream that update as events arrive, and the alerts panel', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=zh#/live`);
    await waitForPage(page, 'live');
    expect(await textOf(page, '.page h1')).toBe('直播实时监控');
    expect(await textOf(page, '.pill')).toBe('实时');
    const points = await chartPoints(page);
    for (const node of ['impression', 'play', 'complete', 'product_click', 'detail_view', 'add_to_cart', 'order', 'pay']) {
      expect(points[`live-count-${node}`], node).toBeGreaterThan(0);
    }
    expect(points['live-rates']).toBeGreaterThan(0);
    expect(await page.locator('#live-scope option[value="all"]').textContent()).toBe('全店');
    expect(await page.locator('[data-card="live-alerts"][data-state="ready"]').count()).toBe(1);
    const before = Number((await textOf(page, '.mini[data-node="impression"] strong')).replace(/,/g, '')) || 0;
    // Ten impressions now: the stream's next minute update carries them to the board.
    const now = Date.now();
    const fresh = Array.from({ length: 10 }, (_, i) => ({ eventId: `live-${now}-${i}`, name: 'impression', platform: 'douyin', ts: now, anonymousId: `anon-live-${i}`, videoId: 'v-live' }));
    expect((await t.ingest(fresh)).statusCode).toBe(200);
    await page.waitForFunction((min) => {
      const strong = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('.mini[data-node="impression"] strong');
      return Number((strong?.textContent ?? '').replace(/,/g, '')) >= min;
    }, before + 10, { timeout: 15_000 });
    await screenshot(page, 'live-zh');
    // Coming back reconnects: the snapshot now lists the Douyin scope; switching to it reconnects with ?scope=.
    await goTo(page, 'overview');
    await goTo(page, 'live');
    expect(await page.locator('#live-scope option[value="platform:douyin"]').textContent()).toBe('抖音');
    await page.selectOption('#live-scope', 'platform:douyin');
    await waitForPage(page, 'live');
    expect(await textOf(page, '.pill')).toBe('实时');
    expect(Number((await textOf(page, '.mini[data-node="impression"] strong')).replace(/,/g, ''))).toBeGreaterThanOrEqual(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('signs out: the key is forgotten and the form is back', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    await page.goto(`${url}?lang=en#/segments`);
    await waitForPage(page, 'segments');
    await page.click('#sign-out');
    await waitForPage(page, 'sign-in');
    expect(await page.evaluate("localStorage.getItem('rp-key')")).toBeNull();
    expect(await page.locator('nav a').count()).toBe(0);
    await page.close();
  });
});
