import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/shared/time.js';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { chromiumPath, openBrowser, screenshot, signedInPage, textOf, waitForPage, watchErrors } from '../harness/browser.js';

// The orders page (#/orders) in a real Chromium over a real server with embedded stores, on a fixed clock.
// A shop with tea and cups runs a live sale. Order A (2 tea, in the sale) is paid at T0 and never ships:
// 49 hours later the sweeper compensates its missed 48-hour promise with a 5 % coupon (¥6.90). Order B
// (both cups, in the sale) is paid at T0+4h, so it is due within 6 hours; C (tea, in the sale) is never
// paid and expires; D (tea, in the sale) is placed after the sweep and awaits payment; E (tea, outside
// the sale) is paid and shipped. The page must show what the API answers — the overdue order with its
// compensation and how late it is by the server's clock (not the browser's), the at-risk order with the
// time left, the sale's stock per SKU as stacked bars (cups sold out), the recent orders with their
// states in Chinese and English — refresh the sale while open and stop when left, show empty states for
// a shop with nothing, fit a phone, and log no errors.
const browserPath = chromiumPath();
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const clock = fixedClock(T0);
let t: TestApp;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let url = '';
const ids: Record<'late' | 'risk' | 'idle' | 'wait' | 'shipped', string> = { late: '', risk: '', idle: '', wait: '', shipped: '' };

interface Compensation { kind: string; amountFen: number; reason: string; promiseDue: number; at: number }
interface Order {
  id: string; buyer: string; state: string; amountFen: number; promiseDue: number | null; createdAt: number;
  allocations: { sku: string; warehouse: string; quantity: number }[]; compensation: Compensation | null;
}
interface Board { now: number; withinHours: number; overdue: Order[]; atRisk: Order[]; compensatedFen: number }
interface SaleStock { sale: { id: string; skus: string[] }; stock: { sku: string; warehouse: string; available: number; reserved: number; sold: number }[] }

// Written out by hand from the brief, independently of the dashboard's message files.
const STATES = {
  zh: { reserved: '待支付', paid: '已支付', picked: '已拣货', shipped: '已发货', in_transit: '运输中', delivered: '已签收', cancelled: '已取消', expired: '已超时', refunded: '已退款' },
  en: { reserved: 'Awaiting payment', paid: 'Paid', picked: 'Picked', shipped: 'Shipped', in_transit: 'In transit', delivered: 'Delivered', cancelled: 'Cancelled', expired: 'Expired', refunded: 'Refunded' },
} as const;

const send = (method: 'POST' | 'PUT', path: string, payload: unknown) =>
  t.server.inject({ method, url: path, payload: payload as never, headers: { authorization: `Bearer ${t.secretKey}` } });

async function api<T>(path: string): Promise<T> {
  const res = await t.get(path);
  expect(res.statusCode, path).toBe(200);
  return res.json() as T;
}

