import type { Order, Sale } from './domain/order.js';
import type { OrderState } from './domain/order-state.js';

/** A payment-provider or platform callback already handled: a replay answers the same. */
export interface StoredCallback {
  readonly callbackId: string;
  readonly orderId: string;
  readonly kind: string;
  /** The order state the callback left, and the outcome (`applied`, `replay`, `refused:<code>`). */
  readonly state: OrderState;
  readonly outcome: string;
  readonly at: number;
}

export interface OrderFilter {
  readonly state?: OrderState;
  readonly saleId?: string;
  readonly buyer?: string;
  /** Only paid or picked orders whose ship-by time is ≤ this (the overdue board). */
  readonly dueBy?: number;
  /** Only orders whose id sorts before this (paging newest first; ids are time-sortable). */
  readonly beforeId?: string;
  readonly limit: number;
}

/** Orders, callbacks and sales (SQLite or PostgreSQL; contract in store/orders.store.contract.test.ts). */
export interface OrdersStore {
  init(): Promise<void>;
  /** Inserts new orders; answers per order whether it was new (false: its client key was placed already). */
  insert(orders: readonly Order[]): Promise<boolean[]>;
  get(tenant: string, id: string): Promise<Order | undefined>;
  /** The orders placed with these client keys (those that exist). */
  byClientKeys(tenant: string, keys: readonly string[]): Promise<Order[]>;
  /** Client keys of the orders whose id was made at or after `sinceId` (ids are time-sortable). */
  clientKeysSince(tenant: string, sinceId: string): Promise<string[]>;
  getMany(tenant: string, ids: readonly string[]): Promise<Order[]>;
  /** Writes `next` when the stored version is still `next.version - 1`; false when another write came first. */
  update(next: Order): Promise<boolean>;
  /** Newest first (the overdue board: oldest ship-by time first). */
  list(tenant: string, filter: OrderFilter): Promise<Order[]>;
  /** Paid or picked orders past their ship-by time and not yet compensated, across tenants. */
  breached(now: number, limit: number): Promise<Array<{ readonly tenant: string; readonly id: string }>>;
  /** Units per buyer in a sale's orders that still count against its limit (not cancelled, expired or refunded). */
  buyerUnits(tenant: string, saleId: string): Promise<Map<string, number>>;
  callback(tenant: string, callbackId: string): Promise<StoredCallback | undefined>;
  /** Records a handled callback once; false when its id was recorded already. */
  recordCallback(tenant: string, c: StoredCallback): Promise<boolean>;
  upsertSale(sale: Sale): Promise<void>;
  sale(tenant: string, id: string): Promise<Sale | undefined>;
  sales(tenant: string): Promise<Sale[]>;
}
