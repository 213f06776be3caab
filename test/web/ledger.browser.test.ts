import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/shared/time.js';
import { sendPaymentCallback } from '../harness/payments.js';
import { commerceWorld } from '../builders/commerce.builder.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, signedInPage, textOf, waitForPage, watchErrors } from '../harness/browser.js';

// The ledger view (#/ledger) in a real Chromium over a real server with embedded stores, on a fixed clock.
// Rules: 5 % platform by default; orders by creator c_star (MCN mcn_1) also pay 20 % creator and 5 % MCN.
// At T0 the pool is topped up with ¥5.00; A (2 tea, c_star, ¥138.00) and L (a lamp, ¥199.00) are paid,
// A ships at T0+1h, B (a cup, c_star, ¥15.00) is paid at T0+2h; L never ships, so at T0+49h the sweeper
// compensates it 5 % (¥9.95): ¥5.00 from the pool, nothing from the merchant (all its earnings are still
// pending), ¥4.95 owed by the merchant. With the page open in Chinese, B is refunded by the provider
// (inside its window: its legs are voided). Then A is delivered, its window closes, its legs post (the
// merchant repays its ¥4.95), and an after-sale refund of ¥13.80 claws back 10 % of each leg: the creator
// and the MCN give it back from their available balances; the platform and the merchant still have L's
// legs pending, so theirs is taken from those pending earnings, booked as receivables until they post. With the
// page open in English, order M is paid and, 49 hours later, compensated. The page must show what the
// API answers, follow it without a reload, stop when left, fit a phone, and log no errors.
const browserPath = chromiumPath();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
const clock = fixedClock(T0);
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';
let callbacks = 0;
const ids = { a: '', b: '', l: '', m: '' };

interface Account { id: string; kind: string; balance: { debitsPending: number }; postedFen: number; pendingFen: number; availableFen: number }
interface Entry { seq: number; memo: string; debit: string; credit: string; amountFen: number; orderId: string | null; status: string | null }
interface Split { status: string; legs: { account: string; amountFen: number }[]; refunds: { mode: string; clawbacks: { account: string; fromPending: number; fromAvailable: number }[] }[]; compensation: { amountFen: number; fromPool: number; fromMerchant: number; owed: number } | null }

// Written out by hand from the brief, independently of the dashboard's message files.
const LABELS = {
  zh: { 'payments:CNY': '支付渠道', 'clearing:CNY': '清算', 'platform:CNY': '平台', 'merchant:t1:CNY': '商家', 'creator:c_star:CNY': '达人 c_star', 'mcn:mcn_1:CNY': 'MCN mcn_1', 'buyer_refunds:CNY': '买家退款', 'compensation_pool:CNY': '赔付池', 'receivable:merchant:t1:CNY': '应收 · 商家', 'receivable:platform:CNY': '应收 · 平台' },
  en: { 'payments:CNY': 'Payments', 'clearing:CNY': 'Clearing', 'platform:CNY': 'Platform', 'merchant:t1:CNY': 'Merchant', 'creator:c_star:CNY': 'Creator c_star', 'mcn:mcn_1:CNY': 'MCN mcn_1', 'buyer_refunds:CNY': 'Buyer refunds', 'compensation_pool:CNY': 'Compensation pool', 'receivable:merchant:t1:CNY': 'Receivable · Merchant', 'receivable:platform:CNY': 'Receivable · Platform' },
} as Record<'zh' | 'en', Record<string, string>>;
const MEMOS = {
  zh: { payment: '收款', split: '分账', post: '入账', void: '撤销', refund: '退款', clawback: '追回', receivable: '记应收', recover: '偿还', compensation: '赔付', fund: '注资', manual: '手工' },
  en: { payment: 'Payment', split: 'Split', post: 'Post', void: 'Void', refund: 'Refund', clawback: 'Clawback', receivable: 'Receivable', recover: 'Recover', compensation: 'Compensation', fund: 'Fund', manual: 'Manual' },
} as Record<'zh' | 'en', Record<string, string>>;

