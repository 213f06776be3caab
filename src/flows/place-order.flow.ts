import { AppError } from '../shared/errors/index.js';
import type { Clock } from '../shared/time.js';
import { expandBundles, nearestWarehouseRule, resolveDestination, routeOrder, type CatalogueService, type RoutingRule, type Sku, type StockService } from '../modules/inventory/index.js';
import {
  DEFAULT_COMPENSATION, fingerprintOf, isSaleOpen, placementProblems, type Order, type OrdersService, type PlacementInput, type Sale,
} from '../modules/orders/index.js';

export interface CheckoutDefaults {
  /** Payment timeout (ms) of orders outside a sale. */
  readonly paymentTimeoutMs: number;
  /** Ship-by promise (hours) of orders outside a sale. */
  readonly shipWithinHours: number;
}

export interface Placed {
  readonly order: Order;
  /** True when the client key named an order placed earlier: that order is returned unchanged. */
  readonly replay: boolean;
}

const HOUR = 3_600_000;

/**
 * Placing an order (spans inventory and orders): check the request, return the earlier order of a
 * replayed client key, count the buyer's units against the sale limit, route to the nearest warehouse
 * that has the units and admit them from memory, then write the reservation and the order (each by
 * group commit). Nothing is acknowledged before both are durable. A failure after the reservation
 * releases it; a crash between the two leaves a reservation without an order, which recovery releases
 * (`order-sweeper.flow.ts`). See docs/adr/0014.
 */
export class Checkout {
  private readonly inflight = new Map<string, Promise<Placed>>();

  constructor(private readonly deps: {
    readonly catalogue: CatalogueService;
    readonly stock: StockService;
    readonly orders: OrdersService;
    readonly clock: Clock;
    readonly defaults: CheckoutDefaults;
    readonly routing?: RoutingRule;
  }) {}

