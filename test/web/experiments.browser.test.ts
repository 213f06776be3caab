import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, signedInPage, textOf, waitForPage, watchErrors } from '../harness/browser.js';

// The experiments page (#/experiments) in a real Chromium over a real server with embedded stores. A
// tenant runs an A/B test of cover styles: 300 anonymous visitors are assigned through /v1/assign and
// close-up visitors pay far more often, so the report has a clear winner. The page must list it as
// running, report it as the API does (SRM passed, the primary metric's winner, the verdict in Chinese and
// English, a forest plot with one point per treatment), create drafts through its form (showing the
// server's problems for a bad one), move them through their lifecycle, and ship the winner from the
// report — each change checked through the API. Its Flags card creates and replaces flags through a form
// (JSON that does not parse is refused before sending). Phone and laptop widths must not scroll sideways.
const browserPath = chromiumPath();
const T0 = Date.UTC(2026, 10, 16, 10, 0, 0);
const HOUR = 3_600_000;
const clock = fixedClock(T0);
const VISITORS = 300;
const WIN_COLOR = '#2e9d6a';
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';
let id = '';
let oneSidedId = '';

interface Comparison { variation: string; units: number; expected: number; ci: [number | null, number | null]; outcome: string; verdict: { zh: string; en: string } }
interface Report {
  decision: string; winner: string | null; verdict: { zh: string; en: string }; difference: string;
  srm: { mismatch: boolean; counts: number[] };
  metrics: { key: string; role: string; comparisons: Comparison[] }[];
  experiment: { status: string };
}
interface Flag { tenant: string; key: string; description: string; enabled: boolean; defaultValue: unknown; rules: unknown[]; updatedAt: number }
interface Experiment {
  id: string; key: string; status: string; shippedVariation: number | null; design: unknown;
  variations: { key: string; name: string; weight: number }[]; metrics: { key: string; kind: string; event?: string; inverse?: boolean }[];
  analysis: { engine: string; cuped: boolean; sequential: boolean };
}

const send = (method: 'POST' | 'PUT', path: string, payload: unknown) =>
  t.server.inject({ method, url: path, payload: payload as never, headers: { authorization: `Bearer ${t.secretKey}` } });

async function api<T>(path: string): Promise<T> {
  const res = await t.get(path);
  expect(res.statusCode, path).toBe(200);
  return res.json() as T;
}

const experiments = async () => (await api<{ experiments: Experiment[] }>('/v1/experiments')).experiments;
const flags = async () => (await api<{ flags: Flag[] }>('/v1/flags')).flags;
/** The value `/v1/assign` (write key) gives a visitor on `platform` for a flag. */
const featureFor = async (flag: string, platform: string) => {
  const res = await t.get(`/v1/assign?key=anon:z&platform=${platform}`, t.writeKey);
  expect(res.statusCode).toBe(200);
  return (res.json() as { features: Record<string, unknown> }).features[flag];
};
const experiment = async (key: string) => (await experiments()).find((e) => e.key === key);

