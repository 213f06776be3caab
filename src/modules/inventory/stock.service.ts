import { GroupCommit } from '../../shared/group-commit.js';
import type { Clock } from '../../shared/time.js';
import { EMPTY_STOCK, type StockLevel } from './domain/stock-ledger.js';
import { keyOf } from './domain/stock-plan.js';
import type { AdjustOutcome, AdjustRequest, Batch, Movement, Reservation, ReserveOutcome, ReserveRequest, SettleAction, SettleOutcome, StockRow, StockStore } from './stock.store.js';

export interface StockServiceOptions {
  /** Most reservations (or settlements) written in one batch. */
  readonly maxBatch: number;
  /** How long (ms) cached levels of a SKU nobody is reserving are trusted before they are read again. */
  readonly cacheMs: number;
}

interface Cached {
  level: StockLevel;
  /** Units admitted from memory and not yet written. */
  pending: number;
}

interface TenantCache {
  readonly cells: Map<string, Cached>;
  /** Warehouses that stock each SKU, and when the SKU's levels were last read. */
  readonly skus: Map<string, { warehouses: string[]; loadedAt: number }>;
  /** SKUs whose levels are being read, and the read. */
  readonly loading: Map<string, Promise<void>>;
  readonly reserves: GroupCommit<ReserveRequest, ReserveOutcome>;
  readonly settles: Map<SettleAction, GroupCommit<string, SettleOutcome>>;
}

/**
 * Stock with an admission gate in memory (ADR 0014). `free()` answers from memory how many units of a
 * SKU in a warehouse can still be promised — what the store holds minus what was admitted and is being
 * written — so a burst is told "sold out" at once without touching the store. Admitted reservations are
 * written by group commit (one transaction per batch); the store stays the authority: a reservation it
 * refuses is refused to the caller and the SKU's levels are read again.
 */
export class StockService {
  private readonly tenants = new Map<string, TenantCache>();

  constructor(private readonly store: StockStore, private readonly clock: Clock, private readonly options: StockServiceOptions) {}

  get engine(): string {
    return this.store.engine;
  }

  /**
   * Reads the levels of `skus` not cached (or cached too long ago while idle) so `free` can answer. One
   * read per SKU at a time: placements arriving while it runs wait for it instead of reading again.
   */
  async prepare(tenant: string, skus: readonly string[]): Promise<void> {
    const t = this.cache(tenant);
    const now = this.clock.now();
    const stale = [...new Set(skus)].filter((sku) => {
      if (t.loading.has(sku)) return false;
      const s = t.skus.get(sku);
      if (!s) return true;
      return now - s.loadedAt > this.options.cacheMs && s.warehouses.every((w) => (t.cells.get(keyOf({ sku, warehouse: w }))?.pending ?? 0) === 0);
    });
    if (stale.length > 0) {
      const load = this.load(t, tenant, stale, now);
      for (const sku of stale) t.loading.set(sku, load);
      void load.finally(() => { for (const sku of stale) if (t.loading.get(sku) === load) t.loading.delete(sku); }).catch(() => undefined);
    }
    const waits = [...new Set(skus)].flatMap((sku) => { const l = t.loading.get(sku); return l ? [l] : []; });
    if (waits.length > 0) await Promise.all(waits);
  }

  private async load(t: TenantCache, tenant: string, skus: readonly string[], now: number): Promise<void> {
    const rows = await this.store.levels(tenant, skus);
    for (const sku of skus) t.skus.set(sku, { warehouses: [], loadedAt: now });
    for (const r of rows) {
      t.skus.get(r.sku)?.warehouses.push(r.warehouse);
      const cell = t.cells.get(keyOf(r));
      if (cell) cell.level = r; else t.cells.set(keyOf(r), { level: r, pending: 0 });
    }
  }

  /** Warehouses that stock `sku` (after `prepare`). */
  warehousesOf(tenant: string, sku: string): readonly string[] {
    return this.cache(tenant).skus.get(sku)?.warehouses ?? [];
  }

  /** Units that can still be promised from memory (after `prepare`): available minus admitted-unwritten. */
  free(tenant: string, sku: string, warehouse: string): number {
    const c = this.cache(tenant).cells.get(keyOf({ sku, warehouse }));
    return c ? Math.max(0, c.level.available - c.pending) : 0;
  }