  /** Places `input` for `tenant`, or returns the order its client key placed before. */
  async place(tenant: string, input: PlacementInput): Promise<Placed> {
    const { problems, badQuantity } = placementProblems(input);
    if (problems.length > 0) {
      throw new AppError(badQuantity && problems.length === 1 ? 'inventory_invalid_quantity' : 'orders_invalid_request', `Order rejected: ${problems.join('; ')}`, { details: { problems } });
    }
    const key = `${tenant}\u0000${input.clientKey}`;
    const fingerprint = fingerprintOf(input);
    const running = this.inflight.get(key);
    if (running) return sameOrder(await running, fingerprint);
    const p = this.placeOnce(tenant, input, fingerprint);
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  /**
   * The key's earlier order is looked up beside the new reservation, not before it (one step fewer on
   * the hot path): if it exists, it is the answer — whatever the new attempt did (its units go back) or
   * failed with (over the limit, sale closed, sold out when the key may have an order: a replay still
   * returns the order).
   */
  private async placeOnce(tenant: string, input: PlacementInput, fingerprint: string): Promise<Placed> {
    // Started when the attempt gets as far as reserving (or when it fails and the key may have an
    // order): a burst of sold-out attempts queues no lookups.
    let lookup: Promise<Order | undefined> | undefined;
    const earlier = (): Promise<Order | undefined> => {
      if (!lookup) { lookup = this.deps.orders.byClientKey(tenant, input.clientKey); lookup.catch(() => undefined); }
      return lookup;
    };
    let fresh: { order: Order; release(): Promise<void> };
    try {
      fresh = await this.placeNew(tenant, input, fingerprint, earlier);
    } catch (err) {
      // The waiting room: "sold out" at once, unless this key may have an order (then it is the answer).
      if ((err as AppError).code === 'orders_sold_out' && !this.deps.orders.mayHavePlaced(tenant, input.clientKey)) throw err;
      const found = await earlier();
      if (found) return sameOrder({ order: found, replay: true }, fingerprint);
      throw err;
    }
    const found = await earlier().catch(async (err: unknown) => { await fresh.release(); throw err; });
    if (found) {
      await fresh.release();
      return sameOrder({ order: found, replay: true }, fingerprint);
    }
    return this.commit(tenant, input, fingerprint, fresh);
  }

  /** Checks the sale and the buyer's limit, routes, and reserves from memory: the order, not yet written. */
  private async placeNew(tenant: string, input: PlacementInput, fingerprint: string, startLookup: () => unknown): Promise<{ order: Order; release(): Promise<void> }> {
    const { orders, stock, catalogue, clock } = this.deps;
    const sale = input.saleId === undefined ? undefined : await this.openSale(tenant, input);
    const snap = await catalogue.snapshot(tenant);
    const skus = input.lines.map((l) => snap.skus.get(l.sku) ?? unknownSku(l.sku));
    const units = input.lines.reduce((n, l) => n + l.quantity, 0);
    if (sale) {
      const admitted = await orders.admitBuyer(sale, input.buyer, units);
      if (!admitted.admitted) {
        throw new AppError('orders_over_limit', `Sale ${sale.id} allows ${sale.perBuyerLimit} units per buyer; ${input.buyer} holds ${admitted.bought}`, { details: { limit: sale.perBuyerLimit, bought: admitted.bought, asked: units } });
      }
    }
    const giveBack = (): Promise<void> => (sale ? orders.returnUnits(tenant, sale.id, input.buyer, units) : Promise.resolve());
    try {
      const parts = expandBundles(input.lines, (sku) => snap.skus.get(sku));
      await stock.prepare(tenant, parts.map((p) => p.sku));
      // From here to `stock.reserve` nothing awaits: routing and admission see one consistent memory.
      const route = routeOrder({
        lines: parts, warehouses: snap.sites,
        available: (sku, wh) => stock.free(tenant, sku, wh), destination: resolveDestination(input.destination ?? {}), allowSplit: input.allowSplit === true,
      }, this.deps.routing ?? nearestWarehouseRule);
      if (!route.ok) throw soldOut(route.sku, stock.held(tenant, route.sku), sale);
      const now = clock.now();
      const id = orders.newId();
      const deadline = now + (sale?.paymentTimeoutMs ?? this.deps.defaults.paymentTimeoutMs);
      startLookup(); // beside the reservation, not before it
      const held = await stock.reserve(tenant, { holder: id, lines: route.allocations, deadline });
      if (!held.ok) throw soldOut(held.sku, stock.held(tenant, held.sku), sale);
      const order = this.build(tenant, id, input, fingerprint, skus, route.allocations, sale, now, deadline);
      return { order, release: async () => { await stock.settle(tenant, id, 'release'); await giveBack(); } };
    } catch (err) {
      await giveBack();
      throw err;
    }
  }

  /** Writes the reserved order; if another process placed the key meanwhile, theirs stands and ours is released. */
  private async commit(tenant: string, input: PlacementInput, fingerprint: string, fresh: { order: Order; release(): Promise<void> }): Promise<Placed> {
    let inserted: boolean;
    try {
      inserted = await this.deps.orders.insert(fresh.order);
    } catch (err) {
      await fresh.release().catch(() => undefined);
      throw err;
    }
    if (inserted) return { order: fresh.order, replay: false };
    await fresh.release();
    const theirs = await this.deps.orders.byClientKey(tenant, input.clientKey);
    if (!theirs) throw new AppError('orders_conflict', `Client key ${input.clientKey} was placed and removed at the same time; retry`);
    return sameOrder({ order: theirs, replay: true }, fingerprint);
  }

  private async openSale(tenant: string, input: PlacementInput): Promise<Sale> {
    const sale = await this.deps.orders.sale(tenant, input.saleId!);
    if (!sale) throw new AppError('orders_sale_not_found', `No sale ${input.saleId}`, { details: { saleId: input.saleId } });
    if (!isSaleOpen(sale, this.deps.clock.now())) throw new AppError('orders_sale_closed', `Sale ${sale.id} is not open now`, { details: { saleId: sale.id, opensAt: sale.opensAt, closesAt: sale.closesAt } });
    const outside = input.lines.find((l) => !sale.skus.includes(l.sku));
    if (outside) throw new AppError('orders_invalid_request', `SKU ${outside.sku} is not part of sale ${sale.id}`, { details: { problems: [`lines: ${outside.sku} is not in the sale`] } });
    return sale;
  }

  private build(tenant: string, id: string, input: PlacementInput, fingerprint: string, skus: readonly Sku[], allocations: Order['allocations'], sale: Sale | undefined, now: number, deadline: number): Order {
    const lines = input.lines.map((l, i) => ({ sku: l.sku, quantity: l.quantity, unitPriceFen: skus[i]!.priceFen }));
    return {
      id, tenant, clientKey: input.clientKey, fingerprint, buyer: input.buyer, saleId: sale?.id ?? null, state: 'reserved', version: 1,
      lines, allocations, amountFen: lines.reduce((n, l) => n + l.quantity * l.unitPriceFen, 0), currency: skus[0]?.currency ?? 'CNY',
      destination: input.destination ?? null, paymentDeadline: deadline, shipWithinMs: (sale?.shipWithinHours ?? this.deps.defaults.shipWithinHours) * HOUR,
      compensationRule: sale?.compensation ?? DEFAULT_COMPENSATION, createdAt: now, updatedAt: now, paidAt: null, promiseDue: null, shippedAt: null, deliveredAt: null,
      logistics: [], compensation: null,
      ...(input.attribution && (input.attribution.creatorId !== undefined || input.attribution.campaignId !== undefined) ? { attribution: { ...input.attribution } } : {}),
    };
  }
}

/** The earlier placement of a client key, if it asked for the same thing. */
function sameOrder(placed: Placed, fingerprint: string): Placed {
  if (placed.order.fingerprint !== fingerprint) {
    throw new AppError('orders_idempotency_mismatch', `Client key ${placed.order.clientKey} already placed order ${placed.order.id} with other content`, { details: { orderId: placed.order.id } });
  }
  return { order: placed.order, replay: true };
}

function unknownSku(sku: string): never {
  throw new AppError('inventory_unknown_sku', `Unknown SKU ${sku}`, { details: { sku } });
}

function soldOut(sku: string, held: number, sale: Sale | undefined): AppError {
  // Units held by unpaid orders may come back when those orders time out.
  return new AppError('orders_sold_out', `SKU ${sku} is sold out`, { details: { sku, held, retryAfterMs: held > 0 ? (sale?.paymentTimeoutMs ?? null) : null } });
}