/** A signed relative effect as the page writes it in English (format.ts formatPct): 1.5 → +150%. */
function relativeEn(x: number): string {
  const p = Math.abs(x) * 100;
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${p.toLocaleString('en-US', { maximumFractionDigits: p < 10 ? 2 : 1 })}%`;
}

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp({ clock });
  const definition = {
    key: 'cover_style', name: '封面风格', hypothesis: 'A product close-up cover sells more than a face cover',
    variations: [{ key: 'face', name: '真人封面', weight: 0.5 }, { key: 'closeup', name: '商品特写', weight: 0.5 }],
    metrics: [{ key: 'paid', kind: 'conversion', event: 'pay' }, { key: 'net_gmv', kind: 'gmv' }],
    analysis: { cuped: false },
  };
  const created = await send('POST', '/v1/experiments', definition);
  expect(created.statusCode).toBe(201);
  id = created.json().id;
  // The same split (same seed) analysed one-sided: its intervals have no upper end.
  const oneSided = await send('POST', '/v1/experiments', {
    ...definition, key: 'cover_style_greater', name: 'Cover style, one-sided', seed: 'cover_style', metrics: [definition.metrics[0]],
    analysis: { cuped: false, alternative: 'greater' },
  });
  expect(oneSided.statusCode).toBe(201);
  oneSidedId = oneSided.json().id;
  for (const e of [id, oneSidedId]) expect((await send('POST', `/v1/experiments/${e}/start`, {})).json().status).toBe('running');
  const events: unknown[] = [];
  for (let i = 0; i < VISITORS; i++) {
    const res = await t.get(`/v1/assign?key=anon:v${i}&platform=douyin`, t.writeKey);
    expect(res.statusCode).toBe(200);
    const arms = res.json().experiments as { key: string; variation: string }[];
    const arm = arms.find((a) => a.key === 'cover_style')?.variation;
    expect(arms.find((a) => a.key === 'cover_style_greater')?.variation).toBe(arm);
    const base = { anonymousId: `v${i}`, platform: 'douyin', ts: new Date(T0 + HOUR + i * 1000).toISOString() };
    events.push({ ...base, eventId: `imp-v${i}`, name: 'impression' });
    // Close-up converts 40 % of its visitors, face 15 %.
    if (arm === 'closeup' ? i % 10 < 4 : i % 20 < 3) events.push({ ...base, eventId: `pay-v${i}`, name: 'pay', orderId: `o-v${i}`, amount: 10_000, currency: 'CNY' });
  }
  clock.set(T0 + 2 * HOUR + 10 * 60_000);
  expect((await t.ingest(events)).json().rejected).toEqual([]);
  await t.app.events.flush();
  expect((await send('PUT', '/v1/flags/one_step_checkout', { defaultValue: false, rules: [{ targeting: { platforms: ['kuaishou'] }, value: true }] })).statusCode).toBe(200);
  url = await t.listen();
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * `data-points` of a forest plot, how many estimate dots its SVG drew in `color`, how many dashed lines
 * (the zero line) and the texts (axis and effect labels).
 */
async function forest(page: Page, key: string, color: string): Promise<{ points: number; dots: number; dashed: number; labels: string[] }> {
  const box = page.locator(`[data-chart="forest-${key}"]`);
  const points = Number(await box.getAttribute('data-points'));
  const dots = await box.locator('svg path').evaluateAll((nodes, c) => nodes.filter((n) => (n.getAttribute('fill') ?? '').toLowerCase() === c).length, color);
  const dashed = await box.locator('svg path[stroke-dasharray]').count();
  const labels = await box.locator('svg text').allTextContents();
  return { points, dots, dashed, labels };
}

/** The cells of a metric table's row (0 = the control). */
async function metricRow(page: Page, key: string, row: number): Promise<string[]> {
  return (await page.locator(`[data-table="metric-${key}"] tbody tr`).nth(row).locator('td').allTextContents()).map((s) => s.trim());
}

/** Presses a button of an experiment's row in the list and waits for the page to settle. */
async function rowAction(page: Page, key: string, action: string): Promise<void> {
  await page.click(`tr[data-experiment="${key}"] [data-action="${action}"]`);
  await waitForPage(page, 'experiments');
}

describe.skipIf(!browserPath)('experiments page in Chromium', () => {
  it('lists the running experiment and reports its winner as the API does, in English', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/experiments`);
    await waitForPage(page, 'experiments');
    expect(await textOf(page, '.page h1')).toBe('Experiments and feature flags');
    expect(await textOf(page, 'nav a[data-page="experiments"]')).toBe('A/B tests');
    const row = page.locator('tr[data-experiment="cover_style"]');
    expect(await row.getAttribute('data-status')).toBe('running');
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
    expect([cells[2], cells[3], cells[5]]).toEqual(['Running', 'Person', 'Conversion to Pay']);
    expect(cells[4]).toContain('2026');
    expect(await row.locator('[data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(['stop', 'ship', 'report']);
    const flagRow = page.locator('[data-table="flags"] tr[data-flag="one_step_checkout"]');
    expect((await flagRow.locator('td').allTextContents()).slice(0, 4)).toEqual(['one_step_checkout', 'Yes', 'false', '1']);
    expect(await flagRow.locator('button').allTextContents()).toEqual(['Edit', 'Delete']);
    expect(await textOf(page, '[data-card="experiment-report"] .empty')).toBe('Press Report on an experiment in the list to see its results.');

    await rowAction(page, 'cover_style', 'report');
    expect(page.url()).toContain(`#/experiments?report=${id}`);
    const r = await api<Report>(`/v1/experiments/${id}/report`);
    expect(r).toMatchObject({ decision: 'ship', winner: 'closeup', difference: 'relative', srm: { mismatch: false } });
    expect(await textOf(page, '[data-card="experiment-report"] h2')).toBe('Report: 封面风格');
    expect(await page.getAttribute('[data-srm]', 'data-srm')).toBe('passed');
    expect(await textOf(page, '[data-srm]')).toMatch(/^SRM check passed · p = 0\.\d{4}$/);
    expect(await textOf(page, '[data-field="srm-counts"]')).toBe(`face ${r.srm.counts[0]} (expected 50%) · closeup ${r.srm.counts[1]} (expected 50%)`);
    expect(r.srm.counts[0]! + r.srm.counts[1]!).toBe(VISITORS);
    expect(await textOf(page, '[data-field="decision"]')).toBe('Ship');
    expect(await textOf(page, '[data-field="verdict-text"]')).toBe(r.verdict.en);
    expect(await textOf(page, '[data-field="exclusions"]')).toBe('Excluded: 0 units seen in several variations, 0 in burn-in.');
    expect(await textOf(page, '[data-field="sequential"]')).toContain('Fixed-horizon test');

    // The primary metric: the winner's row, the effect and verdict as the API computed them, and its forest plot.
    const paid = r.metrics.find((m) => m.key === 'paid')!;
    const win = paid.comparisons[0]!;
    expect(win).toMatchObject({ variation: 'closeup', outcome: 'win' });
    expect(await page.getAttribute('[data-metric="paid"]', 'data-role')).toBe('primary');
    expect(await textOf(page, '[data-metric="paid"] [data-field="metric-name"]')).toBe('Conversion to Pay');
    const winRow = await metricRow(page, 'paid', 1);
    expect(winRow[0]).toBe('商品特写 (closeup)');
    expect(winRow[1]).toBe(String(win.units));
    expect(winRow[3]).toBe(relativeEn(win.expected));
    expect(winRow[4]).toBe(`[${relativeEn(win.ci[0]!)}, ${relativeEn(win.ci[1]!)}]`);
    expect(winRow[6]).toBe('Significantly better');
    expect(winRow[7]).toBe(win.verdict.en);
    expect((await metricRow(page, 'paid', 0))[0]).toBe('真人封面 (face) · control');
    const plot = await forest(page, 'paid', WIN_COLOR);
    expect(plot.points).toBe(paid.comparisons.length);
    expect(plot.dots).toBe(paid.comparisons.length);
    expect(plot.dashed).toBe(1);
    expect(plot.labels).toContain(relativeEn(win.expected));
    expect(plot.labels.some((l) => /^-?\d+%$/.test(l))).toBe(true);
    expect(await page.getAttribute('[data-chart="forest-paid"]', 'data-difference')).toBe('relative');

    // Every metric gets a section; the default guardrails are marked as such.
    expect(await page.locator('[data-card="experiment-report"] [data-metric]').evaluateAll((s) => s.map((x) => `${x.getAttribute('data-metric')}:${x.getAttribute('data-role')}`)))
      .toEqual(r.metrics.map((m) => `${m.key}:${m.role}`));
    expect(await textOf(page, '[data-metric="refund_rate"] [data-field="role"]')).toBe('Guardrail');
    expect(await textOf(page, '[data-action="ship-winner"]')).toBe('Ship closeup');
    expect(await page.locator('.card[data-state="error"]').count()).toBe(0);
    // Report scrolled its card into view; the full-page screenshot starts from the top (sticky header).
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'experiments-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the report in Chinese: status, SRM, the winner and the server\'s Chinese verdict', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=zh#/experiments?report=${id}`);
    await waitForPage(page, 'experiments');
    const r = await api<Report>(`/v1/experiments/${id}/report`);
    expect(await textOf(page, '.page h1')).toBe('A/B 实验与功能开关');
    expect(await textOf(page, 'tr[data-experiment="cover_style"] [data-status]')).toBe('运行中');
    expect(await page.getAttribute('tr[data-experiment="cover_style"]', 'class')).toBe('selected');
    expect(await textOf(page, '[data-srm="passed"]')).toMatch(/^SRM 检查通过/);
    expect(await textOf(page, '[data-field="decision"]')).toBe('建议上线');
    expect(await textOf(page, '[data-field="verdict-text"]')).toBe(r.verdict.zh);
    expect(r.verdict.zh).toContain('建议上线 closeup');
    const paid = r.metrics.find((m) => m.key === 'paid')!;
    expect(await textOf(page, '[data-metric="paid"] [data-field="metric-name"]')).toBe('支付转化率');
    const cells = await metricRow(page, 'paid', 1);
    expect(cells[6]).toBe('显著更好');
    expect(cells[7]).toBe(paid.comparisons[0]!.verdict.zh);
    expect((await forest(page, 'paid', WIN_COLOR)).points).toBe(1);
    expect(await textOf(page, '[data-metric="complaint_rate"] [data-field="role"]')).toBe('护栏指标');
    expect(await textOf(page, '[data-action="ship-winner"]')).toBe('上线 closeup');
    await screenshot(page, 'experiments-zh');

    // The language switch keeps the selected report (it lives in the address).
    await page.click('#lang');
    await waitForPage(page, 'experiments');
    expect(await textOf(page, '[data-field="verdict-text"]')).toBe(r.verdict.en);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a one-sided interval to the axis edge with an arrow where it is unbounded', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/experiments?report=${oneSidedId}`);
    await waitForPage(page, 'experiments');
    const r = await api<Report>(`/v1/experiments/${oneSidedId}/report`);
    const win = r.metrics.find((m) => m.key === 'paid')!.comparisons[0]!;
    expect(win).toMatchObject({ outcome: 'win', ci: [expect.any(Number), null] });
    expect((await metricRow(page, 'paid', 1))[4]).toBe(`[${relativeEn(win.ci[0]!)}, +∞]`);
    // Two shapes in the winner's colour: the estimate's dot and the arrow at the unbounded end.
    const plot = await forest(page, 'paid', WIN_COLOR);
    expect(plot.points).toBe(1);
    expect(plot.dots).toBe(2);
    // The arrow (10 px) sits on the value axis's right end, where the rightmost split line is drawn.
    const { arrow, axisEnd } = await page.locator('[data-chart="forest-paid"] svg path').evaluateAll((nodes, c) => {
      const box = (n: unknown) => (n as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect();
      const shapes = nodes.filter((n) => (n.getAttribute('fill') ?? '').toLowerCase() === c).map(box);
      const splits = nodes.filter((n) => n.getAttribute('stroke') === '#eef0f5').map(box);
      return { arrow: Math.max(...shapes.map((b) => (b.left + b.right) / 2)), axisEnd: Math.max(...splits.map((b) => b.right)) };
    }, WIN_COLOR);
    expect(Math.abs(arrow - axisEnd)).toBeLessThan(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px) and a laptop (1280 px) without horizontal scrolling', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const lang of ['zh', 'en'] as const) {
        await page.goto(`${url}?lang=${lang}#/experiments?report=${id}`);
        await waitForPage(page, 'experiments');
        expect((await forest(page, 'paid', WIN_COLOR)).dots).toBe(1);
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${lang} ${width}`).toBeLessThanOrEqual(width);
        // On a laptop every page's link fits the header (on a phone the links scroll sideways by design).
        if (width === 1280) {
          const nav = await page.evaluate('(() => { const n = document.getElementById("nav"); return [n.scrollWidth, n.clientWidth]; })()') as number[];
          expect(nav[0], lang).toBeLessThanOrEqual(nav[1]!);
        }
        if (width === 390) await screenshot(page, `experiments-${lang}-phone`);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('creates drafts through the form, showing the server\'s problems for a bad one, and moves one through its lifecycle', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    // The browser logs the refused definition's 400 itself; anything else is a fault.
    const errors = watchErrors(page, [/status of 400/]);
    await page.goto(`${url}?lang=en#/experiments`);
    await waitForPage(page, 'experiments');
    const before = (await experiments()).length;
    const form = page.locator('form[data-form="experiment"]');

    // A bad definition: a key with a space and weights summing to 1.4 — the server lists both problems.
    await page.fill('#exp-key', 'price badge');
    await form.locator('[data-field="variation-weight"]').nth(0).fill('0.7');
    await form.locator('[data-field="variation-weight"]').nth(1).fill('0.7');
    expect(await form.locator('[data-field="weight-sum"]').getAttribute('data-ok')).toBe('false');
    expect(await textOf(page, '[data-field="weight-sum"]')).toBe('Weights sum to 1.4; they must sum to 1');
    await form.locator('button[type="submit"]').click();
    await waitForPage(page, 'experiments');
    const problems = (await page.locator('[data-list="experiment-problems"] li').allTextContents()).map((s) => s.trim());
    expect(problems).toEqual(['key must be 1–80 letters, digits, _ . - starting with a letter or digit', 'variations[].weight must sum to 1']);
    expect((await experiments()).length).toBe(before);

    // Fixed: a third arm (the weights split evenly again), GMV as the primary metric, a secondary
    // conversion metric, clustered by live room, Bayesian.
    await page.fill('#exp-key', 'price_badge');
    await page.fill('#exp-name', 'Price badge');
    await page.fill('#exp-hypothesis', 'A price badge on the cover lifts net GMV');
    await form.locator('[data-action="add-variation"]').click();
    const weights = form.locator('[data-field="variation-weight"]');
    expect(await Promise.all([0, 1, 2].map((i) => weights.nth(i).inputValue()))).toEqual(['0.333', '0.333', '0.334']);
    expect(await form.locator('[data-field="weight-sum"]').getAttribute('data-ok')).toBe('true');
    await form.locator('[data-metric-row][data-role="primary"] [data-field="metric-kind"]').selectOption('gmv');
    await form.locator('[data-action="add-metric"]').click();
    const secondary = form.locator('[data-list="secondary-metrics"] [data-metric-row]').first();
    await secondary.locator('[data-field="metric-kind"]').selectOption('conversion');
    await secondary.locator('[data-field="metric-event"]').fill('add_to_cart');
    await form.locator('[data-action="add-metric"]').click();
    await form.locator('[data-list="secondary-metrics"] [data-metric-row]').nth(1).locator('[data-field="metric-kind"]').selectOption('refund_rate');
    await page.selectOption('#exp-design', 'cluster');
    await page.selectOption('#exp-cluster-by', 'liveId');
    await page.selectOption('#exp-engine', 'bayesian');
    await page.setChecked('#exp-cuped', false);
    await form.locator('button[type="submit"]').click();
    await waitForPage(page, 'experiments');
    expect(await textOf(page, '[data-field="created"]')).toBe('Draft price_badge created: press Start in the list to begin assigning.');
    expect(await page.locator('[data-list="experiment-problems"]').count()).toBe(0);
    expect(await page.inputValue('#exp-key')).toBe('');
    const draft = (await experiment('price_badge'))!;
    expect(draft).toMatchObject({
      status: 'draft', design: { kind: 'cluster', by: 'liveId' }, analysis: { engine: 'bayesian', cuped: false, sequential: false },
      metrics: [{ key: 'net_gmv', kind: 'gmv' }, { key: 'conversion_add_to_cart', kind: 'conversion', event: 'add_to_cart' }, { key: 'refunds', kind: 'refund_rate', inverse: true }],
    });
    expect(draft.variations.map((v) => [v.key, v.name, v.weight])).toEqual([['control', 'Control', 0.333], ['treatment', 'Treatment 1', 0.333], ['treatment_2', 'Treatment 2', 0.334]]);
    expect(await page.getAttribute('tr[data-experiment="price_badge"]', 'data-status')).toBe('draft');
    expect(await page.locator('tr[data-experiment="price_badge"] [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(['start']);

    // Start, stop, then ship the second treatment through the list's picker.
    await rowAction(page, 'price_badge', 'start');
    expect((await experiment('price_badge'))?.status).toBe('running');
    expect(await page.getAttribute('tr[data-experiment="price_badge"]', 'data-status')).toBe('running');
    await rowAction(page, 'price_badge', 'stop');
    expect((await experiment('price_badge'))?.status).toBe('stopped');
    expect(await page.locator('tr[data-experiment="price_badge"] [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')))).toEqual(['start', 'ship', 'report']);
    await page.click('tr[data-experiment="price_badge"] [data-action="ship"]');
    await page.selectOption('tr[data-experiment="price_badge"] [data-field="ship-variation"]', 'treatment_2');
    await rowAction(page, 'price_badge', 'confirm-ship');
    expect(await experiment('price_badge')).toMatchObject({ status: 'shipped', shippedVariation: 2 });
    expect(await textOf(page, 'tr[data-experiment="price_badge"] .exp-shipped')).toBe('to everyone: treatment_2');
    expect(await page.locator('.card [data-field="action-error"]').count()).toBe(0);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'experiments-form-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  // Last: shipping concludes the seeded experiment, which the tests above report on as running.
  it('ships the winner from the report and deletes a flag, each confirmed once more', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/experiments?report=${id}`);
    await waitForPage(page, 'experiments');
    const ship = page.locator('[data-action="ship-winner"]');
    await ship.click();
    expect(await ship.textContent()).toBe('Confirm: ship closeup to everyone');
    expect((await experiment('cover_style'))?.status).toBe('running');
    await ship.click();
    await waitForPage(page, 'experiments');
    expect(await experiment('cover_style')).toMatchObject({ status: 'shipped', shippedVariation: 1 });
    expect(await page.getAttribute('tr[data-experiment="cover_style"]', 'data-status')).toBe('shipped');
    expect(await textOf(page, '.exp-report-head [data-status]')).toBe('Shipped');
    expect(await page.locator('[data-action="ship-winner"]').count()).toBe(0);
    expect((await t.get('/v1/assign?key=anon:newcomer', t.writeKey)).json().experiments.find((a: { key: string }) => a.key === 'cover_style'))
      .toMatchObject({ variation: 'closeup', inExperiment: false });

    const del = page.locator('tr[data-flag="one_step_checkout"] [data-action="delete-flag"]');
    await del.click();
    expect(await del.textContent()).toBe('Confirm delete');
    await del.click();
    await waitForPage(page, 'experiments');
    expect((await api<{ flags: unknown[] }>('/v1/flags')).flags).toEqual([]);
    expect(await textOf(page, '[data-card="feature-flags"] .empty')).toBe('No feature flags yet');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'experiments-shipped-en');
    expect(errors).toEqual([]);
    await page.close();
  });
  // After the test that deletes the seeded flag (it expects none to be left).
  it('creates a flag through the Flags card\'s form on a phone, refusing bad JSON before sending, and edits it', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    // The browser logs the refused flag's 400 itself; anything else is a fault.
    const errors = watchErrors(page, [/status of 400/]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}?lang=en#/experiments`);
    await waitForPage(page, 'experiments');
    const puts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'PUT') puts.push(new URL(r.url()).pathname); });
    const before = (await flags()).length;
    const form = page.locator('form[data-form="flag"]');
    const submit = form.locator('button[type="submit"]');
    const defaultError = form.locator('#flag-default + [data-field="json-error"]');
    expect(await defaultError.isVisible()).toBe(false);

    // No key: said at once, nothing sent.
    await page.fill('#flag-default', '"grid"');
    await submit.click();
    expect(await textOf(page, '[data-field="flag-key-missing"]')).toBe('Give the flag a key (letters, digits, _ . -)');
    expect(await page.getAttribute('#flag-key', 'aria-invalid')).toBe('true');
    expect(puts).toEqual([]);

    // A default that is not JSON (text without quotes): marked inline, and nothing is sent.
    await page.fill('#flag-key', 'live_layout');
    await page.fill('#flag-description', 'Live room layout');
    await page.fill('#flag-default', 'grid');
    await submit.click();
    expect(await defaultError.isVisible()).toBe(true);
    expect(await defaultError.textContent()).toBe('Invalid JSON (text needs double quotes: "grid")');
    expect(await page.getAttribute('#flag-default', 'aria-invalid')).toBe('true');
    expect(puts).toEqual([]);
    expect((await flags()).length).toBe(before);
    expect(await page.locator('[data-field="flag-saved"]').count()).toBe(0);

    // Valid JSON but a coverage out of range: sent once, and the server's problem is listed under the form.
    await page.fill('#flag-default', '"grid"');
    expect(await defaultError.isVisible()).toBe(false);
    await form.locator('[data-action="add-rule"]').click();
    const rule = form.locator('[data-rule-row]').first();
    expect(await rule.locator('[data-field="rule-title"]').textContent()).toBe('Rule 1');
    await rule.locator('[data-field="rule-platforms"]').selectOption(['kuaishou']);
    await rule.locator('[data-field="rule-value"]').fill('"list"');
    await rule.locator('[data-field="rule-coverage"]').fill('2');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await submit.click();
    await waitForPage(page, 'experiments');
    expect((await page.locator('[data-list="flag-problems"] li').allTextContents()).map((x) => x.trim())).toEqual(['rules[0].coverage must be in [0, 1]']);
    expect(puts).toEqual(['/v1/flags/live_layout']);
    expect((await flags()).length).toBe(before);

    // Fixed: stored exactly as the form says, and assigned by platform.
    await rule.locator('[data-field="rule-coverage"]').fill('1');
    await submit.click();
    await waitForPage(page, 'experiments');
    expect(await textOf(page, '[data-field="flag-saved"]')).toBe('Flag live_layout saved.');
    expect(await page.locator('[data-list="flag-problems"]').count()).toBe(0);
    expect(await page.inputValue('#flag-key')).toBe('');
    expect(await form.locator('[data-rule-row]').count()).toBe(0);
    const stored = (await flags()).find((f) => f.key === 'live_layout');
    expect(stored).toEqual({
      tenant: 't1', key: 'live_layout', description: 'Live room layout', enabled: true, defaultValue: 'grid',
      rules: [{ targeting: { platforms: ['kuaishou'] }, value: 'list', coverage: 1 }], updatedAt: expect.any(Number),
    });
    expect((await flags()).length).toBe(before + 1);
    expect(await featureFor('live_layout', 'kuaishou')).toBe('list');
    expect(await featureFor('live_layout', 'douyin')).toBe('grid');
    const row = page.locator('[data-table="flags"] tr[data-flag="live_layout"]');
    expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual(['live_layout', 'Yes', '"grid"', '1']);

    // Edit fills the form with the stored flag; saving an object default replaces it.
    await row.locator('[data-action="edit-flag"]').click();
    expect(await page.inputValue('#flag-key')).toBe('live_layout');
    expect(await page.inputValue('#flag-description')).toBe('Live room layout');
    expect(await page.isChecked('#flag-enabled')).toBe(true);
    expect(await page.inputValue('#flag-default')).toBe('"grid"');
    expect(await form.locator('[data-rule-row]').count()).toBe(1);
    expect(await rule.locator('[data-field="rule-platforms"] option:checked').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toEqual(['kuaishou']);
    expect(await rule.locator('[data-field="rule-consent"]').inputValue()).toBe('');
    expect(await rule.locator('[data-field="rule-value"]').inputValue()).toBe('"list"');
    expect(await rule.locator('[data-field="rule-coverage"]').inputValue()).toBe('1');
    expect(await page.isHidden('[data-field="flag-lossy"]')).toBe(true);
    await page.fill('#flag-default', '{"cols": 2}');
    await rule.locator('[data-field="rule-consent"]').selectOption('personalization');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'experiments-flag-form-phone');
    await submit.click();
    await waitForPage(page, 'experiments');
    expect((await flags()).find((f) => f.key === 'live_layout')).toMatchObject({
      defaultValue: { cols: 2 }, rules: [{ targeting: { platforms: ['kuaishou'], consent: ['personalization'] }, value: 'list', coverage: 1 }],
    });
    expect((await flags()).length).toBe(before + 1);
    expect(await featureFor('live_layout', 'douyin')).toEqual({ cols: 2 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
