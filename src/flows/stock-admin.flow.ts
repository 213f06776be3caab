import { AppError } from '../shared/errors/index.js';
import type { Clock } from '../shared/time.js';
import type { AdjustRequest, CatalogueService, StockService } from '../modules/inventory/index.js';
import { DEFAULT_COMPENSATION, saleProblems, type CompensationRule, type OrdersService, type Sale } from '../modules/orders/index.js';

/** Per-item outcome of a stock adjustment batch: the good ones apply, the bad ones say why. */
export interface AdjustReport {
  readonly accepted: number;
  readonly rejected: Array<{ readonly index: number; readonly code: string; readonly reason: string }>;
}

/**
 * Stock imports and adjustments against the catalogue: a SKU or warehouse the catalogue does not know,
 * a bundle (stock is kept per part), a zero delta or a write-off below zero is refused for that item only.
 */
export async function adjustStock(deps: { catalogue: CatalogueService; stock: StockService }, tenant: string, items: readonly AdjustRequest[]): Promise<AdjustReport> {
  const snap = await deps.catalogue.snapshot(tenant);
  const warehouses = new Set(snap.warehouses.map((w) => w.id));
  const rejected: Array<{ index: number; code: string; reason: string }> = [];
  const good: Array<{ index: number; item: AdjustRequest }> = [];
  items.forEach((item, index) => {
    const sku = snap.skus.get(item?.sku);
    if (!sku) rejected.push({ index, code: 'inventory_unknown_sku', reason: `unknown SKU ${String(item?.sku)}` });
    else if (sku.parts.length > 0) rejected.push({ index, code: 'inventory_invalid_catalogue', reason: `${sku.id} is a bundle: adjust its parts` });
    else if (!warehouses.has(item.warehouse)) rejected.push({ index, code: 'inventory_unknown_warehouse', reason: `unknown warehouse ${String(item.warehouse)}` });
    else good.push({ index, item: { sku: item.sku, warehouse: item.warehouse, delta: item.delta, reason: String(item.reason ?? 'adjustment').slice(0, 200), ref: String(item.ref ?? '').slice(0, 200) } });
  });
  const outcomes = good.length > 0 ? await deps.stock.adjust(tenant, good.map((g) => g.item)) : [];
  outcomes.forEach((o, i) => {
    if (!o.ok) rejected.push({ index: good[i]!.index, code: o.code, reason: o.code === 'inventory_invalid_quantity' ? 'delta must be a non-zero integer' : 'write-off exceeds the available units' });
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: items.length - rejected.length, rejected };
}

/** A sale as the merchant defines it; omitted rules take the defaults. */
export interface SaleInput {
  readonly id: string;
  readonly name: string;
  readonly skus: readonly string[];
  readonly perBuyerLimit?: number | null;
  readonly paymentTimeoutMs?: number;
  readonly shipWithinHours?: number;
  readonly compensation?: Partial<CompensationRule>;
  readonly opensAt?: number;
  readonly closesAt?: number | null;
}

/** Creates or replaces a sale after checking it against the catalogue; every problem listed at once. */
export async function defineSale(deps: { catalogue: CatalogueService; orders: OrdersService; clock: Clock; defaults: { paymentTimeoutMs: number; shipWithinHours: number } }, tenant: string, input: SaleInput): Promise<Sale> {
  const snap = await deps.catalogue.snapshot(tenant);
  const now = deps.clock.now();
  const sale: Sale = {
    id: String(input?.id ?? ''), tenant, name: String(input?.name ?? ''), skus: Array.isArray(input?.skus) ? input.skus.map(String) : [],
    perBuyerLimit: input?.perBuyerLimit ?? null, paymentTimeoutMs: input?.paymentTimeoutMs ?? deps.defaults.paymentTimeoutMs,
    shipWithinHours: input?.shipWithinHours ?? deps.defaults.shipWithinHours, compensation: { ...DEFAULT_COMPENSATION, ...input?.compensation },
    opensAt: input?.opensAt ?? now, closesAt: input?.closesAt ?? null, createdAt: (await deps.orders.sale(tenant, String(input?.id)))?.createdAt ?? now,
  };
  const problems = saleProblems(sale, (sku) => snap.skus.has(sku));
  if (problems.length > 0) throw new AppError('orders_invalid_sale', `Sale rejected: ${problems.join('; ')}`, { details: { problems } });
  await deps.orders.saveSale(sale);
  return sale;
}

/**
 * A sale with the live stock of what it sells: every warehouse's row of each SKU (a bundle's parts in its
 * place), and per SKU the totals over warehouses (`partOf` names the bundle a part came from).
 */
export async function saleWithStock(deps: { catalogue: CatalogueService; orders: OrdersService; stock: StockService }, tenant: string, id: string) {
  const sale = await deps.orders.sale(tenant, id);
  if (!sale) throw new AppError('orders_sale_not_found', `No sale ${id}`, { details: { saleId: id } });
  const snap = await deps.catalogue.snapshot(tenant);
  const wanted = sale.skus.flatMap((s): Array<{ sku: string; bundle: string | null }> => { const sku = snap.skus.get(s); return sku && sku.parts.length > 0 ? sku.parts.map((p) => ({ sku: p.sku, bundle: s })) : [{ sku: s, bundle: null }]; });
  const stock = await deps.stock.levels(tenant, [...new Set(wanted.map((w) => w.sku))]);
  const totals = wanted.filter((w, i) => wanted.findIndex((x) => x.sku === w.sku) === i).map((w) => {
    const rows = stock.filter((r) => r.sku === w.sku);
    const sum = (k: 'available' | 'reserved' | 'sold'): number => rows.reduce((n, r) => n + r[k], 0);
    return { sku: w.sku, partOf: w.bundle, available: sum('available'), reserved: sum('reserved'), sold: sum('sold'), warehouses: rows.length };
  });
  return { sale, stock, totals };
}
