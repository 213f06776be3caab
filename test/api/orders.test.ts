import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { fixedClock } from '../../src/shared/time.js';
import { sendPaymentCallback } from '../harness/payments.js';
import { commerceWorld } from '../builders/commerce.builder.js';
import { commerceBackends } from '../harness/commerce-backends.js';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

// The same scenario on every backend: embedded SQLite, PostgreSQL, and PostgreSQL with Redis for stock.
for (const backend of await commerceBackends('orders_api')) {
describe(`orders over the API — ${backend.name}`, () => {
  const clock = fixedClock(T0);
  let t: TestApp;

  const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown, key = t.secretKey): Promise<LightMyRequestResponse> =>
    t.server.inject({ method, url, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
  const place = (body: Record<string, unknown>) => send('POST', '/v1/orders', { buyer: 'buyer_1', destination: { region: 'CN-ZJ' }, ...body });
  const levels = async (sku: string) => (await send('GET', `/v1/stock?sku=${sku}`)).json().levels as Array<{ warehouse: string; available: number; reserved: number; sold: number }>;
  let callbacks = 0;
  async function callback(body: Record<string, unknown>, opts: { secret?: string; ts?: number } = {}): Promise<LightMyRequestResponse> {
    return sendPaymentCallback(t, 't1', { callbackId: `cb_${++callbacks}`, ...body }, opts);
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, env: backend.env });
    const world = commerceWorld();
    expect((await send('PUT', '/v1/catalogue', world.catalogue)).statusCode).toBe(200);
    const adj = await send('POST', '/v1/stock/adjustments', { adjustments: world.stock });
    expect(adj.json()).toEqual({ accepted: world.stock.length, rejected: [] });
  });
  afterAll(async () => { await t.close(); });

  it('places an order at the nearest warehouse with stock; the same client key returns the same order; other content is refused', async () => {
    const first = await place({ clientKey: 'key-00000001', lines: [{ sku: 'tea', quantity: 2 }] });
    expect(first.statusCode).toBe(201);
    const order = first.json().order;
    expect(order).toMatchObject({ state: 'reserved', amountFen: 2 * 6900, allocations: [{ sku: 'tea', warehouse: 'wh_hz', quantity: 2 }] });
    const again = await place({ clientKey: 'key-00000001', lines: [{ sku: 'tea', quantity: 2 }] });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ order, replay: true });
    const other = await place({ clientKey: 'key-00000001', lines: [{ sku: 'tea', quantity: 3 }] });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('orders_idempotency_mismatch');
    const north = await place({ clientKey: 'key-00000002', lines: [{ sku: 'tea', quantity: 1 }], destination: { region: 'CN-BJ' } });
    expect(north.json().order.allocations).toEqual([{ sku: 'tea', warehouse: 'wh_bj', quantity: 1 }]);
    expect(await levels('tea')).toEqual([
      { sku: 'tea', warehouse: 'wh_bj', available: 49, reserved: 1, sold: 0 },
      { sku: 'tea', warehouse: 'wh_gz', available: 50, reserved: 0, sold: 0 },
      { sku: 'tea', warehouse: 'wh_hz', available: 8, reserved: 2, sold: 0 },
    ]);
  });

  it('refuses bad input with clear codes and changes nothing', async () => {
    const before = await levels('tea');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ clientKey: 'bad-qty-0001', lines: [{ sku: 'tea', quantity: 0 }] }, 400, 'inventory_invalid_quantity'],
      [{ clientKey: 'bad-qty-0002', lines: [{ sku: 'tea', quantity: -3 }] }, 400, 'inventory_invalid_quantity'],
      [{ clientKey: 'bad-sku-0001', lines: [{ sku: 'nope', quantity: 1 }] }, 400, 'inventory_unknown_sku'],
      [{ clientKey: 'short', lines: [{ sku: 'tea', quantity: 1 }] }, 400, 'orders_invalid_request'],
      [{ clientKey: 'too-many-0001', lines: [{ sku: 'tea', quantity: 500 }] }, 409, 'orders_sold_out'],
    ];
    for (const [body, status, code] of cases) {
      const r = await place(body);
      expect([r.statusCode, r.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await levels('tea')).toEqual(before);
  });

  it('bundles reserve every part or none', async () => {
    const ok = await place({ clientKey: 'bundle-0001', lines: [{ sku: 'gift_box', quantity: 2 }] });
    expect(ok.json().order.allocations).toEqual([{ sku: 'tea', warehouse: 'wh_hz', quantity: 2 }, { sku: 'cup', warehouse: 'wh_hz', quantity: 4 }]);
    const cupsBefore = await levels('cup');
    const teaBefore = await levels('tea');
    const tooMany = await place({ clientKey: 'bundle-0002', lines: [{ sku: 'gift_box', quantity: 3 }] }); // 6 cups needed, 2 left
    expect(tooMany.json().error.code).toBe('orders_sold_out');
    expect(tooMany.json().error.details.sku).toBe('cup');
    expect(await levels('cup')).toEqual(cupsBefore);
    expect(await levels('tea')).toEqual(teaBefore);
  });

  it('takes signed payment callbacks once, refuses forged, stale, unknown and underpaid ones', async () => {
    const o = (await place({ clientKey: 'pay-00000001', lines: [{ sku: 'tea', quantity: 1 }], destination: { region: 'CN-GD' } })).json().order;
    expect((await callback({ orderId: o.id, type: 'paid', amountFen: 6900 }, { secret: 'paysec_forged' })).json().error.code).toBe('orders_bad_signature');
    expect((await callback({ orderId: o.id, type: 'paid', amountFen: 6900 }, { ts: clock.now() - 10 * 60_000 })).json().error.code).toBe('orders_callback_expired');
    expect((await callback({ orderId: 'ord_nope', type: 'paid', amountFen: 6900 })).statusCode).toBe(404);
    expect((await callback({ orderId: o.id, type: 'paid', amountFen: 100 })).json().error.code).toBe('orders_amount_mismatch');
    expect((await send('GET', `/v1/orders/${o.id}`)).json().state).toBe('reserved');
    const paid = await callback({ callbackId: 'cb_pay_1', orderId: o.id, type: 'paid', amountFen: 6900 });
    expect(paid.json()).toEqual({ orderId: o.id, state: 'paid', outcome: 'applied' });
    expect((await callback({ callbackId: 'cb_pay_1', orderId: o.id, type: 'paid', amountFen: 6900 })).json()).toEqual({ orderId: o.id, state: 'paid', outcome: 'replay' });
    expect((await callback({ orderId: o.id, type: 'paid', amountFen: 6900 })).json().outcome).toBe('replay');
    expect((await levels('tea')).find((l) => l.warehouse === 'wh_gz')).toMatchObject({ available: 49, reserved: 0, sold: 1 });
  });

  it('refuses logistics out of order and keeps the state; shipping in time keeps the promise', async () => {
    const o = (await place({ clientKey: 'ship-0000001', lines: [{ sku: 'tea', quantity: 1 }] })).json().order;
    const early = await send('POST', `/v1/orders/${o.id}/logistics`, { status: 'shipped' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'orders_logistics_out_of_order']);
    await callback({ orderId: o.id, type: 'paid', amountFen: 6900 });
    expect((await send('POST', `/v1/orders/${o.id}/logistics`, { status: 'delivered' })).json().error.code).toBe('orders_logistics_out_of_order');
    expect((await send('POST', `/v1/orders/${o.id}/logistics`, { status: 'shipped', carrier: 'SF', trackingNo: 'SF123' })).json().order.state).toBe('shipped');
    expect((await send('POST', `/v1/orders/${o.id}/logistics`, { status: 'picked' })).json().error.code).toBe('orders_logistics_out_of_order');
    expect((await send('POST', `/v1/orders/${o.id}/logistics`, { status: 'shipped' })).json().outcome).toBe('replay');
    const after = (await send('GET', `/v1/orders/${o.id}`)).json();
    expect(after).toMatchObject({ state: 'shipped', compensation: null, logistics: [{ status: 'ship', carrier: 'SF', trackingNo: 'SF123', source: 'api' }] });
  });

  it('moves an order mirrored from Douyin Shop when its ship message arrives through the platform webhook', async () => {
    const { readFileSync } = await import('node:fs');
    const fixture = readFileSync(new URL('../../src/modules/platforms/fixtures/douyin_shop/trade-seller-ship.json', import.meta.url), 'utf8');
    const o = (await place({ clientKey: 'douyin_shop:6921870215936054216', lines: [{ sku: 'tea', quantity: 1 }] })).json().order;
    await callback({ orderId: o.id, type: 'paid', amountFen: o.amountFen });
    const hook = await t.server.inject({ method: 'POST', url: '/v1/webhooks/douyin_shop', payload: fixture, headers: { authorization: `Bearer ${t.writeKey}`, 'content-type': 'application/json' } });
    expect(hook.json().logistics).toEqual([{ orderId: o.id, platformOrderId: '6921870215936054216', event: 'ship', outcome: 'applied' }]);
    const after = (await send('GET', `/v1/orders/${o.id}`)).json();
    expect([after.state, after.logistics[0].source]).toEqual(['shipped', 'douyin_shop']);
    const again = await t.server.inject({ method: 'POST', url: '/v1/webhooks/douyin_shop', payload: fixture, headers: { authorization: `Bearer ${t.writeKey}`, 'content-type': 'application/json' } });
    expect(again.json().logistics[0].outcome).toBe('replay');
  });

  it('releases an unpaid order within a sweep after its deadline; a late payment re-reserves or is refunded', async () => {
    const a = (await place({ clientKey: 'late-0000001', lines: [{ sku: 'lamp', quantity: 1 }] })).json().order;
    const b = (await place({ clientKey: 'late-0000002', lines: [{ sku: 'lamp', quantity: 1 }] })).json().order;
    expect((await place({ clientKey: 'late-0000003', lines: [{ sku: 'lamp', quantity: 1 }] })).json().error).toMatchObject({ code: 'orders_sold_out', details: { held: 2 } });
    const retry = await place({ clientKey: 'late-0000001', lines: [{ sku: 'lamp', quantity: 1 }] }); // sold out, but this key has its order
    expect([retry.statusCode, retry.json().order.id]).toEqual([200, a.id]);
    // Keys of recent orders are known in memory, so a new key is told "sold out" without a lookup.
    expect([t.app.orders.mayHavePlaced('t1', 'late-0000002'), t.app.orders.mayHavePlaced('t1', 'never-used-key')]).toEqual([true, false]);
    clock.advance(15 * 60_000 + 1);
    // Every order still awaiting payment is past its deadline now: the two lamps and three earlier ones.
    expect((await t.app.orderSweeper.sweep()).settled).toBe(5);
    expect((await send('GET', `/v1/orders/${a.id}`)).json().state).toBe('expired');
    expect(await levels('lamp')).toEqual([{ sku: 'lamp', warehouse: 'wh_hz', available: 2, reserved: 0, sold: 0 }]);
    const c = (await place({ clientKey: 'late-0000004', lines: [{ sku: 'lamp', quantity: 1 }] })).json().order;
    expect(c.state).toBe('reserved');
    expect((await callback({ orderId: a.id, type: 'paid', amountFen: a.amountFen })).json()).toMatchObject({ state: 'paid' }); // the last unit
    expect((await callback({ orderId: b.id, type: 'paid', amountFen: b.amountFen })).json()).toMatchObject({ state: 'refunded' }); // none left: refunded
    expect(await levels('lamp')).toEqual([{ sku: 'lamp', warehouse: 'wh_hz', available: 0, reserved: 1, sold: 1 }]);
  });

  it('compensates a missed ship-by promise exactly once, visible to the merchant and the buyer', async () => {
    const o = (await place({ clientKey: 'late-ship-01', lines: [{ sku: 'tea', quantity: 2 }] })).json().order;
    await callback({ orderId: o.id, type: 'paid', amountFen: o.amountFen });
    clock.advance(47 * 3_600_000);
    const board = (await send('GET', '/v1/orders/overdue?withinHours=6')).json();
    expect(board.atRisk.map((x: { id: string }) => x.id)).toContain(o.id);
    clock.advance(3_600_000 + 1);
    const first = await t.app.orderSweeper.sweep();
    expect(first.compensated.map((x) => x.id)).toContain(o.id);
    expect((await t.app.orderSweeper.sweep()).compensated).toEqual([]);
    const after = (await send('GET', `/v1/orders/${o.id}`)).json();
    expect(after.compensation).toMatchObject({ kind: 'coupon', amountFen: 690, reason: 'ship_by_breach', promiseDue: o.createdAt + 48 * 3_600_000 });
    const overdue = (await send('GET', '/v1/orders/overdue')).json();
    expect(overdue.overdue.find((x: { id: string }) => x.id === o.id).compensation.amountFen).toBe(690);
    const buyer = await send('GET', `/v1/orders/${o.id}/status?buyer=buyer_1`, undefined, t.writeKey);
    expect(buyer.json()).toMatchObject({ state: 'paid', compensation: { amountFen: 690 } });
    expect((await send('GET', `/v1/orders/${o.id}/status?buyer=someone_else`, undefined, t.writeKey)).statusCode).toBe(404);
  });

  it('enforces a sale\'s per-buyer limit and window', async () => {
    const sale = await send('PUT', '/v1/sales/live_1', { name: '直播专场', skus: ['tea'], perBuyerLimit: 2, opensAt: clock.now(), closesAt: clock.now() + 3_600_000 });
    expect(sale.statusCode).toBe(200);
    expect((await place({ clientKey: 'sale-000001', saleId: 'live_1', lines: [{ sku: 'tea', quantity: 2 }] })).statusCode).toBe(201);
    const over = await place({ clientKey: 'sale-000002', saleId: 'live_1', lines: [{ sku: 'tea', quantity: 1 }] });
    expect(over.json().error).toMatchObject({ code: 'orders_over_limit', details: { limit: 2, bought: 2 } });
    // A retry of the buyer's own order is answered with it, even at the limit.
    const retry = await place({ clientKey: 'sale-000001', saleId: 'live_1', lines: [{ sku: 'tea', quantity: 2 }] });
    expect([retry.statusCode, retry.json().replay]).toEqual([200, true]);
    expect((await place({ clientKey: 'sale-000003', saleId: 'live_1', buyer: 'buyer_2', lines: [{ sku: 'tea', quantity: 1 }] })).statusCode).toBe(201);
    expect((await place({ clientKey: 'sale-000004', saleId: 'live_1', lines: [{ sku: 'cup', quantity: 1 }] })).json().error.code).toBe('orders_invalid_request');
    const bad = await send('PUT', '/v1/sales/live_2', { name: 'x', skus: ['nope'], perBuyerLimit: 0 });
    expect(bad.json().error.details.problems).toEqual(expect.arrayContaining(['skus: unknown SKU nope', 'perBuyerLimit: an integer ≥ 1, or null for none']));
    clock.advance(3_600_000);
    expect((await place({ clientKey: 'sale-000005', saleId: 'live_1', buyer: 'buyer_3', lines: [{ sku: 'tea', quantity: 1 }] })).json().error.code).toBe('orders_sale_closed');
  });

  it('rejects bad stock adjustments item by item and lists movements', async () => {
    const r = await send('POST', '/v1/stock/adjustments', { adjustments: [
      { sku: 'tea', warehouse: 'wh_gz', delta: 5, reason: 'import', ref: 'po-9' },
      { sku: 'nope', warehouse: 'wh_gz', delta: 5, reason: 'import' },
      { sku: 'tea', warehouse: 'wh_mars', delta: 5, reason: 'import' },
      { sku: 'tea', warehouse: 'wh_gz', delta: -1000, reason: 'damaged' },
      { sku: 'gift_box', warehouse: 'wh_gz', delta: 1, reason: 'import' },
      { sku: 'tea', warehouse: 'wh_gz', delta: 0, reason: 'noop' },
    ] });
    expect(r.json()).toEqual({ accepted: 1, rejected: [
      { index: 1, code: 'inventory_unknown_sku', reason: 'unknown SKU nope' },
      { index: 2, code: 'inventory_unknown_warehouse', reason: 'unknown warehouse wh_mars' },
      { index: 3, code: 'inventory_insufficient_stock', reason: 'write-off exceeds the available units' },
      { index: 4, code: 'inventory_invalid_catalogue', reason: 'gift_box is a bundle: adjust its parts' },
      { index: 5, code: 'inventory_invalid_quantity', reason: 'delta must be a non-zero integer' },
    ] });
    const moves = (await send('GET', '/v1/stock/movements?sku=tea&limit=1')).json().movements;
    expect(moves).toMatchObject([{ sku: 'tea', warehouse: 'wh_gz', delta: 5, reason: 'import', ref: 'po-9' }]);
  });
});
}