/** Places an order for `buyer` (destination Zhejiang) and answers its id. */
async function place(clientKey: string, buyer: string, sku: string, quantity: number, saleId?: string): Promise<string> {
  const res = await send('POST', '/v1/orders', { clientKey, buyer, lines: [{ sku, quantity }], destination: { region: 'CN-ZJ' }, ...(saleId ? { saleId } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { order: Order }).order.id;
}

async function pay(id: string): Promise<void> {
  const { transition } = await t.app.orderEvents.apply('t1', id, 'pay');
  expect(transition.outcome).toBe('applied');
}

/** The sale's stock per SKU summed over warehouses, as the API answers it. */
async function saleTotals(): Promise<Map<string, { sold: number; reserved: number; available: number }>> {
  const { stock } = await api<SaleStock>('/v1/sales/live_1');
  const totals = new Map<string, { sold: number; reserved: number; available: number }>();
  for (const s of stock) {
    const x = totals.get(s.sku) ?? { sold: 0, reserved: 0, available: 0 };
    totals.set(s.sku, { sold: x.sold + s.sold, reserved: x.reserved + s.reserved, available: x.available + s.available });
  }
  return totals;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

beforeAll(async () => {
  if (!browserPath) return;
  t = await startTestApp({ clock });
  expect((await send('PUT', '/v1/catalogue', {
    products: [{ id: 'p_tea', name: '龙井茶' }, { id: 'p_cup', name: '茶杯' }],
    skus: [{ id: 'tea', productId: 'p_tea', name: '龙井 250g', priceFen: 6900 }, { id: 'cup', productId: 'p_cup', name: '青瓷杯', priceFen: 1500 }],
    warehouses: [
      { id: 'wh_hz', name: '杭州仓', region: 'CN-ZJ', lat: 30.2741, lon: 120.1551 },
      { id: 'wh_nb', name: '宁波仓', region: 'CN-ZJ', lat: 29.8683, lon: 121.544 },
    ],
  })).statusCode).toBe(200);
  const stock = await send('POST', '/v1/stock/adjustments', { adjustments: [
    { sku: 'tea', warehouse: 'wh_hz', delta: 6, reason: 'import', ref: 'po-1' },
    { sku: 'tea', warehouse: 'wh_nb', delta: 4, reason: 'import', ref: 'po-1' },
    { sku: 'cup', warehouse: 'wh_hz', delta: 2, reason: 'import', ref: 'po-1' },
  ] });
  expect(stock.json()).toEqual({ accepted: 3, rejected: [] });
  expect((await send('PUT', '/v1/sales/live_1', { name: '双十一直播专场', skus: ['tea', 'cup'], perBuyerLimit: 5 })).statusCode).toBe(200);

  ids.late = await place('order-late-0001', 'buyer_late', 'tea', 2, 'live_1');
  await pay(ids.late);
  ids.shipped = await place('order-ship-0001', 'buyer_ship', 'tea', 1);
  await pay(ids.shipped);
  clock.advance(HOUR);
  expect((await send('POST', `/v1/orders/${ids.shipped}/logistics`, { status: 'shipped', carrier: 'SF' })).statusCode).toBe(200);
  clock.set(T0 + 4 * HOUR);
  ids.risk = await place('order-risk-0001', 'buyer_risk', 'cup', 2, 'live_1');
  await pay(ids.risk);
  ids.idle = await place('order-idle-0001', 'buyer_idle', 'tea', 1, 'live_1');
  // 49 hours after A was paid: A is an hour past its 48-hour promise, B is due in 3 hours, C timed out.
  clock.set(T0 + 49 * HOUR);
  const sweep = await t.app.orderSweeper.sweep();
  expect(sweep.compensated.map((o) => o.id)).toEqual([ids.late]);
  ids.wait = await place('order-wait-0001', 'buyer_wait', 'tea', 1, 'live_1');
  url = await t.listen();
  browser = await openBrowser(browserPath);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Checks the whole page against the API's answers in one language. */
async function checkPage(page: Page, lang: 'zh' | 'en'): Promise<void> {
  const board = await api<Board>('/v1/orders/overdue?withinHours=6');
  // The scenario as the API sees it (the page must follow it, not the browser's clock).
  expect(board.overdue.map((o) => o.id)).toEqual([ids.late]);
  expect(board.atRisk.map((o) => o.id)).toEqual([ids.risk]);
  const late = board.overdue[0]!;
  expect(late.compensation).toMatchObject({ kind: 'coupon', amountFen: 690, reason: 'ship_by_breach' });
  expect(board.now - late.promiseDue!).toBe(HOUR);
  expect(board.atRisk[0]!.promiseDue! - board.now).toBe(3 * HOUR);

  // Overdue board: ids in the API's order, how late, the compensation badge, the total.
  expect(await page.locator('[data-list="overdue"] li[data-order]').evaluateAll((n) => n.map((x) => x.getAttribute('data-order')))).toEqual(board.overdue.map((o) => o.id));
  expect(await page.locator('[data-list="at-risk"] li[data-order]').evaluateAll((n) => n.map((x) => x.getAttribute('data-order')))).toEqual(board.atRisk.map((o) => o.id));
  const item = `[data-list="overdue"] li[data-order="${late.id}"]`;
  expect(await textOf(page, `${item} [data-field="id"]`)).toBe(late.id);
  expect(await textOf(page, `${item} [data-field="buyer"]`)).toBe('buyer_late');
  expect(await textOf(page, `${item} [data-field="amount"]`)).toBe(yuan(late.amountFen));
  expect(await textOf(page, `${item} [data-field="overdue-for"]`)).toBe(lang === 'zh' ? '超时 1 小时' : '1 h overdue');
  expect(await textOf(page, `${item} [data-field="compensation"]`)).toBe(lang === 'zh' ? `已补偿 ${yuan(late.compensation!.amountFen)} 优惠券` : `Compensated ${yuan(late.compensation!.amountFen)} coupon`);
  expect(await textOf(page, `${item} [data-field="compensation"]`)).toContain('¥6.90');
  expect(await textOf(page, `[data-list="at-risk"] li[data-order="${ids.risk}"] [data-field="time-left"]`)).toBe(lang === 'zh' ? '剩余 3 小时' : '3 h left');
  expect(await textOf(page, '[data-tile="compensated"] .tile-value')).toBe(yuan(board.compensatedFen));
  expect(await textOf(page, '[data-tile="overdue"] .tile-value')).toBe(String(board.overdue.length));
  expect(await textOf(page, '[data-tile="at-risk"] .tile-label')).toBe(lang === 'zh' ? '6 小时内到期' : 'Due within 6 h');

  // The sale's bars: one per SKU, the numbers behind them equal to the API's sums over warehouses.
  const totals = await saleTotals();
  expect(Object.fromEntries(totals)).toEqual({ tea: { sold: 3, reserved: 1, available: 6 }, cup: { sold: 2, reserved: 0, available: 0 } });
  const sale = '[data-sale="live_1"]';
  for (const [sku, x] of totals) {
    const row = page.locator(`${sale} tr[data-sku="${sku}"]`);
    expect(await row.getAttribute('data-sold'), sku).toBe(String(x.sold));
    expect(await row.getAttribute('data-reserved'), sku).toBe(String(x.reserved));
    expect(await row.getAttribute('data-available'), sku).toBe(String(x.available));
    expect((await row.locator('td').allTextContents()).slice(1).map((s) => s.trim()), sku).toEqual([String(x.sold), String(x.reserved), String(x.available)]);
    expect(await row.locator('[data-field="sold-out"]').count(), sku).toBe(x.available === 0 ? 1 : 0);
  }
  expect(await textOf(page, `${sale} tr[data-sku="cup"] [data-field="sold-out"]`)).toBe(lang === 'zh' ? '售罄' : 'Sold out');
  const chart = page.locator(`${sale} [data-chart="sale-live_1"]`);
  expect(await chart.getAttribute('data-points')).toBe(String(totals.size));
  const texts = (await chart.locator('svg text').allTextContents()).map((s) => s.trim());
  const legend = lang === 'zh' ? ['已售', '待支付', '可售'] : ['Sold', 'Awaiting payment', 'Available'];
  expect(texts).toEqual(expect.arrayContaining([...legend, 'tea', 'cup', lang === 'zh' ? '售罄' : 'Sold out', '3', '1', '6', '2']));
  // Stacked bars: the sold segment of each SKU is drawn in its colour (two SKUs, both with sales).
  expect(await chart.locator('svg path').evaluateAll((n) => n.filter((x) => (x.getAttribute('fill') ?? '').toLowerCase() === '#59a14f').length)).toBeGreaterThanOrEqual(2);

  // Recent orders: the API's orders in its order, states translated.
  const { orders } = await api<{ orders: Order[] }>('/v1/orders?limit=50');
  expect(new Set(orders.map((o) => o.state))).toEqual(new Set(['paid', 'shipped', 'expired', 'reserved']));
  const rows = page.locator('[data-table="orders"] tbody tr');
  expect(await rows.evaluateAll((n) => n.map((x) => x.getAttribute('data-order')))).toEqual(orders.map((o) => o.id));
  for (const o of orders) {
    const row = `[data-table="orders"] tr[data-order="${o.id}"]`;
    expect(await textOf(page, `${row} [data-field="state"]`), o.id).toBe(STATES[lang][o.state as keyof (typeof STATES)['zh']]);
    expect(await textOf(page, `${row} [data-field="amount"]`)).toBe(yuan(o.amountFen));
    expect(await textOf(page, `${row} [data-field="warehouses"]`)).toBe([...new Set(o.allocations.map((a) => a.warehouse))].join(', '));
  }
}

/** How many texts of the sale's chart read 1 and 3 (segment labels: the value axis ticks are even). */
async function segmentLabels(page: Page): Promise<{ ones: number; threes: number }> {
  const texts = (await page.locator('[data-chart="sale-live_1"] svg text').allTextContents()).map((x) => x.trim());
  return { ones: texts.filter((x) => x === '1').length, threes: texts.filter((x) => x === '3').length };
}

describe.skipIf(!browserPath)('orders page in Chromium', () => {
  it('shows the overdue board, the sale\'s stock and the recent orders as the API answers them, in Chinese', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=zh#/orders`);
    await waitForPage(page, 'orders');
    expect(await page.title()).toBe('订单与履约 · Reelpath');
    expect(await textOf(page, 'nav a[data-page="orders"]')).toBe('订单履约');
    expect(await page.locator('.card[data-state="ready"]').count()).toBe(3);
    await checkPage(page, 'zh');
    await screenshot(page, 'orders-zh');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the same in English', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    await page.goto(`${url}?lang=en#/orders`);
    await waitForPage(page, 'orders');
    expect(await textOf(page, 'nav a[data-page="orders"]')).toBe('Orders');
    expect(await textOf(page, '.page-head h1')).toBe('Orders & fulfilment');
    await checkPage(page, 'en');
    await screenshot(page, 'orders-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone (390 px) and a laptop (1280 px) without horizontal scrolling', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const lang of ['zh', 'en'] as const) {
        await page.goto(`${url}?lang=${lang}#/orders`);
        await waitForPage(page, 'orders');
        expect(await page.getAttribute('[data-chart="sale-live_1"]', 'data-points')).toBe('2');
        expect(await page.locator(`[data-list="overdue"] li[data-order="${ids.late}"]`).isVisible()).toBe(true);
        expect(await page.evaluate('document.documentElement.scrollWidth'), `${lang} ${width}`).toBeLessThanOrEqual(width);
        // On a laptop every page's link fits the header (on a phone the links scroll sideways by design).
        if (width === 1280) {
          const nav = await page.evaluate('(() => { const n = document.getElementById("nav"); return [n.scrollWidth, n.clientWidth]; })()') as number[];
          expect(nav[0], lang).toBeLessThanOrEqual(nav[1]!);
        }
        if (width === 390) await screenshot(page, `orders-${lang}-phone`);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows empty states for a shop with no orders and no sales', async () => {
    const empty = await t.app.tenants.createTenant('t2', 'Empty shop');
    // A profile of its own: pages of one profile share the signed-in key.
    const other = await openBrowser(browserPath!);
    try {
      const page = await signedInPage(other.context, empty.secretKey);
      const errors = watchErrors(page);
      for (const lang of ['zh', 'en'] as const) {
        await page.goto(`${url}?lang=${lang}#/orders`);
        await waitForPage(page, 'orders');
        expect(await page.locator('.card[data-state="ready"]').count()).toBe(3);
        expect(await textOf(page, '[data-list="overdue"] [data-field="empty"]')).toBe(lang === 'zh' ? '没有超时订单' : 'No overdue orders');
        expect(await textOf(page, '[data-list="at-risk"] [data-field="empty"]')).toBe(lang === 'zh' ? '6 小时内没有到期的订单' : 'Nothing due within 6 h');
        expect(await textOf(page, '[data-card="orders-sales"] [data-field="empty"]')).toBe(lang === 'zh' ? '还没有直播专场' : 'No live sales yet');
        expect(await textOf(page, '[data-card="orders-recent"] [data-field="empty"]')).toBe(lang === 'zh' ? '还没有订单' : 'No orders yet');
        expect(await textOf(page, '[data-tile="compensated"] .tile-value')).toBe('¥0.00');
        expect(await page.locator('[data-chart]').count()).toBe(0);
      }
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  // Last: it places another order in the sale.
  it('refreshes the sale\'s stock every 2 s while the page is open, and stops when it is left', async () => {
    const page = await signedInPage(browser.context, t.secretKey);
    const errors = watchErrors(page);
    const saleRequests: number[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/v1/sales')) saleRequests.push(Date.now()); });
    await page.goto(`${url}?lang=en#/orders`);
    await waitForPage(page, 'orders');
    const tea = '[data-sale="live_1"] tr[data-sku="tea"]';
    expect(await page.getAttribute(tea, 'data-reserved')).toBe('1');
    expect(await segmentLabels(page)).toEqual({ ones: 1, threes: 1 });
    await place('order-live-0001', 'buyer_live', 'tea', 2, 'live_1');
    const after = (await saleTotals()).get('tea')!;
    expect(after).toEqual({ sold: 3, reserved: 3, available: 4 });
    // No reload: the page's own refresh picks it up.
    await page.locator(`${tea}[data-reserved="${after.reserved}"][data-available="${after.available}"][data-sold="${after.sold}"]`).waitFor({ timeout: 6000 });
    expect(await page.getAttribute('[data-chart="sale-live_1"]', 'data-points')).toBe('2');
    // The same chart, its bars updated in place: tea's segments read 3 sold, 3 awaiting payment, 4
    // available (before: 3, 1, 6). The axis ticks (0, 2, … 10) have neither a 1 nor a 3.
    await expect.poll(() => segmentLabels(page), { timeout: 3000 }).toEqual({ ones: 0, threes: 2 });
    expect(await textOf(page, '[data-card="orders-sales"] [data-field="refresh-status"]')).toBe('Updates every 2 s');
    // Leaving the page stops the refresh: no request for the sales in the next 2.5 s.
    await page.click('nav a[data-page="overview"]');
    await waitForPage(page, 'overview');
    const left = saleRequests.length;
    await page.waitForTimeout(2500);
    expect(saleRequests.length).toBe(left);
    expect(errors).toEqual([]);
    await page.close();
  });
});
