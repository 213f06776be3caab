import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness/test-app.js';
import { fixedClock } from '../../src/shared/time.js';
import { totalUnits } from '../../src/modules/inventory/index.js';
import type { OrderEvent } from '../../src/modules/orders/index.js';

// The whole app (checkout, order events, the sweeper, SQLite) under random interleavings of placements,
// payments, cancels, timeouts, refunds, logistics and replays — after every step each SKU conserves its
// units, nothing is negative, and the store's reserved and sold units are exactly what the orders say.
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const clock = fixedClock(T0);
let t: TestApp;
let run = 0;

beforeAll(async () => {
  t = await startTestApp({ clock });
  await t.app.catalogue.define('t1', {
    skus: [{ id: 'a', productId: 'p', name: 'A', priceFen: 100, currency: 'CNY', parts: [] }, { id: 'b', productId: 'p', name: 'B', priceFen: 250, currency: 'CNY', parts: [] },
      { id: 'ab', productId: 'p', name: 'A+B', priceFen: 300, currency: 'CNY', parts: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 1 }] }],
    warehouses: [{ id: 'w1', name: 'W1', region: 'CN-ZJ', lat: 30.27, lon: 120.16 }, { id: 'w2', name: 'W2', region: 'CN-BJ', lat: 39.9, lon: 116.4 }],
  });
});
afterAll(async () => { await t.close(); });

type Step =
  | { readonly op: 'place'; readonly sku: 'a' | 'b' | 'ab'; readonly quantity: number; readonly north: boolean; readonly split: boolean }
  | { readonly op: 'event'; readonly event: OrderEvent; readonly order: number }
  | { readonly op: 'replay'; readonly order: number }
  | { readonly op: 'timeout' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('place' as const), sku: fc.constantFrom('a' as const, 'b' as const, 'ab' as const), quantity: fc.integer({ min: 1, max: 3 }), north: fc.boolean(), split: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('event' as const), event: fc.constantFrom<OrderEvent>('pay', 'pay', 'pay', 'cancel', 'refund', 'refund', 'pick', 'ship', 'deliver'), order: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay' as const), order: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'timeout' as const }) },
);

describe('orders and stock under random interleavings (fast-check, the real app on SQLite)', () => {
  it('conserve every unit and match the orders after every step', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.array(step, { minLength: 15, maxLength: 40 }), async (stockA, stockB, steps) => {
      const r = ++run;
      const sku = (s: string): string => `${s}${r}`;
      // Fresh SKUs per run (same warehouses): runs never see each other's stock.
      await t.app.catalogue.define('t1', { skus: [
        { id: sku('a'), productId: 'p', name: 'A', priceFen: 100, currency: 'CNY', parts: [] }, { id: sku('b'), productId: 'p', name: 'B', priceFen: 250, currency: 'CNY', parts: [] },
        { id: sku('ab'), productId: 'p', name: 'A+B', priceFen: 300, currency: 'CNY', parts: [{ sku: sku('a'), quantity: 1 }, { sku: sku('b'), quantity: 1 }] }] });
      const initial = new Map<string, number>();
      const adjust = [[sku('a'), 'w1', stockA], [sku('a'), 'w2', stockB], [sku('b'), 'w1', stockB], [sku('b'), 'w2', stockA]] as const;
      for (const [s, w, n] of adjust) if (n > 0) { await t.app.stock.adjust('t1', [{ sku: s, warehouse: w, delta: n, reason: 'import', ref: '' }]); initial.set(s, (initial.get(s) ?? 0) + n); }
      const orders: Array<{ id: string; key: string; body: { sku: string; quantity: number; north: boolean; split: boolean } }> = [];
      let n = 0;
      for (const s of steps) {
        if (s.op === 'place') {
          const key = `prop-${r}-${n++}`;
          const body = { sku: sku(s.sku), quantity: s.quantity, north: s.north, split: s.split };
          const placed = await t.app.checkout.place('t1', { clientKey: key, buyer: 'b', lines: [{ sku: body.sku, quantity: s.quantity }], destination: { region: s.north ? 'CN-BJ' : 'CN-ZJ' }, allowSplit: s.split })
            .catch((err: { code?: string }) => { expect(err.code).toBe('orders_sold_out'); return undefined; });
          if (placed) orders.push({ id: placed.order.id, key, body });
        } else if (s.op === 'event') {
          const o = orders[s.order % Math.max(1, orders.length)];
          if (o) await t.app.orderEvents.apply('t1', o.id, s.event);
        } else if (s.op === 'replay') {
          const o = orders[s.order % Math.max(1, orders.length)];
          if (o) {
            const again = await t.app.checkout.place('t1', { clientKey: o.key, buyer: 'b', lines: [{ sku: o.body.sku, quantity: o.body.quantity }], destination: { region: o.body.north ? 'CN-BJ' : 'CN-ZJ' }, allowSplit: o.body.split });
            expect(again).toMatchObject({ replay: true, order: { id: o.id } });
          }
        } else {
          clock.advance(15 * 60_000 + 1);
          await t.app.orderSweeper.sweep();
        }
        await t.app.stock.flush();
        const levels = await t.app.stock.levels('t1', [sku('a'), sku('b')]);
        const stored = await t.app.orders.getMany('t1', orders.map((o) => o.id));
        for (const part of [sku('a'), sku('b')]) {
          const rows = levels.filter((l) => l.sku === part);
          expect(rows.reduce((m, l) => m + totalUnits(l), 0), part).toBe(initial.get(part) ?? 0);
          for (const l of rows) expect(Math.min(l.available, l.reserved, l.sold)).toBeGreaterThanOrEqual(0);
          const units = (states: string[]) => stored.filter((o) => states.includes(o.state)).flatMap((o) => o.allocations).filter((a) => a.sku === part).reduce((m, a) => m + a.quantity, 0);
          expect(rows.reduce((m, l) => m + l.reserved, 0), `${part} reserved`).toBe(units(['reserved']));
          // Refunded after shipping: the units left the warehouse and stay sold.
          const gone = stored.filter((o) => o.state === 'refunded' && o.shippedAt !== null).flatMap((o) => o.allocations).filter((a) => a.sku === part).reduce((m, a) => m + a.quantity, 0);
          expect(rows.reduce((m, l) => m + l.sold, 0), `${part} sold`).toBe(units(['paid', 'picked', 'shipped', 'in_transit', 'delivered']) + gone);
        }
      }
    }), { numRuns: 60 });
  }, 120_000);
});
