/**
 * Warehouse routing: which warehouse ships which units of an order. A rule ranks the warehouses (the
 * default, `nearest`, by great-circle distance to the destination); the allocation that follows is
 * shared by every rule: ship the whole order from the best-ranked warehouse that can, else split line
 * by line when the caller allows it, else refuse with the SKU that is short. Pure: availability is a
 * function the caller supplies, called at most once per (SKU, warehouse).
 */
import { greatCircleKm, type GeoPoint } from './geo.js';

/** A warehouse that can ship orders; `region` is informative (an ISO 3166-2:CN code), not used to rank. */
export interface WarehouseSite {
  readonly id: string;
  readonly location: GeoPoint;
  readonly region?: string;
}

/** One order line: `quantity` is a positive safe integer (validated by the caller). */
export interface RouteLine {
  readonly sku: string;
  readonly quantity: number;
}

/** Units of one SKU to take from one warehouse. */
export interface Allocation {
  readonly sku: string;
  readonly warehouse: string;
  readonly quantity: number;
}

/**
 * The routing result as a value. On success `allocations` are merged per (SKU, warehouse), ordered by
 * the SKU's first line then by the rule's warehouse rank, and `split` is true when more than one
 * warehouse ships. On refusal `short` is the number of units missing for `sku` (see `routeOrder`).
 */
export type RouteOutcome =
  | { readonly ok: true; readonly allocations: readonly Allocation[]; readonly split: boolean }
  | { readonly ok: false; readonly code: 'inventory_insufficient_stock'; readonly sku: string; readonly short: number };

/**
 * What a rule routes: the order lines, the candidate warehouses, the sellable units of a SKU in a
 * warehouse (negative or NaN counts as 0, fractions are floored), where the order goes (null when
 * unknown) and whether the order may ship from several warehouses.
 */
export interface RoutingInput {
  readonly lines: readonly RouteLine[];
  readonly warehouses: readonly WarehouseSite[];
  readonly available: (sku: string, warehouse: string) => number;
  readonly destination: GeoPoint | null;
  readonly allowSplit: boolean;
}

/** A pluggable routing policy, registered by `name` in `ROUTING_RULES`. */
export interface RoutingRule {
  readonly name: string;
  route(input: RoutingInput): RouteOutcome;
}

interface Demand {
  readonly sku: string;
  readonly quantity: number;
}

