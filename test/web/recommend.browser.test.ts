import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fallbackCatalogue, generateEvents } from '../../src/modules/simulator/index.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, waitForPage, watchErrors, signedInPage, textOf } from '../harness/browser.js';

// The recommendations page (#/recommend) in a real Chromium over a real server with a simulated week of a
// shop: the "why this item" view must show the same items in the same order as the explain API answers
// for the same request (the policy is made deterministic first: no exploration, temperature 0), one
// stacked bar per item whose segments add up to the score, the mode and the reason in Chinese and
// English, the published policy with its versions, and the model summary — with no error on the page.
const browserPath = chromiumPath();
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';
/** Persons (identity keys) whose consent the test sets: granted, withdrawn, and a visitor never asked. */
let granted: string[] = [];
let withdrawn = '';
const NEVER_ASKED = 'anon:anon_rp_browser_never_asked';
const COMPONENTS = ['conversion', 'relevance', 'clickThrough', 'completion', 'interaction', 'freshness'];

interface Explained {
  mode: string; reason: string | null; policyVersion: number; ignoredFilters: string[];
  items: { itemId: string; score: number; credit: number; explored: boolean; propensity: number; components: Record<string, number> }[];
  policy: { weights: Record<string, number> };
}

const en = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp();
  const now = Date.now();
  const events = [...generateEvents({ seed: 11, events: 30_000, startTs: now - 8 * 86_400_000, catalogue: fallbackCatalogue() })] as Record<string, unknown>[];
  for (let i = 0; i < events.length; i += 5000) expect((await t.ingest(events.slice(i, i + 5000))).statusCode).toBe(200);
  // Buyers with a history; the simulator's own consent answers are overridden by a later decision.
  const payers = [...new Set(events.filter((e) => e.name === 'pay').map((e) => e.anonymousId as string))];
  expect(payers.length).toBeGreaterThan(4);
  granted = payers.slice(0, 3).map((a) => `anon:${a}`);
  withdrawn = `anon:${payers[3] as string}`;
  const consent = (anonymousId: string, personalization: boolean, i: number) => ({
    eventId: `rp-browser-consent-${i}`, anonymousId, name: 'consent', platform: 'douyin', ts: now - 60_000, consent: { personalization },
  });
  const product = events.find((e) => e.name === 'product_click')?.productId as string;
  const decisions = [
    ...payers.slice(0, 3).map((a, i) => consent(a, true, i)), consent(payers[3] as string, false, 3),
    { eventId: 'rp-browser-visit', anonymousId: NEVER_ASKED.slice(5), name: 'product_click', platform: 'douyin', ts: now - 30_000, productId: product },
  ];
  expect((await t.ingest(decisions)).json().accepted).toBe(decisions.length);
  expect((await publish({ parameters: { exploreShare: 0, temperature: 0 }, note: 'deterministic for the browser test' })).statusCode).toBe(201);
  url = await t.listen();
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Publishes a new allocation policy version (`PUT /v1/allocation/policy`) with the secret key. */
function publish(body: Record<string, unknown>) {
  return t.server.inject({ method: 'PUT', url: '/v1/allocation/policy', payload: body, headers: { authorization: `Bearer ${t.secretKey}` } });
}

async function api<T>(path: string): Promise<T> {
  const res = await t.get(path);
  expect(res.statusCode, path).toBe(200);
  return res.json() as T;
}



/** Fills the request form and submits it; waits until the "why" card has loaded again. */
async function ask(page: Page, fields: { person: string; n?: number; nonPersonalised?: boolean; excludeBought?: boolean }): Promise<void> {
  await page.fill('#rec-person', fields.person);
  await page.fill('#rec-n', String(fields.n ?? 10));
  await page.setChecked('#rec-non-personalised', fields.nonPersonalised ?? false);
  await page.setChecked('#rec-exclude-bought', fields.excludeBought ?? false);
  await page.click('form[data-form="recommend"] button[type="submit"]');
  await waitForPage(page, 'recommend');
}

