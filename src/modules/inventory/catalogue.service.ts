import { AppError } from '../../shared/errors/index.js';
import type { Clock } from '../../shared/time.js';
import { skuProblems, warehouseProblems, type Product, type Sku, type Warehouse } from './domain/catalogue.js';
import type { CatalogueStore } from './catalogue.store.js';
import type { WarehouseSite } from './domain/routing.js';

interface Snapshot {
  readonly skus: ReadonlyMap<string, Sku>;
  readonly warehouses: readonly Warehouse[];
  /** The warehouses as routing takes them (made once per snapshot, not per order). */
  readonly sites: readonly WarehouseSite[];
  readonly loadedAt: number;
}

/**
 * The catalogue: products, SKUs (plain or bundles) and warehouses. Reads come from a per-tenant snapshot
 * in memory (the order hot path looks SKUs up on every placement); changes made through this process
 * apply at once, changes made by another process after at most `cacheMs`.
 */
export class CatalogueService {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly reads = new Map<string, Promise<Snapshot>>();

  constructor(private readonly store: CatalogueStore, private readonly clock: Clock, private readonly cacheMs: number) {}

  /** Adds or replaces products, SKUs and warehouses; every problem of every item is listed at once. */
  async define(tenant: string, input: { readonly products?: readonly Product[]; readonly skus?: readonly Sku[]; readonly warehouses?: readonly Warehouse[] }): Promise<void> {
    const current = await this.snapshot(tenant);
    const incoming = new Map((input.skus ?? []).map((s) => [s.id, s]));
    const kind = (id: string): 'plain' | 'bundle' | undefined => {
      const s = incoming.get(id) ?? current.skus.get(id);
      return s === undefined ? undefined : s.parts.length > 0 ? 'bundle' : 'plain';
    };
    const problems = [
      ...(input.skus ?? []).flatMap((s, i) => skuProblems(s, kind).map((p) => `skus[${i}] ${p}`)),
      ...(input.warehouses ?? []).flatMap((w, i) => warehouseProblems(w).map((p) => `warehouses[${i}] ${p}`)),
      ...(input.products ?? []).flatMap((p, i) => (p.id && p.name ? [] : [`products[${i}] id and name are required`])),
    ];
    if (problems.length > 0) throw new AppError('inventory_invalid_catalogue', `Catalogue rejected: ${problems.join('; ')}`, { details: { problems } });
    const at = this.clock.now();
    if (input.products?.length) await this.store.upsertProducts(tenant, input.products, at);
    if (input.skus?.length) await this.store.upsertSkus(tenant, input.skus, at);
    if (input.warehouses?.length) await this.store.upsertWarehouses(tenant, input.warehouses.map((w) => ({ ...w, region: w.region.toUpperCase() })), at);
    this.snapshots.delete(tenant);
    this.reads.delete(tenant); // a read begun before this change must not be kept
  }

  /** The tenant's SKUs by id and warehouses, from memory (read again after `cacheMs`; one read at a time). */
  async snapshot(tenant: string): Promise<Snapshot> {
    const s = this.snapshots.get(tenant);
    if (s && this.clock.now() - s.loadedAt <= this.cacheMs) return s;
    let reading = this.reads.get(tenant);
    if (!reading) {
      const read: Promise<Snapshot> = Promise.all([this.store.skus(tenant), this.store.warehouses(tenant)]).then(([skus, warehouses]) => {
        const sites = warehouses.map((w) => ({ id: w.id, location: { lat: w.lat, lon: w.lon }, region: w.region }));
        const next: Snapshot = { skus: new Map(skus.map((k) => [k.id, k])), warehouses, sites, loadedAt: this.clock.now() };
        if (this.reads.get(tenant) === read) this.snapshots.set(tenant, next);
        return next;
      }).finally(() => { if (this.reads.get(tenant) === read) this.reads.delete(tenant); });
      reading = read;
      this.reads.set(tenant, read);
    }
    return reading;
  }

  products(tenant: string): Promise<Product[]> {
    return this.store.products(tenant);
  }
}