type Refusal = Extract<RouteOutcome, { ok: false }>;

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Quantities summed per SKU, in the order each SKU first appears. */
function sumDemand(lines: readonly RouteLine[]): Demand[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** Availability as a non-negative integer, so routing never allocates more than the caller has. */
function normaliseAvailable(raw: number): number {
  return Number.isNaN(raw) ? 0 : Math.max(0, Math.floor(raw));
}

/** The availability table, indexed [demand index][rank index]. */
function readAvailability(demand: readonly Demand[], ranked: readonly WarehouseSite[], available: RoutingInput['available']): number[][] {
  return demand.map((d) => ranked.map((w) => normaliseAvailable(available(d.sku, w.id))));
}

const refuse = (sku: string, short: number): Refusal => ({ ok: false, code: 'inventory_insufficient_stock', sku, short });

const maxOf = (values: readonly number[]): number => values.reduce((m, v) => Math.max(m, v), 0);
const sumOf = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

/**
 * The refusal when the order must ship whole and no warehouse can. First the first SKU that no single
 * warehouse covers (short = quantity − the best single warehouse's units); if every SKU fits somewhere
 * but never all together, the first SKU the best-ranked warehouse cannot cover (short = quantity − its
 * units there), i.e. what the preferred warehouse would need to receive to ship the order whole.
 */
function refuseWhole(demand: readonly Demand[], table: readonly (readonly number[])[]): Refusal {
  for (const [i, d] of demand.entries()) {
    const best = maxOf(table[i] ?? []);
    if (best < d.quantity) return refuse(d.sku, d.quantity - best);
  }
  for (const [i, d] of demand.entries()) {
    const first = table[i]?.[0] ?? 0;
    if (first < d.quantity) return refuse(d.sku, d.quantity - first);
  }
  // Unreachable: refuseWhole is only called when the best-ranked warehouse misses some SKU.
  throw new Error('refuseWhole called for an order the first warehouse can ship');
}

/** Units of one SKU taken from the ranked warehouses: one warehouse if any can, else nearest-first. */
function allocateLine(d: Demand, row: readonly number[], ranked: readonly WarehouseSite[]): Allocation[] {
  const whole = row.findIndex((units) => units >= d.quantity);
  const only = ranked[whole];
  if (only) return [{ sku: d.sku, warehouse: only.id, quantity: d.quantity }];
  const out: Allocation[] = [];
  let need = d.quantity;
  for (const [r, w] of ranked.entries()) {
    if (need <= 0) break;
    const take = Math.min(need, row[r] ?? 0);
    if (take > 0) out.push({ sku: d.sku, warehouse: w.id, quantity: take });
    need -= take;
  }
  return out;
}

/** Keeps the first warehouse of each id, so availability is never counted twice. */
function dropDuplicateIds(warehouses: readonly WarehouseSite[]): WarehouseSite[] {
  const seen = new Set<string>();
  const out: WarehouseSite[] = [];
  for (const w of warehouses) {
    if (seen.has(w.id)) continue;
    seen.add(w.id);
    out.push(w);
  }
  return out;
}

/** Routes against warehouses already in preference order (duplicate ids: the first one counts). */
function routeRanked(input: RoutingInput, rankedAll: readonly WarehouseSite[]): RouteOutcome {
  const ranked = dropDuplicateIds(rankedAll);
  const demand = sumDemand(input.lines).filter((d) => d.quantity > 0);
  if (demand.length === 0) return { ok: true, allocations: [], split: false };
  const table = readAvailability(demand, ranked, input.available);

  const single = ranked.findIndex((_, r) => demand.every((d, i) => (table[i]?.[r] ?? 0) >= d.quantity));
  const site = ranked[single];
  if (site) return { ok: true, allocations: demand.map((d) => ({ sku: d.sku, warehouse: site.id, quantity: d.quantity })), split: false };
  if (!input.allowSplit) return refuseWhole(demand, table);

  for (const [i, d] of demand.entries()) {
    const total = sumOf(table[i] ?? []);
    if (total < d.quantity) return refuse(d.sku, d.quantity - total);
  }
  const allocations = demand.flatMap((d, i) => allocateLine(d, table[i] ?? [], ranked));
  return { ok: true, allocations, split: new Set(allocations.map((a) => a.warehouse)).size > 1 };
}

/**
 * Warehouses ordered by great-circle distance from `destination`, ties by id (code-unit order); by id
 * alone when the destination is unknown. Deterministic whatever the input order.
 */
export function rankByDistance(warehouses: readonly WarehouseSite[], destination: GeoPoint | null): WarehouseSite[] {
  if (destination === null) return rankById(warehouses);
  return warehouses
    .map((w) => ({ w, km: greatCircleKm(destination, w.location) }))
    .sort((a, b) => a.km - b.km || compareIds(a.w.id, b.w.id))
    .map((x) => x.w);
}

/** Warehouses ordered by id (code-unit order, not locale), ignoring location. */
export function rankById(warehouses: readonly WarehouseSite[]): WarehouseSite[] {
  return [...warehouses].sort((a, b) => compareIds(a.id, b.id));
}

/**
 * The default rule: the nearest warehouse (great-circle distance to the destination) that can ship the
 * whole order; else, when `allowSplit`, each SKU from the nearest warehouse that has all of it or, when
 * none has, nearest-first until covered; else a refusal (see `routeOrder` for which SKU is reported).
 */
export const nearestWarehouseRule: RoutingRule = Object.freeze({
  name: 'nearest',
  route: (input: RoutingInput): RouteOutcome => routeRanked(input, rankByDistance(input.warehouses, input.destination)),
});

/**
 * A trivial rule that ignores distance and prefers warehouses by id; the allocation is the same as
 * `nearest`. It exists to show the policy is pluggable (and suits a single-region deployment).
 */
export const lowestIdRule: RoutingRule = Object.freeze({
  name: 'lowest_id',
  route: (input: RoutingInput): RouteOutcome => routeRanked(input, rankById(input.warehouses)),
});

/** The routing rules by name, for configuration: `nearest` (default) and `lowest_id`. */
export const ROUTING_RULES: Readonly<Record<string, RoutingRule>> = Object.freeze({
  [nearestWarehouseRule.name]: nearestWarehouseRule,
  [lowestIdRule.name]: lowestIdRule,
});

/**
 * Routes an order with `rule` (default: nearest warehouse). Lines repeating a SKU are summed first.
 * Never allocates more than `available` reports. Refusals (`inventory_insufficient_stock`):
 * - split allowed: the first SKU (by first line) whose total over all warehouses is below its quantity;
 *   `short` = quantity − that total;
 * - whole order only: the first SKU no single warehouse covers, `short` = quantity − the largest single
 *   warehouse's units; if each SKU fits somewhere but no warehouse has them all, the first SKU the
 *   best-ranked warehouse lacks, `short` = quantity − its units there.
 * @example
 * routeOrder({ lines: [{ sku: 'A', quantity: 2 }], warehouses, available, destination: resolveDestination({ region: 'CN-SH' }), allowSplit: false })
 * // { ok: true, allocations: [{ sku: 'A', warehouse: 'wh_sh', quantity: 2 }], split: false }
 */
export function routeOrder(input: RoutingInput, rule: RoutingRule = nearestWarehouseRule): RouteOutcome {
  return rule.route(input);
}
