import { AppError } from '../../shared/errors/index.js';
import { GroupCommit } from '../../shared/group-commit.js';
import { newId } from '../../shared/ids.js';
import { hash53 } from '../../shared/hashing.js';
import { Hash53Set } from '../../shared/hash53-set.js';
import { KeyedSerial } from '../../shared/keyed-serial.js';
import type { Clock } from '../../shared/time.js';
import { COUNTING_STATES, compensationFor, evolveOrder, isBreached, type LogisticsRecord, type Order, type Sale } from './domain/order.js';
import { LOGISTICS_EVENTS, transition, type LogisticsEvent, type OrderEvent, type Transition } from './domain/order-state.js';
import type { OrderFilter, OrdersStore, StoredCallback } from './orders.store.js';

export interface OrdersOptions {
  /** Most orders written in one batch. */
  readonly maxBatch: number;
  /** How long (ms) a sale definition read from the store is reused. */
  readonly cacheMs: number;
}

export interface ApplyOptions {
  /** When the event happened (a payment's time, a parcel scan); default: now. Starts the promise clock on payment. */
  readonly at?: number;
  /** For a payment on an expired order: try to reserve its units again; true when they were. */
  readonly reserveAgain?: (order: Order) => Promise<boolean>;
  /** Carrier details of a logistics event (its status is the event). */
  readonly logistics?: Omit<LogisticsRecord, 'status'>;
  /** Carries out the transition's stock effects; runs under the order's lock after the order is written. */
  readonly effects?: (order: Order, t: Transition) => Promise<void>;
}

export interface Applied {
  readonly order: Order;
  readonly transition: Transition;
}

/** How far back client keys are remembered for the instant sold-out answer (as long as the usual idempotency-key window). */
const RECENT_KEYS_MS = 24 * 3_600_000;


/**
 * Orders: written by group commit, changed only through the state machine (compare-and-set on a
 * version, one change at a time per order in this process), callbacks recorded for replays, per-buyer
 * limits of sales counted in memory, and ship-by promises swept into compensations exactly once.
 */
export class OrdersService {
  private readonly locks = new KeyedSerial();
  private readonly inserts: GroupCommit<Order, boolean>;
  private readonly lookups = new Map<string, GroupCommit<string, Order | undefined>>();
  /** Hashes of the client keys of recent orders per tenant (see `mayHavePlaced`). */
  private readonly recentKeys = new Map<string, { readonly set: Hash53Set; ready: boolean }>();
  private readonly sales = new Map<string, { sale: Sale; loadedAt: number }>();
  private readonly saleReads = new Map<string, Promise<Sale | undefined>>();
  /** Units per buyer in each sale (`tenant\0sale` → buyer → units), loaded once per sale. */
  private readonly buyers = new Map<string, Promise<Map<string, number>>>();

  constructor(private readonly store: OrdersStore, private readonly clock: Clock, private readonly options: OrdersOptions) {
    this.inserts = new GroupCommit((orders) => this.store.insert(orders), options.maxBatch);
  }

  /** A new order id: `ord_` + time-sortable (new orders append to the indexes instead of landing at random). */
  newId(): string {
    return newId('ord', this.clock.now());
  }

  /** The orders placed with these client keys, batched with the lookups of the moment (one query per batch). */
  byClientKey(tenant: string, clientKey: string): Promise<Order | undefined> {
    let gc = this.lookups.get(tenant);
    if (!gc) {
      gc = new GroupCommit(async (keys) => {
        const found = new Map((await this.store.byClientKeys(tenant, [...new Set(keys)])).map((o) => [o.clientKey, o]));
        return keys.map((k) => found.get(k));
      }, this.options.maxBatch);
      this.lookups.set(tenant, gc);
    }
    return gc.submit(clientKey);
  }

  get(tenant: string, id: string): Promise<Order | undefined> {
    return this.store.get(tenant, id);
  }

