import type { CatalogueService, StockService } from '../modules/inventory/index.js';
import type { OrdersService } from '../modules/orders/index.js';
import { seededRng, type Rng } from '../shared/random.js';
import type { Clock } from '../shared/time.js';
import { Checkout } from './place-order.flow.js';
import { OrderEvents } from './order-events.flow.js';
import type { OrderSweeper } from './order-sweeper.flow.js';
import type { LedgerService } from '../modules/settlement/index.js';
import type { OrderSettlement } from './settle-orders.flow.js';
import { finishDemoLedger, setUpDemoLedger, type DemoLedger } from './demo-ledger.flow.js';

/** What the demo sale needs of the app (flows receive services; they never build them). */
export interface DemoShop {
  readonly catalogue: CatalogueService;
  readonly stock: StockService;
  readonly orders: OrdersService;
  readonly checkout: Checkout;
  readonly orderEvents: OrderEvents;
  readonly orderSweeper: OrderSweeper;
  readonly ledger: LedgerService;
  readonly settlement: OrderSettlement;
  readonly clock: Clock;
  readonly config: { readonly orders: { readonly paymentTimeoutMs: number; readonly shipWithinHours: number } };
}

/** What the demo's flash sale did, for the terminal and the tests. */
export interface FlashSaleDemo {
  readonly saleId: string;
  readonly units: number;
  readonly attempts: number;
  readonly orders: number;
  readonly paid: number;
  readonly cancelled: number;
  readonly soldOutAnswers: number;
  readonly overLimit: number;
  readonly seconds: number;
  readonly sold: number;
  readonly reservedLeft: number;
  readonly availableLeft: number;
  /** sold + reserved beyond the stock (must be 0). */
  readonly oversold: number;
  /** Earlier orders whose ship-by promise was missed and compensated. */
  readonly compensated: number;
  /** The money: splits, postings, refunds, compensation, reconciliation. */
  readonly ledger: DemoLedger;
}

const DAY = 86_400_000;
const REGIONS = ['CN-ZJ', 'CN-SH', 'CN-JS', 'CN-BJ', 'CN-GD', 'CN-SC', 'CN-HB', 'CN-SD', 'CN-FJ', 'CN-HN'];
const SALE_SKUS = ['sku_tea_gift', 'sku_cup_pair', 'sku_snack_box'];

/** The demo shop's catalogue: four warehouses across China, three SKUs for the live sale and a bundle. */
async function seedCatalogue(app: DemoShop, tenant: string): Promise<number> {
  await app.catalogue.define(tenant, {
    products: [{ id: 'p_tea', name: '明前龙井礼盒' }, { id: 'p_cup', name: '青瓷对杯' }, { id: 'p_snack', name: '坚果零食箱' }, { id: 'p_set', name: '直播专享套装' }],
    skus: [
      { id: 'sku_tea_gift', productId: 'p_tea', name: '明前龙井 250g 礼盒', priceFen: 16_800, currency: 'CNY', parts: [] },
      { id: 'sku_cup_pair', productId: 'p_cup', name: '青瓷对杯', priceFen: 5_900, currency: 'CNY', parts: [] },
      { id: 'sku_snack_box', productId: 'p_snack', name: '每日坚果 30 袋', priceFen: 9_900, currency: 'CNY', parts: [] },
      { id: 'sku_live_set', productId: 'p_set', name: '龙井 + 对杯套装', priceFen: 19_900, currency: 'CNY', parts: [{ sku: 'sku_tea_gift', quantity: 1 }, { sku: 'sku_cup_pair', quantity: 1 }] },
    ],
    warehouses: [
      { id: 'wh_hangzhou', name: '杭州仓', region: 'CN-ZJ', lat: 30.2741, lon: 120.1551 },
      { id: 'wh_beijing', name: '北京仓', region: 'CN-BJ', lat: 39.9042, lon: 116.4074 },
      { id: 'wh_guangzhou', name: '广州仓', region: 'CN-GD', lat: 23.1291, lon: 113.2644 },
      { id: 'wh_chengdu', name: '成都仓', region: 'CN-SC', lat: 30.5728, lon: 104.0668 },
    ],
  });
  const stock: Array<[string, string, number]> = [
    ['sku_tea_gift', 'wh_hangzhou', 180], ['sku_tea_gift', 'wh_beijing', 60], ['sku_tea_gift', 'wh_guangzhou', 60],
    ['sku_cup_pair', 'wh_hangzhou', 120], ['sku_cup_pair', 'wh_chengdu', 80],
    ['sku_snack_box', 'wh_beijing', 100], ['sku_snack_box', 'wh_guangzhou', 100], ['sku_snack_box', 'wh_chengdu', 100],
  ];
  await app.stock.adjust(tenant, stock.map(([sku, warehouse, delta]) => ({ sku, warehouse, delta, reason: 'import', ref: 'demo-po-001' })));
  return stock.reduce((n, [, , d]) => n + d, 0);
}

/**
 * Orders of the last twelve days (placed through a checkout on a clock set back), half of them sold by
 * creator c_chen: most shipped and delivered in time — the older ones' refund windows have closed — and
 * a few never shipped: the sweeper compensates those once, and they fill the overdue board. Answers the
 * ids the ledger part of the demo refunds.
 */