const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const send = (method: 'POST' | 'PUT', path: string, payload: unknown) =>
  t.server.inject({ method, url: path, payload: payload as never, headers: { authorization: `Bearer ${t.secretKey}` } });

async function api<T>(path: string): Promise<T> {
  const res = await t.get(path);
  expect(res.statusCode, path).toBe(200);
  return res.json() as T;
}

/** A signed payment-provider callback (`paid` or `refunded`), as test/api/ledger.test.ts sends it. */
async function callback(orderId: string, amountFen: number, type: 'paid' | 'refunded'): Promise<void> {
  const res = await sendPaymentCallback(t, 't1', { callbackId: `cb_${++callbacks}`, orderId, type, amountFen });
  expect(res.statusCode, res.body).toBe(200);
}

/** Places and pays an order (Zhejiang), attributed to `creatorId` when given; answers its id. */
async function placePaid(key: string, sku: string, quantity: number, creatorId?: string): Promise<string> {
  const res = await send('POST', '/v1/orders', { clientKey: key, buyer: `buyer_${key}`, destination: { region: 'CN-ZJ' }, lines: [{ sku, quantity }], ...(creatorId ? { attribution: { creatorId } } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  const order = (res.json() as { order: { id: string; amountFen: number } }).order;
  await callback(order.id, order.amountFen, 'paid');
  return order.id;
}

async function logistics(id: string, status: string): Promise<void> {
  const res = await send('POST', `/v1/orders/${id}/logistics`, { status, carrier: 'SF' });
  expect(res.statusCode, res.body).toBe(200);
}

/** The six headline numbers worked out from the API's accounts and journal by the page's stated formulas. */
async function expectedSummary(): Promise<Record<string, number>> {
  const { accounts } = await api<{ accounts: Account[] }>('/v1/ledger/accounts');
  const { entries } = await api<{ entries: Entry[] }>('/v1/ledger/journal?account=buyer_refunds:CNY&limit=1000');
  const posted = (pred: (a: Account) => boolean) => accounts.filter(pred).reduce((n, a) => n + a.postedFen, 0);
  const compensation = entries.filter((e) => e.memo === 'compensation').reduce((n, e) => n + e.amountFen, 0);
  return {
    'paid-in': -posted((a) => a.id === 'payments:CNY'),
    held: accounts.find((a) => a.id === 'clearing:CNY')?.balance.debitsPending ?? 0,
    'paid-out': posted((a) => ['platform', 'merchant', 'creator', 'mcn'].includes(a.kind)),
    refunded: posted((a) => a.id === 'buyer_refunds:CNY') - compensation,
    compensation,
    receivables: -posted((a) => a.kind === 'receivable'),
  };
}

async function tiles(page: Page): Promise<Record<string, string>> {
  return page.locator('[data-tile]').evaluateAll((n) => Object.fromEntries(n.map((x) => [x.getAttribute('data-tile'), (x.querySelector('.tile-value')?.textContent ?? '').trim()])));
}

/** The cards, accounts table, chart, badge and journal against the API's answers in one language. */
async function checkPage(page: Page, lang: 'zh' | 'en'): Promise<void> {
  // A refresh redraws the cards first and the journal when its entries arrive: wait for the newest one.
  const newest = (await api<{ entries: Entry[] }>('/v1/ledger/journal?limit=1')).entries[0]!.seq;
  await expect.poll(() => page.getAttribute('[data-table="ledger-journal"] tbody tr', 'data-seq'), { timeout: 8000 }).toBe(String(newest));
  const summary = await expectedSummary();
  expect(await tiles(page)).toEqual(Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, yuan(v)])));
  expect(await textOf(page, '[data-field="reconciliation"]')).toBe(lang === 'zh' ? '对账一致' : 'Reconciled');
  expect(await textOf(page, '[data-field="ledger-check"]')).toBe(lang === 'zh' ? '借贷平衡 Σ = 0' : 'Debits = credits, Σ = 0');

  const { accounts } = await api<{ accounts: Account[] }>('/v1/ledger/accounts');
  expect(await page.locator('[data-table="ledger-accounts"] tbody tr').count()).toBe(accounts.length);
  for (const a of accounts) {
    const row = `[data-table="ledger-accounts"] tr[data-account="${a.id}"]`;
    expect(await textOf(page, `${row} [data-field="label"]`), a.id).toBe(LABELS[lang][a.id]);
    expect(await textOf(page, `${row} [data-field="pending"]`), a.id).toBe(yuan(a.pendingFen));
    expect(await textOf(page, `${row} [data-field="posted"]`), a.id).toBe(yuan(a.postedFen));
    expect(await textOf(page, `${row} [data-field="available"]`), a.id).toBe(yuan(a.availableFen));
  }
  const parties = accounts.filter((a) => ['platform', 'merchant', 'creator', 'mcn', 'compensation_pool'].includes(a.kind)).length;
  expect(await page.getAttribute('[data-chart="ledger-balances"]', 'data-points')).toBe(String(parties));
  const chartTexts = (await page.locator('[data-chart="ledger-balances"] svg text').allTextContents()).map((s) => s.trim());
  expect(chartTexts).toEqual(expect.arrayContaining(lang === 'zh' ? ['已入账', '待结算', '应收', '达人 c_star', '赔付池'] : ['Posted', 'Pending', 'Receivable', 'Creator c_star', 'Compensation pool']));

  // The newest entries first: at least a page (50) of them, more once "more" was pressed.
  const { entries } = await api<{ entries: Entry[] }>('/v1/ledger/journal?limit=1000');
  const seqs = await page.locator('[data-table="ledger-journal"] tbody tr').evaluateAll((n) => n.map((x) => Number(x.getAttribute('data-seq'))));
  expect(seqs.length).toBeGreaterThanOrEqual(Math.min(50, entries.length));
  expect(seqs).toEqual(entries.slice(0, seqs.length).map((e) => e.seq));
  for (const e of entries.slice(0, 12)) {
    const row = `[data-table="ledger-journal"] tr[data-seq="${e.seq}"]`;
    expect(await textOf(page, `${row} [data-field="memo"]`)).toBe(MEMOS[lang][e.memo]);
    expect(await textOf(page, `${row} [data-field="accounts"]`)).toBe(`${LABELS[lang][e.debit]} → ${LABELS[lang][e.credit]}`);
    expect(await textOf(page, `${row} [data-field="amount"]`)).toBe(yuan(e.amountFen));
    expect(await textOf(page, `${row} [data-field="order"]`)).toBe(e.orderId ?? '—');
  }
}

