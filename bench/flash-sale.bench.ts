/**
 * `reelpath bench flash-sale`: a live-sale burst through the real checkout (admission gate, group
 * commit, routing, orders) on the chosen backend, checked for overselling and durability, and the
 * placement rate on one hot SKU against a plain row-lock design on the same engine (bench/row-lock.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp, type App } from '../src/app/app.js';
import { loadConfig } from '../src/config/index.js';
import { withSearchPath } from '../src/storage/postgres-db.js';
import { createLogger } from '../src/shared/logging/logger.js';
import { describeMachine, quantile, sampleRss } from './machine.js';
import { runRowLockBaseline } from './row-lock.js';

export type FlashEngine = 'sqlite' | 'postgres' | 'redis';

export interface FlashBenchOptions {
  readonly engine: FlashEngine;
  /** PostgreSQL server for `postgres` and `redis` (orders stay in PostgreSQL with Redis stock). */
  readonly pgUrl?: string | undefined;
  readonly redisUrl?: string | undefined;
  readonly attempts: number;
  readonly clients: number;
  readonly skus: number;
  readonly units: number;
  /** Placements in the one-hot-SKU throughput run (and its row-lock baseline). */
  readonly hotPlacements: number;
  /** Concurrent clients of the hot-SKU run and its baseline. */
  readonly hotClients: number;
  readonly onProgress?: (line: string) => void;
}

const TENANT = 'bench';