async function seedEarlierOrders(app: DemoShop, tenant: string, rng: Rng): Promise<{ refundAfter: string; refundInside: string; partial: string }> {
  let now = app.clock.now() - 12 * DAY;
  const past: Clock = { now: () => now };
  const deps = { catalogue: app.catalogue, stock: app.stock, orders: app.orders, clock: past };
  const checkout = new Checkout({ ...deps, defaults: { paymentTimeoutMs: app.config.orders.paymentTimeoutMs, shipWithinHours: app.config.orders.shipWithinHours } });
  const events = new OrderEvents({ ...deps, paymentTimeoutMs: app.config.orders.paymentTimeoutMs, after: (t, o, e, tr) => app.settlement.afterTransition(t, o, e, tr) });
  const ids: string[] = [];
  for (let i = 0; i < 24; i++) {
    now += 9 * 3_600_000;
    const { order } = await checkout.place(tenant, { clientKey: `demo-earlier-${i}`, buyer: `buyer_e${i}`, lines: [{ sku: SALE_SKUS[i % 3]!, quantity: 1 }], destination: { region: REGIONS[Math.floor(rng.next() * REGIONS.length)]! },
      ...(i % 2 === 0 ? { attribution: { creatorId: 'c_chen' } } : {}) });
    ids.push(order.id);
    await events.apply(tenant, order.id, 'pay');
    if (i % 6 === 5) continue; // the warehouse missed these
    await events.apply(tenant, order.id, 'pick', { at: now + 6 * 3_600_000, source: 'api' });
    await events.apply(tenant, order.id, 'ship', { at: now + 20 * 3_600_000, source: 'api', carrier: 'SF', trackingNo: `SF10${1000 + i}` });
    await events.apply(tenant, order.id, 'deliver', { at: now + 44 * 3_600_000, source: 'api', carrier: 'SF', trackingNo: `SF10${1000 + i}` });
  }
  // Order 0 was delivered about ten days ago (window closed), 20 two days ago, 18 about three days ago (windows open).
  return { refundAfter: ids[0]!, refundInside: ids[20]!, partial: ids[18]! };
}

/**
 * The demo's live flash sale, through the real checkout: the stock goes on sale with a limit of two per
 * buyer, 200 buyers at a time rush it, most pay at once and some cancel, buyers told "sold out" come back
 * while cancelled units return — until every unit is sold exactly once; every paid order is split on the
 * ledger at once. Then the sweeper compensates the earlier orders that missed their ship-by promise (from
 * the pool, then the merchant), closed refund windows are posted and a few refunds are made.
 */
export async function runDemoFlashSale(app: DemoShop, tenant: string, seed: number): Promise<FlashSaleDemo> {
  const rng = seededRng(seed ^ 0x5a1e);
  const units = await seedCatalogue(app, tenant);
  await setUpDemoLedger(app, tenant);
  const picks = await seedEarlierOrders(app, tenant, rng);
  const saleId = 'live_flash_1';
  await app.orders.saveSale({ id: saleId, tenant, name: '双11 直播秒杀', skus: [...SALE_SKUS, 'sku_live_set'], perBuyerLimit: 2, paymentTimeoutMs: 15 * 60_000, shipWithinHours: 48,
    compensation: { kind: 'coupon', percent: 5, minFen: 300, maxFen: 10_000 }, opensAt: app.clock.now(), closesAt: null, createdAt: app.clock.now() });
  const counts = { attempts: 0, orders: 0, paid: 0, cancelled: 0, soldOutAnswers: 0, overLimit: 0 };
  const t0 = performance.now();
  let buyer = 0;
  const soldOut = async (): Promise<boolean> => (await app.stock.levels(tenant, SALE_SKUS)).every((l) => l.available === 0 && l.reserved === 0);
  // Waves until sold out: a buyer told "sold out" may come back in the next wave.
  for (let wave = 0; wave < 20 && !(await soldOut()); wave++) {
    await Promise.all(Array.from({ length: 200 }, async () => {
      for (let k = 0; k < 8; k++) {
        const b = `buyer_${buyer++ % 1500}`;
        const set = rng.next() < 0.1;
        const sku = set ? 'sku_live_set' : SALE_SKUS[Math.floor(rng.next() * 3)]!;
        counts.attempts++;
        try {
          const { order, replay } = await app.checkout.place(tenant, { clientKey: `demo-flash-${counts.attempts}`, buyer: b, saleId, lines: [{ sku, quantity: rng.next() < 0.7 ? 1 : 2 }], destination: { region: REGIONS[Math.floor(rng.next() * REGIONS.length)]! }, attribution: { creatorId: 'c_lin', campaignId: 'double11' } });
          if (replay) continue;
          counts.orders++;
          if (rng.next() < 0.06) { await app.orderEvents.apply(tenant, order.id, 'cancel'); counts.cancelled++; } else { await app.orderEvents.apply(tenant, order.id, 'pay'); counts.paid++; }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'orders_sold_out') counts.soldOutAnswers++;
          else if (code === 'orders_over_limit') counts.overLimit++;
          else throw err;
        }
      }
    }));
  }
  const seconds = (performance.now() - t0) / 1000;
  await app.stock.flush();
  const compensated = (await app.orderSweeper.sweep()).compensated.length;
  const ledger = await finishDemoLedger(app, tenant, picks);
  const levels = await app.stock.levels(tenant, SALE_SKUS);
  const sold = levels.reduce((n, l) => n + l.sold, 0);
  const reservedLeft = levels.reduce((n, l) => n + l.reserved, 0);
  return {
    saleId, units, ...counts, seconds, sold, reservedLeft, availableLeft: levels.reduce((n, l) => n + l.available, 0),
    oversold: Math.max(0, sold + reservedLeft - units), compensated, ledger,
  };
}