/** The items the page lists, in order, and the scores it shows for them. */
async function shownItems(page: Page): Promise<{ ids: string[]; scores: string[] }> {
  const ids = await page.locator('[data-list="recommend-items"] [data-item]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item') ?? ''));
  const scores = await page.locator('[data-list="recommend-items"] [data-field="score"]').allTextContents();
  return { ids, scores };
}

/**
 * `data-points` of a chart and how many bar segments its SVG drew: paths filled in the component colours
 * with a height, below `top` px (the legend's icons share the colours and sit above the grid).
 */
async function bars(page: Page, chart: string, top = 0): Promise<{ points: number; drawn: number }> {
  const box = page.locator(`[data-chart="${chart}"]`);
  const points = Number(await box.getAttribute('data-points'));
  const drawn = await box.locator('svg path').evaluateAll((nodes, minY) => nodes.filter((n) => {
    const b = (n as unknown as { getBBox(): { y: number; height: number } }).getBBox();
    return /^#(4e79a7|f28e2b|e15759|76b7b2|59a14f|edc948)$/i.test(n.getAttribute('fill') ?? '') && b.height > 0 && b.y >= minY;
  }).length, top);
  return { points, drawn };
}

describe.skipIf(!browserPath)('recommendations page in Chromium', () => {
  it('signs in through the form, then explains a consenting person\'s recommendations item for item as the API does', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/recommend`);
    await waitForPage(page, 'sign-in');
    await page.fill('#key', t.secretKey);
    await page.click('form[data-form="sign-in"] button[type="submit"]');
    await waitForPage(page, 'recommend');
    expect(await textOf(page, '.page h1')).toBe('Recommendations and traffic allocation');
    expect(await textOf(page, 'nav a[data-page="recommend"]')).toBe('Recommendations');

    const person = granted[0] as string;
    await ask(page, { person, n: 8 });
    expect(page.url()).toContain(`#/recommend?person=${encodeURIComponent(person)}&n=8`);
    expect(page.url()).not.toContain(t.secretKey);
    const r = await api<Explained>(`/v1/recommendations/explain?person=${encodeURIComponent(person)}&slot=home_feed&n=8`);
    expect(r.mode).toBe('personalised');
    expect(r.items.length).toBeGreaterThan(0);
    expect(await page.getAttribute('.rec-summary', 'data-mode')).toBe('personalised');
    expect(await textOf(page, '[data-field="mode"]')).toBe('Personalised');
    expect(await page.locator('[data-field="reason"]').count()).toBe(0);
    expect(await textOf(page, '[data-field="policy-version"]')).toBe(`Policy v${r.policyVersion}`);

    const shown = await shownItems(page);
    expect(shown.ids).toEqual(r.items.map((i) => i.itemId));
    expect(shown.scores).toEqual(r.items.map((i) => en(i.score, 3)));
    const why = await bars(page, 'recommend-why', 30);
    expect(why.points).toBe(r.items.length * COMPONENTS.length);
    const nonZero = r.items.reduce((n, i) => n + COMPONENTS.filter((c) => (r.policy.weights[c] ?? 0) * (i.components[c] ?? 0) * i.credit > 1e-9).length, 0);
    expect(why.drawn).toBe(nonZero);

    // The first bar's tooltip: weight × component × credit per component, adding up to the score.
    const box = (await page.locator('[data-chart="recommend-why"]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + 34 + 12);
    const tip = page.locator('[data-chart="recommend-why"] div', { hasText: 'Merchant credit multiplier' }).last();
    await tip.waitFor();
    const tipText = (await tip.textContent()) ?? '';
    const first = r.items[0]!;
    expect(tipText).toContain(first.itemId);
    expect(tipText).toContain('Co-occurrence (SAR)');
    const parts = [...tipText.matchAll(/= ([\d.,]+)/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
    expect(parts).toHaveLength(COMPONENTS.length);
    expect(parts.reduce((s, x) => s + x, 0)).toBeCloseTo(first.score, 2);

    // Opening a row shows the raw component values.
    await page.click(`[data-item="${first.itemId}"] summary`);
    const rows = page.locator(`[data-item="${first.itemId}"] [data-table="rec-components"] tbody tr`);
    expect(await rows.count()).toBe(COMPONENTS.length);
    expect(await rows.first().locator('td').first().textContent()).toBe('Conversion efficiency');
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(en(first.components.conversion ?? -1, 3));

    // The published policy and the model.
    const policy = await api<{ version: number; components: { en: string }[]; parameters: Record<string, number> }>('/v1/allocation/policy');
    const versions = await api<{ versions: { version: number }[] }>('/v1/allocation/policy/versions');
    expect(await textOf(page, '[data-card="recommend-policy"] h2')).toBe(`Published allocation policy (v${policy.version})`);
    expect((await bars(page, 'policy-weights')).points).toBe(COMPONENTS.length);
    expect(await page.locator('[data-table="policy-components"] tbody tr').count()).toBe(COMPONENTS.length);
    expect(await textOf(page, '[data-table="policy-components"] tbody tr td:nth-child(3)')).toBe(policy.components[0]?.en);
    expect(await page.locator('[data-table="policy-versions"] tbody tr').count()).toBe(versions.versions.length);
    expect(await textOf(page, '[data-table="policy-versions"] tbody tr td')).toBe(`v${policy.version}`);
    expect(await textOf(page, '[data-table="policy-versions"] tbody tr td:last-child')).toBe('deterministic for the browser test');
    expect(await page.locator('[data-table="policy-parameters"] tbody tr').count()).toBe(Object.keys(policy.parameters).length);
    const model = await api<{ items: number; interactions: number }>('/v1/recommendations/model');
    expect(await textOf(page, '[data-tile="items"] .tile-value')).toBe(en(model.items, 0));
    expect(await textOf(page, '[data-tile="interactions"] .tile-value')).toBe(en(model.interactions, 0));
    expect(await page.locator('.card[data-state="error"]').count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, 'recommend-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why a request is not personalised, in Chinese and in English, and serves what the API serves', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=zh#/recommend?person=${encodeURIComponent(NEVER_ASKED)}&n=6`);
    await waitForPage(page, 'recommend');
    expect(await textOf(page, '.page h1')).toBe('推荐与流量分配');
    expect(await page.inputValue('#rec-person')).toBe(NEVER_ASKED);
    const never = await api<Explained>(`/v1/recommendations/explain?person=${encodeURIComponent(NEVER_ASKED)}&n=6`);
    expect(never).toMatchObject({ mode: 'non_personalised', reason: 'no_consent' });
    expect(await textOf(page, '[data-field="mode"]')).toBe('非个性化推荐');
    expect(await textOf(page, '[data-field="reason"]')).toBe('未获个性化授权');
    expect((await shownItems(page)).ids).toEqual(never.items.map((i) => i.itemId));
    expect((await bars(page, 'recommend-why', 30)).points).toBe(never.items.length * COMPONENTS.length);
    expect(await textOf(page, '[data-table="policy-components"] tbody tr td')).toBe('转化效率');
    await screenshot(page, 'recommend-zh');

    // The language switch keeps the request (it lives in the address).
    await page.click('#lang');
    await waitForPage(page, 'recommend');
    expect(await textOf(page, '[data-field="mode"]')).toBe('Non-personalised');
    expect(await textOf(page, '[data-field="reason"]')).toBe('no personalization consent');

    await ask(page, { person: withdrawn, n: 6 });
    expect(await page.getAttribute('.rec-summary', 'data-reason')).toBe('consent_withdrawn');
    expect(await textOf(page, '[data-field="reason"]')).toBe('personalization consent withdrawn');

    // Asked for non-personalised with a filter that needs personal data: the reason and the ignored filter.
    await ask(page, { person: granted[1] as string, n: 6, nonPersonalised: true, excludeBought: true });
    const requested = await api<Explained>(`/v1/recommendations/explain?person=${encodeURIComponent(granted[1] as string)}&n=6&personalised=false&excludeBought=true`);
    expect(requested).toMatchObject({ reason: 'requested', ignoredFilters: ['excludeBought'] });
    expect(await textOf(page, '[data-field="reason"]')).toBe('personal data not used, as requested');
    expect(await textOf(page, '[data-field="ignored"]')).toBe('Filters not applied: exclude bought');
    expect((await shownItems(page)).ids).toEqual(requested.items.map((i) => i.itemId));
    await page.click('#lang');
    await waitForPage(page, 'recommend');
    expect(await textOf(page, '[data-field="reason"]')).toBe('按请求不使用个人数据');
    expect(await textOf(page, '[data-field="ignored"]')).toBe('未应用的筛选：排除已购');
    expect(await page.locator('.card[data-state="error"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the API\'s catalogued error for a request it refuses, and the other cards still load', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    // The browser logs the 400 answer itself; anything else is a fault.
    const errors = watchErrors(page, [/status of 400/]);
    await page.goto(`${url}?lang=en#/recommend?n=500`);
    await waitForPage(page, 'recommend');
    expect(await page.getAttribute('[data-card="recommend-why"]', 'data-state')).toBe('error');
    expect(await textOf(page, '[data-card="recommend-why"] .error code')).toBe('recommend_invalid_request');
    expect(await page.getAttribute('[data-card="recommend-policy"]', 'data-state')).toBe('ready');
    expect(await page.getAttribute('[data-card="recommend-model"]', 'data-state')).toBe('ready');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px) without horizontal scrolling', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    await page.setViewportSize({ width: 390, height: 844 });
    const errors = watchErrors(page);
    for (const lang of ['zh', 'en'] as const) {
      await page.goto(`${url}?lang=${lang}#/recommend?person=${encodeURIComponent(granted[2] as string)}&n=8`);
      await waitForPage(page, 'recommend');
      expect((await bars(page, 'recommend-why', 30)).drawn).toBeGreaterThan(0);
      expect((await bars(page, 'policy-weights')).drawn).toBe(COMPONENTS.length);
      await page.click('[data-list="recommend-items"] [data-item] summary');
      expect(await page.evaluate('document.documentElement.scrollWidth'), lang).toBeLessThanOrEqual(390);
      await screenshot(page, `recommend-${lang}-phone`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: it publishes a policy with exploration, which the tests above must not see.
  it('marks exploration slots with their propensity, at the positions the policy gives them', async () => {
    expect((await publish({ parameters: { exploreShare: 0.3 }, note: 'with exploration' })).statusCode).toBe(201);
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/recommend?n=10`);
    await waitForPage(page, 'recommend');
    // The exploration picks are drawn at random, but their positions are fixed by n and the share.
    const r = await api<Explained>('/v1/recommendations/explain?n=10');
    const explored = r.items.flatMap((i, k) => (i.explored ? [k] : []));
    expect(explored.length).toBeGreaterThan(0);
    const rows = await page.locator('[data-list="recommend-items"] [data-item]').evaluateAll((nodes) => nodes.map((n) => n.querySelector('.badge-explore')?.textContent ?? null));
    expect(rows.flatMap((badge, k) => (badge === null ? [] : [k]))).toEqual(explored);
    for (const k of explored) expect(rows[k]).toMatch(/^Exploration · \d+(\.\d+)?%$/);
    expect(await textOf(page, '[data-field="policy-version"]')).toBe(`Policy v${r.policyVersion}`);
    expect(await textOf(page, '[data-table="policy-versions"] tbody tr td:last-child')).toBe('with exploration');
    await screenshot(page, 'recommend-explore-en');
    expect(errors).toEqual([]);
    await page.close();
  });
});