  async require(tenant: string, id: string): Promise<Order> {
    const o = await this.store.get(tenant, id);
    if (!o) throw new AppError('orders_not_found', `No order ${id} for this tenant`, { details: { orderId: id } });
    return o;
  }

  getMany(tenant: string, ids: readonly string[]): Promise<Order[]> {
    return this.store.getMany(tenant, ids);
  }

  list(tenant: string, filter: OrderFilter): Promise<Order[]> {
    return this.store.list(tenant, filter);
  }

  /**
   * The overdue board: paid (or picked) orders past their ship-by time — with their compensation — and
   * those due within `withinHours`, oldest ship-by first, and the compensation paid on the overdue ones.
   */
  async overdueBoard(tenant: string, withinHours: number, limit: number): Promise<{ now: number; withinHours: number; overdue: Order[]; atRisk: Order[]; compensatedFen: number }> {
    const now = this.clock.now();
    const due = await this.store.list(tenant, { dueBy: now + withinHours * 3_600_000, limit });
    const overdue = due.filter((o) => (o.promiseDue ?? Infinity) <= now);
    return { now, withinHours, overdue, atRisk: due.filter((o) => (o.promiseDue ?? Infinity) > now), compensatedFen: overdue.reduce((n, o) => n + (o.compensation?.amountFen ?? 0), 0) };
  }

  /** Writes a new order (batched); false when an order with its client key exists already. */
  async insert(order: Order): Promise<boolean> {
    const inserted = await this.inserts.submit(order);
    if (inserted) this.recentKeys.get(order.tenant)?.set.add(hash53(order.clientKey));
    return inserted;
  }

  /**
   * False only when no order of the last 24 hours has this client key (from memory: the keys are read
   * once per tenant, then every insert adds its own). Lets "sold out" be answered at once without a
   * lookup; true (look it up) while the keys are being read, or on a hash collision.
   */
  mayHavePlaced(tenant: string, clientKey: string): boolean {
    const keys = this.recentKeys.get(tenant);
    if (keys) return !keys.ready || keys.set.has(hash53(clientKey));
    // Inserts add to the set from now on, so none is missed while the stored keys are read.
    const entry = { set: new Hash53Set(), ready: false };
    this.recentKeys.set(tenant, entry);
    const since = newId('ord', this.clock.now() - RECENT_KEYS_MS, new Uint8Array(12));
    void this.store.clientKeysSince(tenant, since).then((list) => {
      for (const k of list) entry.set.add(hash53(k));
      entry.ready = true;
    }, () => this.recentKeys.delete(tenant));
    return true;
  }