/** A fresh PostgreSQL schema for one run (search_path in the URL), dropped by the returned function. */
async function freshSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `rp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url: withSearchPath(base, schema),
    async drop() { const c = new pg.Client({ connectionString: base }); await c.connect(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end(); },
  };
}

/** Opens the whole app on the engine in a temp folder; `close` removes everything it made. */
export async function openBenchApp(o: Pick<FlashBenchOptions, 'engine' | 'pgUrl' | 'redisUrl'>): Promise<{ app: App; dbUrl?: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-flash-'));
  const env: Record<string, string> = { REELPATH_DATA: dir, REELPATH_LOG_LEVEL: 'silent' };
  let schema: Awaited<ReturnType<typeof freshSchema>> | undefined;
  if (o.engine !== 'sqlite') {
    if (!o.pgUrl) throw new Error(`--engine ${o.engine} needs --pg-url (orders are kept in PostgreSQL)`);
    schema = await freshSchema(o.pgUrl);
    env.REELPATH_DB_URL = schema.url;
  }
  if (o.engine === 'redis') {
    if (!o.redisUrl) throw new Error('--engine redis needs --redis-url');
    env.REELPATH_REDIS_URL = o.redisUrl;
    env.REELPATH_REDIS_PREFIX = `rpbench:${randomBytes(4).toString('hex')}:`;
  }
  const app = await createApp(loadConfig({ env }), { logger: createLogger('silent') });
  return {
    app, ...(schema ? { dbUrl: schema.url } : {}),
    async close() { await app.close(); await schema?.drop(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A catalogue of `skus` SKUs in two warehouses and `units` units split evenly over them. */
export async function seedSale(app: App, skus: number, units: number, saleId = 'live'): Promise<string[]> {
  const ids = Array.from({ length: skus }, (_, i) => `hot_${i}`);
  await app.catalogue.define(TENANT, {
    products: [{ id: 'p_hot', name: '爆款' }],
    skus: ids.map((id) => ({ id, productId: 'p_hot', name: id, priceFen: 990, currency: 'CNY', parts: [] })),
    warehouses: [{ id: 'wh_hz', name: '杭州仓', region: 'CN-ZJ', lat: 30.27, lon: 120.16 }, { id: 'wh_cd', name: '成都仓', region: 'CN-SC', lat: 30.57, lon: 104.07 }],
  });
  const per = Math.floor(units / skus);
  await app.stock.adjust(TENANT, ids.flatMap((sku, i) => {
    const n = per + (i < units - per * skus ? 1 : 0);
    return [{ sku, warehouse: 'wh_hz', delta: Math.ceil(n / 2), reason: 'import', ref: 'bench' }, { sku, warehouse: 'wh_cd', delta: Math.floor(n / 2), reason: 'import', ref: 'bench' }].filter((a) => a.delta > 0);
  }));
  await app.orders.saveSale({ id: saleId, tenant: TENANT, name: 'bench', skus: ids, perBuyerLimit: null, paymentTimeoutMs: 900_000, shipWithinHours: 48,
    compensation: { kind: 'coupon', percent: 5, minFen: 300, maxFen: 10_000 }, opensAt: 0, closesAt: null, createdAt: app.clock.now() });
  return ids;
}

/** Sums of the stock of `skus`, and whether every SKU conserves `expected` units. */
async function checkpoint(app: App, skus: readonly string[], expectedPerSku: ReadonlyMap<string, number>): Promise<{ ok: boolean; sold: number; reserved: number; available: number }> {
  const rows = await app.stock.levels(TENANT, skus);
  const per = new Map<string, number>();
  let sold = 0; let reserved = 0; let available = 0; let ok = true;
  for (const r of rows) {
    per.set(r.sku, (per.get(r.sku) ?? 0) + r.available + r.reserved + r.sold);
    sold += r.sold; reserved += r.reserved; available += r.available;
    if (r.available < 0 || r.reserved < 0 || r.sold < 0) ok = false;
  }
  for (const [sku, n] of expectedPerSku) if (per.get(sku) !== n) ok = false;
  return { ok, sold, reserved, available };
}

export interface BurstResult {
  readonly [k: string]: unknown;
  readonly units: number;
  readonly acknowledged: number;
  readonly confirmed: number;
  readonly paidInStore: number;
  readonly durable: number;
  readonly lost: number;
  readonly errors: number;
  readonly oversold: number;
  readonly unsoldLeft: number;
  readonly checkpoints: number;
  readonly brokenCheckpoints: number;
}

/**
 * The burst: `clients` loops place (and on success pay) until `attempts` are made, while the stock
 * invariant is checked every 500 ms; then every acknowledged order is looked up in the store.
 */
export async function runBurst(app: App, o: Pick<FlashBenchOptions, 'attempts' | 'clients' | 'onProgress'>, skus: readonly string[]): Promise<BurstResult> {
  const start = new Map((await app.stock.levels(TENANT, skus)).reduce((m, r) => m.set(r.sku, (m.get(r.sku) ?? 0) + r.available), new Map<string, number>()));
  const acked: string[] = [];
  const placeMs: number[] = [];
  const soldOutMs: number[] = [];
  let next = 0; let soldOut = 0; let errors = 0; let paid = 0; let lastSaleAt = 0; let checkpoints = 0; let brokenCheckpoints = 0;
  const t0 = performance.now();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      await new Promise((r) => setTimeout(r, 500));
      const c = await checkpoint(app, skus, start);
      checkpoints++;
      if (!c.ok) brokenCheckpoints++;
      o.onProgress?.(`${next.toLocaleString()} attempts, ${acked.length.toLocaleString()} orders, ${paid.toLocaleString()} paid, sold ${c.sold.toLocaleString()}`);
    }
  })();
  const client = async (c: number): Promise<void> => {
    while (next < o.attempts) {
      const i = next++;
      // A multiplicative hash of the attempt number spreads attempts evenly over the SKUs, whichever client makes it.
      const sku = skus[(Math.imul(i, 2654435761) >>> 0) % skus.length]!;
      const s = performance.now();
      try {
        const { order } = await app.checkout.place(TENANT, { clientKey: `burst-${i.toString().padStart(8, '0')}`, buyer: `b${i}`, saleId: 'live', lines: [{ sku, quantity: 1 }], destination: { region: c % 2 ? 'CN-ZJ' : 'CN-SC' } });
        placeMs.push(performance.now() - s);
        acked.push(order.id);
        lastSaleAt = performance.now();
        await app.orderEvents.apply(TENANT, order.id, 'pay');
        paid++;
      } catch (err) {
        if ((err as { code?: string }).code === 'orders_sold_out') { soldOut++; soldOutMs.push(performance.now() - s); } else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
  const seconds = (performance.now() - t0) / 1000;
  watching = false;
  await watcher;
  await app.stock.flush();
  const final = await checkpoint(app, skus, start);
  const units = [...start.values()].reduce((a, b) => a + b, 0);
  // Every acknowledged order must be in the store, paid, and hold its unit as sold.
  let durable = 0; let paidInStore = 0;
  for (let i = 0; i < acked.length; i += 1000) {
    const found = await app.orders.getMany(TENANT, acked.slice(i, i + 1000));
    durable += found.length;
    paidInStore += found.filter((x) => x.state === 'paid').length;
  }
  return {
    attempts: o.attempts, clients: o.clients, skus: skus.length, units, seconds: Number(seconds.toFixed(2)),
    attemptsPerSec: Math.round(o.attempts / seconds), ordersPerSec: Math.round(acked.length / ((lastSaleAt - t0) / 1000)),
    acknowledged: acked.length, confirmed: final.sold, paidInStore, durable, lost: acked.length - durable, soldOut, errors,
    oversold: Math.max(0, final.sold + final.reserved - units), unsoldLeft: final.available,
    checkpoints: checkpoints + 1, brokenCheckpoints: brokenCheckpoints + (final.ok ? 0 : 1),
    placeP50Ms: Number(quantile(placeMs, 0.5).toFixed(2)), placeP99Ms: Number(quantile(placeMs, 0.99).toFixed(2)), soldOutP99Ms: Number(quantile(soldOutMs, 0.99).toFixed(3)),
  };
}

/** One hot SKU with stock for every placement: placements per second and latency, no payments. */
async function runHot(app: App, o: FlashBenchOptions): Promise<Record<string, unknown>> {
  await app.catalogue.define(TENANT, { skus: [{ id: 'one_hot', productId: 'p_hot', name: 'one hot SKU', priceFen: 990, currency: 'CNY', parts: [] }] });
  await app.stock.adjust(TENANT, [{ sku: 'one_hot', warehouse: 'wh_hz', delta: o.hotPlacements, reason: 'import', ref: 'bench' }]);
  const ms: number[] = [];
  let next = 0; let failed = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.hotClients }, async () => {
    while (next < o.hotPlacements) {
      const i = next++;
      const s = performance.now();
      try {
        await app.checkout.place(TENANT, { clientKey: `hot-${i.toString().padStart(9, '0')}`, buyer: `h${i}`, lines: [{ sku: 'one_hot', quantity: 1 }], destination: { region: 'CN-ZJ' } });
        ms.push(performance.now() - s);
      } catch { failed++; }
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const [level] = await app.stock.levels(TENANT, ['one_hot']);
  return {
    placements: o.hotPlacements, clients: o.hotClients, failed, seconds: Number(seconds.toFixed(2)), ordersPerSec: Math.round(ms.length / seconds),
    p50Ms: Number(quantile(ms, 0.5).toFixed(2)), p99Ms: Number(quantile(ms, 0.99).toFixed(2)), reservedAfter: level?.reserved ?? 0,
  };
}

/** The benchmark: the burst, then the hot SKU, then the row-lock baseline on the same engine; one JSON. */
export async function benchFlashSale(o: FlashBenchOptions): Promise<Record<string, unknown>> {
  const rss = sampleRss();
  const opened = await openBenchApp(o);
  try {
    const skus = await seedSale(opened.app, o.skus, o.units);
    o.onProgress?.(`burst: ${o.attempts.toLocaleString()} attempts from ${o.clients} clients on ${o.skus} SKUs × ${o.units.toLocaleString()} units (${opened.app.engines.stock})`);
    const burst = await runBurst(opened.app, o, skus);
    o.onProgress?.(`hot SKU: ${o.hotPlacements.toLocaleString()} placements`);
    const hot = await runHot(opened.app, o);
    o.onProgress?.('row-lock baseline');
    const baseline = await runRowLockBaseline({ engine: o.engine === 'sqlite' ? 'sqlite' : 'postgres', ...(opened.dbUrl ? { pgUrl: opened.dbUrl } : {}), placements: o.hotPlacements, clients: o.hotClients });
    return {
      benchmark: 'flash-sale', engine: o.engine, stockEngine: opened.app.engines.stock, ordersEngine: opened.app.engines.transactional,
      oversold: burst.oversold, ordersPerSec: hot.ordersPerSec, burst, hotSku: hot, rowLockBaseline: baseline,
      ratioToRowLock: Number(((hot.ordersPerSec as number) / (baseline.ordersPerSec as number)).toFixed(2)),
      peakRssMb: rss.stop(), machine: describeMachine(),
    };
  } finally {
    await opened.close();
  }
}