/** Looks an order up through the form and answers its settlement as the API has it. */
async function lookup(page: Page, id: string): Promise<Split> {
  await page.fill('[data-form="ledger-order"] input[name="orderId"]', id);
  await page.click('[data-form="ledger-order"] button[type="submit"]');
  await page.locator(`[data-order-split="${id}"]`).waitFor();
  return (await api<{ split: Split }>(`/v1/ledger/orders/${id}`)).split;
}

const legsOnPage = (page: Page, id: string) => page.locator(`[data-order-split="${id}"] [data-table="order-legs"] tr[data-leg]`)
  .evaluateAll((n) => n.map((x) => [x.getAttribute('data-leg'), (x.querySelector('[data-field="amount"]')?.textContent ?? '').trim()]));

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp({ clock });
  const world = commerceWorld();
  expect((await send('PUT', '/v1/catalogue', world.catalogue)).statusCode).toBe(200);
  expect((await send('POST', '/v1/stock/adjustments', { adjustments: world.stock })).statusCode).toBe(200);
  const rules = await send('PUT', '/v1/ledger/rules', { rules: [
    { id: 'default', scope: {}, priority: 0, legs: [{ party: 'platform', basisPoints: 500 }] },
    { id: 'star', scope: { creatorId: 'c_star' }, mcnId: 'mcn_1', priority: 0, legs: [{ party: 'platform', basisPoints: 500 }, { party: 'creator', basisPoints: 2000 }, { party: 'mcn', basisPoints: 500 }] },
  ] });
  expect(rules.statusCode, rules.body).toBe(200);
  expect((await send('POST', '/v1/ledger/pool/fund', { id: 'pool-1', amountFen: 500 })).statusCode).toBe(200);
  ids.a = await placePaid('ledger-a-0001', 'tea', 2, 'c_star');
  ids.l = await placePaid('ledger-l-0001', 'lamp', 1);
  clock.set(T0 + HOUR);
  await logistics(ids.a, 'shipped');
  clock.set(T0 + 2 * HOUR);
  ids.b = await placePaid('ledger-b-0001', 'cup', 1, 'c_star');
  clock.set(T0 + 49 * HOUR);
  expect((await t.app.orderSweeper.sweep()).compensated.map((o) => o.id)).toEqual([ids.l]);
  url = await t.listen();
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.skipIf(!browserPath)('ledger page in Chromium', () => {
  it('shows the money as the API answers it in Chinese, and a refund made while it is open', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=zh#/ledger`);
    await waitForPage(page, 'ledger');
    expect(await page.title()).toBe('分账与资金账本 · Reelpath');
    expect(await textOf(page, 'nav a[data-page="ledger"]')).toBe('分账账本');
    expect(await page.locator('.card[data-state="ready"]').count()).toBe(5);
    // By hand: paid in 500 + 13,800 + 19,900 + 1,500; held: every leg (A, B, L) is pending; L's
    // compensation 995 = 500 pool + 495 owed by the merchant; the creator's pending is A's and B's 20 %.
    expect(await tiles(page)).toEqual({ 'paid-in': '¥357.00', held: '¥352.00', 'paid-out': '¥0.00', refunded: '¥0.00', compensation: '¥9.95', receivables: '¥4.95' });
    expect(await textOf(page, 'tr[data-account="creator:c_star:CNY"] [data-field="pending"]')).toBe('¥30.60');
    await checkPage(page, 'zh');
    // An order id in the journal looks the order up.
    await page.locator(`[data-table="ledger-journal"] tr[data-order="${ids.a}"] [data-action="lookup-order"]`).first().click();
    await page.locator(`[data-order-split="${ids.a}"]`).waitFor();
    expect(await page.inputValue('[data-form="ledger-order"] input[name="orderId"]')).toBe(ids.a);
    const a = (await api<{ split: Split }>(`/v1/ledger/orders/${ids.a}`)).split;
    expect(a.legs.map((l) => [l.account, l.amountFen])).toEqual([['platform:CNY', 690], ['creator:c_star:CNY', 2_760], ['mcn:mcn_1:CNY', 690], ['merchant:t1:CNY', 9_660]]);
    expect(await legsOnPage(page, ids.a)).toEqual(a.legs.map((l) => [l.account, yuan(l.amountFen)]));
    expect(await textOf(page, `[data-order-split="${ids.a}"] [data-field="split-status"]`)).toBe('退款期内');
    expect(await textOf(page, `[data-order-split="${ids.a}"] [data-field="window"]`)).toBe('未签收，退款期尚未开始');
    const l = await lookup(page, ids.l);
    expect(l.compensation).toMatchObject({ amountFen: 995, fromPool: 500, fromMerchant: 0, owed: 495 });
    expect(await page.locator(`[data-order-split="${ids.l}"] [data-field="compensation"] td`).allTextContents()).toEqual(['¥5.00', '¥0.00', '¥4.95']);

    // The provider refunds B while the page is open: the next refresh shows it, no reload.
    await lookup(page, ids.b);
    await callback(ids.b, 1_500, 'refunded');
    await page.locator('[data-tile="refunded"] .tile-value', { hasText: '¥15.00' }).waitFor({ timeout: 8000 });
    expect(await textOf(page, 'tr[data-account="creator:c_star:CNY"] [data-field="pending"]')).toBe('¥27.60');
    await page.locator(`[data-order-split="${ids.b}"][data-status="refunded"]`).waitFor({ timeout: 8000 });
    expect(await textOf(page, `[data-order-split="${ids.b}"] [data-field="split-status"]`)).toBe('已全额退款');
    expect(await page.locator(`[data-order-split="${ids.b}"] [data-table="order-legs"]`).count()).toBe(0);
    expect(await textOf(page, `[data-order-split="${ids.b}"] [data-refund] [data-field="refund-mode"]`)).toBe('退款期内撤销分账');
    // Its four split legs now read voided, in the order's entries and in the journal.
    expect(await page.locator(`[data-order-split="${ids.b}"] tr[data-memo="split"] [data-field="status"]`).allTextContents()).toEqual(['已撤销', '已撤销', '已撤销', '已撤销']);
    await expect.poll(() => page.locator(`[data-table="ledger-journal"] tr[data-memo="void"][data-order="${ids.b}"]`).count(), { timeout: 8000 }).toBe(4);
    await checkPage(page, 'zh');
    await screenshot(page, 'ledger-zh');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows posted legs, clawbacks, statements and a new compensation in English', async () => {
    clock.set(T0 + 49 * HOUR);
    await logistics(ids.a, 'delivered');
    clock.set(T0 + 49 * HOUR + 7 * DAY);
    expect(await t.app.settlement.settleDue()).toBe(1);
    expect((await send('POST', `/v1/ledger/orders/${ids.a}/refunds`, { refundId: 'as_1', amountFen: 1_380 })).statusCode).toBe(200);
    // Enough further orders (shipped, so no promise is missed) that the journal has more than one page.
    for (let i = 0; i < 6; i++) await logistics(await placePaid(`ledger-x-000${i}`, 'tea', 1, 'c_star'), 'shipped');
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    const requests: number[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/v1/ledger')) requests.push(Date.now()); });
    await page.goto(`${url}?lang=en#/ledger`);
    await waitForPage(page, 'ledger');
    expect(await textOf(page, '.page-head h1')).toBe('Commission ledger');
    expect(await textOf(page, 'nav a[data-page="ledger"]')).toBe('Ledger');
    // By hand: A's 13,800 posted, less the creator's 276 and the MCN's 69 clawed back and the 495 the
    // merchant repaid; refunded B's 1,500 and A's 1,380; owed: the platform's 69 and the merchant's 966.
    const t1 = await tiles(page);
    expect([t1['paid-out'], t1.refunded, t1.receivables]).toEqual(['¥129.60', '¥28.80', '¥10.35']);
    await checkPage(page, 'en');

    // The "more" button pages back until the whole journal is shown.
    const all = (await api<{ entries: Entry[] }>('/v1/ledger/journal?limit=1000')).entries;
    expect(all.length).toBeGreaterThan(50);
    await page.click('[data-card="ledger-journal"] [data-action="more"]');
    await page.locator('[data-table="ledger-journal"] tbody tr').nth(all.length - 1).waitFor();
    expect(await page.locator('[data-table="ledger-journal"] tbody tr').evaluateAll((n) => n.map((x) => Number(x.getAttribute('data-seq'))))).toEqual(all.map((e) => e.seq));
    expect(await page.locator('[data-card="ledger-journal"] [data-action="more"]').isVisible()).toBe(false);

    const a = await lookup(page, ids.a);
    expect(await textOf(page, `[data-order-split="${ids.a}"] [data-field="split-status"]`)).toBe('Settled');
    expect(a.refunds[0]!.clawbacks.map((c) => [c.account, c.fromPending, c.fromAvailable])).toEqual([['platform:CNY', 69, 0], ['creator:c_star:CNY', 0, 276], ['mcn:mcn_1:CNY', 0, 69], ['merchant:t1:CNY', 966, 0]]);
    const claws = `[data-order-split="${ids.a}"] tr[data-clawback]`;
    expect(await page.locator(claws).evaluateAll((n) => n.map((x) => x.getAttribute('data-clawback')))).toEqual(a.refunds[0]!.clawbacks.map((c) => c.account));
    expect(await page.locator(`${claws} [data-field="from-pending"]`).allTextContents()).toEqual(['¥0.69', '¥0.00', '¥0.00', '¥9.66']);
    expect(await page.locator(`${claws} [data-field="from-available"]`).allTextContents()).toEqual(['¥0.00', '¥2.76', '¥0.69', '¥0.00']);
    expect(await textOf(page, `[data-order-split="${ids.a}"] [data-refund="as_1"] [data-field="refund-mode"]`)).toBe('Clawed back after the window');
    expect(await legsOnPage(page, ids.a)).toEqual(a.legs.map((l) => [l.account, yuan(l.amountFen)]));

    // The creator's statement over the server's last 30 days: opening zero, closing its balances now.
    const creator = (await api<{ accounts: Account[] }>('/v1/ledger/accounts')).accounts.find((x) => x.id === 'creator:c_star:CNY')!;
    await page.click('tr[data-account="creator:c_star:CNY"] [data-action="statement"]');
    const statement = '[data-statement="creator:c_star:CNY"]';
    await page.locator(statement).waitFor();
    expect(await page.locator(`${statement} tr[data-row="opening"] td`).allTextContents()).toEqual(['Opening', '¥0.00', '¥0.00', '¥0.00']);
    expect(await page.locator(`${statement} tr[data-row="closing"] td`).allTextContents()).toEqual(['Closing', yuan(creator.pendingFen), yuan(creator.postedFen), yuan(creator.availableFen)]);
    expect(await textOf(page, `${statement} tr[data-memo="clawback"] [data-field="amount"]`)).toBe('-¥2.76');

    // M is paid and misses its promise while the page is open: paid in and compensation follow.
    ids.m = await placePaid('ledger-m-0001', 'cup', 1);
    clock.advance(49 * HOUR);
    expect((await t.app.orderSweeper.sweep()).compensated.map((o) => o.id)).toEqual([ids.m]);
    const m = (await api<{ split: Split }>(`/v1/ledger/orders/${ids.m}`)).split.compensation!;
    expect(m.fromMerchant).toBe(m.amountFen); // the pool is empty; the merchant's available earnings pay
    await page.locator('[data-tile="compensation"] .tile-value', { hasText: yuan(995 + m.amountFen) }).waitFor({ timeout: 8000 });
    await checkPage(page, 'en');
    await screenshot(page, 'ledger-en');

    // Leaving the page stops the refresh: no ledger request in the next 4 s.
    await page.click('nav a[data-page="orders"]');
    await waitForPage(page, 'orders');
    const left = requests.length;
    await page.waitForTimeout(4000);
    expect(requests.length).toBe(left);
    expect(errors).toEqual([]);
    await page.close();
  });

  // Whether the header's links fit a laptop is orders.browser.test.ts's check (the header is shared).
  it('fits a phone (390 px) and a laptop (1280 px) without horizontal scrolling', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const lang of ['zh', 'en'] as const) {
        await page.goto(`${url}?lang=${lang}#/ledger`);
        await waitForPage(page, 'ledger');
        expect(await page.locator('[data-chart="ledger-balances"] svg').count()).toBe(1);
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${lang} ${width}`).toBeLessThanOrEqual(width);
        if (width === 390) await screenshot(page, `ledger-${lang}-phone`);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