  /** Applies `event` to the order through the state machine; refusals and replays change nothing. */
  apply(tenant: string, id: string, event: OrderEvent, opts: ApplyOptions = {}): Promise<Applied> {
    return this.locks.run(`${tenant}\u0000${id}`, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const order = await this.require(tenant, id);
        const again = order.state === 'expired' && event === 'pay' && opts.reserveAgain ? await opts.reserveAgain(order) : false;
        const t = transition(order.state, event, () => again);
        if (t.outcome !== 'applied') return { order, transition: t };
        const now = opts.at ?? this.clock.now();
        const logistics = isLogistics(event) ? { at: now, source: 'api', ...opts.logistics, status: event } : undefined;
        const next = evolveOrder(order, t.next, now, t.effects.includes('start_promise'), logistics);
        if (!(await this.store.update(next))) continue; // another process wrote first: read again
        this.countBuyer(order, next);
        await opts.effects?.(next, t);
        return { order: next, transition: t };
      }
      throw new AppError('orders_conflict', `Order ${id} kept changing underneath; retry`, { details: { orderId: id } });
    });
  }

  callback(tenant: string, callbackId: string): Promise<StoredCallback | undefined> {
    return this.store.callback(tenant, callbackId);
  }

  recordCallback(tenant: string, c: StoredCallback): Promise<boolean> {
    return this.store.recordCallback(tenant, c);
  }

  /**
   * Records the compensation of every order whose ship-by promise is breached now (at most `limit`),
   * exactly once each: the compensation is written with a compare-and-set, and an order that has one is
   * never compensated again. Returns the orders compensated by this call.
   */
  async sweepPromises(limit: number): Promise<Order[]> {
    const now = this.clock.now();
    const out: Order[] = [];
    for (const { tenant, id } of await this.store.breached(now, limit)) {
      const done = await this.locks.run(`${tenant}\u0000${id}`, async () => {
        const o = await this.store.get(tenant, id);
        if (!o || !isBreached(o, now)) return undefined;
        const next: Order = { ...o, version: o.version + 1, updatedAt: now, compensation: { kind: o.compensationRule.kind, amountFen: compensationFor(o), reason: 'ship_by_breach', promiseDue: o.promiseDue ?? now, at: now } };
        return (await this.store.update(next)) ? next : undefined;
      });
      if (done) out.push(done);
    }
    return out;
  }

  // ── sales and per-buyer limits ──

  async saveSale(sale: Sale): Promise<void> {
    await this.store.upsertSale(sale);
    this.sales.set(`${sale.tenant}\u0000${sale.id}`, { sale, loadedAt: this.clock.now() });
  }

  /** A sale from memory (read again after `cacheMs`; one read at a time, callers meanwhile share it). */
  async sale(tenant: string, id: string): Promise<Sale | undefined> {
    const key = `${tenant}\u0000${id}`;
    const c = this.sales.get(key);
    if (c && this.clock.now() - c.loadedAt <= this.options.cacheMs) return c.sale;
    let reading = this.saleReads.get(key);
    if (!reading) {
      reading = this.store.sale(tenant, id).then((sale) => {
        if (sale) this.sales.set(key, { sale, loadedAt: this.clock.now() });
        return sale;
      }).finally(() => this.saleReads.delete(key));
      this.saleReads.set(key, reading);
    }
    return reading;
  }

  listSales(tenant: string): Promise<Sale[]> {
    return this.store.sales(tenant);
  }

  /**
   * Counts `units` against the buyer's limit in the sale if they fit: answers what the buyer already held
   * and whether it was admitted. `returnUnits` gives them back when the order is not placed.
   */
  async admitBuyer(sale: Sale, buyer: string, units: number): Promise<{ admitted: boolean; bought: number }> {
    const counts = await this.buyerCounts(sale.tenant, sale.id);
    const bought = counts.get(buyer) ?? 0;
    if (sale.perBuyerLimit !== null && bought + units > sale.perBuyerLimit) return { admitted: false, bought };
    counts.set(buyer, bought + units);
    return { admitted: true, bought };
  }

  async returnUnits(tenant: string, saleId: string, buyer: string, units: number): Promise<void> {
    const counts = await this.buyerCounts(tenant, saleId);
    const left = (counts.get(buyer) ?? 0) - units;
    if (left > 0) counts.set(buyer, left); else counts.delete(buyer);
  }

  /** Waits until every queued order is written. */
  flush(): Promise<void> {
    return this.inserts.idle();
  }

  private buyerCounts(tenant: string, saleId: string): Promise<Map<string, number>> {
    const key = `${tenant}\u0000${saleId}`;
    let p = this.buyers.get(key);
    if (!p) {
      p = this.store.buyerUnits(tenant, saleId);
      this.buyers.set(key, p);
      p.catch(() => this.buyers.delete(key));
    }
    return p;
  }

  /** An order leaving the counting states gives its units back to the buyer's limit. */
  private countBuyer(before: Order, after: Order): void {
    if (before.saleId === null || !COUNTING_STATES.includes(before.state) || COUNTING_STATES.includes(after.state)) return;
    void this.returnUnits(before.tenant, before.saleId, before.buyer, before.lines.reduce((n, l) => n + l.quantity, 0));
  }
}

const isLogistics = (e: OrderEvent): e is LogisticsEvent => (LOGISTICS_EVENTS as readonly string[]).includes(e);