  /** Units of `sku` held by unpaid orders across warehouses (they may come back when those orders time out). */
  held(tenant: string, sku: string): number {
    const t = this.cache(tenant);
    return (t.skus.get(sku)?.warehouses ?? []).reduce((n, w) => {
      const c = t.cells.get(keyOf({ sku, warehouse: w }));
      return n + (c ? c.level.reserved + c.pending : 0);
    }, 0);
  }

  /**
   * Admits `request` against memory at once (the caller checked `free`) and resolves when its batch is
   * written. The store may still refuse it (another process took the units): then the SKU is re-read.
   */
  async reserve(tenant: string, request: ReserveRequest): Promise<ReserveOutcome> {
    const t = this.cache(tenant);
    for (const l of request.lines) this.cell(t, keyOf(l)).pending += l.quantity;
    try {
      const out = await t.reserves.submit(request);
      if (!out.ok) for (const l of request.lines) t.skus.delete(l.sku);
      return out;
    } finally {
      for (const l of request.lines) this.cell(t, keyOf(l)).pending -= l.quantity;
    }
  }

  /** Confirms (payment), releases (cancel, timeout) or restocks (refund) a holder's units, batched. */
  settle(tenant: string, holder: string, action: SettleAction): Promise<SettleOutcome> {
    const t = this.cache(tenant);
    let gc = t.settles.get(action);
    if (!gc) {
      gc = new GroupCommit((holders) => this.written(t, this.store.settle(tenant, holders, action, this.clock.now())), this.options.maxBatch);
      t.settles.set(action, gc);
    }
    return gc.submit(holder);
  }

  /** Imports or adjusts stock; each request is one auditable movement. */
  adjust(tenant: string, requests: readonly AdjustRequest[]): Promise<readonly AdjustOutcome[]> {
    const t = this.cache(tenant);
    for (const r of requests) t.skus.delete(r.sku);
    return this.written(t, this.store.adjust(tenant, requests, this.clock.now()));
  }

  levels(tenant: string, skus?: readonly string[]): Promise<StockRow[]> {
    return this.store.levels(tenant, skus);
  }

  movements(tenant: string, options: { readonly sku?: string; readonly limit: number }): Promise<Movement[]> {
    return this.store.movements(tenant, options);
  }

  reservation(tenant: string, holder: string): Promise<Reservation | undefined> {
    return this.store.reservation(tenant, holder);
  }

  /** Held reservations past their deadline, across tenants. */
  due(limit: number): Promise<Array<{ readonly tenant: string; readonly holder: string }>> {
    return this.store.due(this.clock.now(), limit);
  }

  heldHolders(tenant: string): Promise<string[]> {
    return this.store.heldHolders(tenant);
  }

  stockTenants(): Promise<string[]> {
    return this.store.tenants();
  }

  /** Waits for every queued batch to be written. */
  async flush(): Promise<void> {
    for (const t of this.tenants.values()) {
      await t.reserves.idle();
      for (const gc of t.settles.values()) await gc.idle();
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.store.close();
  }

  private cache(tenant: string): TenantCache {
    let t = this.tenants.get(tenant);
    if (!t) {
      const cells = new Map<string, Cached>();
      const reserves = new GroupCommit<ReserveRequest, ReserveOutcome>((batch) => this.written(t!, this.store.reserve(tenant, batch, this.clock.now())), this.options.maxBatch);
      t = { cells, skus: new Map(), loading: new Map(), reserves, settles: new Map() };
      this.tenants.set(tenant, t);
    }
    return t;
  }

  private cell(t: TenantCache, key: string): Cached {
    let c = t.cells.get(key);
    if (!c) { c = { level: EMPTY_STOCK, pending: 0 }; t.cells.set(key, c); }
    return c;
  }

  /** Keeps memory exact: the levels a batch wrote are what the store now holds. */
  private async written<T>(t: TenantCache, batch: Promise<Batch<T>>): Promise<readonly T[]> {
    const b = await batch;
    for (const r of b.levels) this.cell(t, keyOf(r)).level = r;
    return b.outcomes;
  }
}
