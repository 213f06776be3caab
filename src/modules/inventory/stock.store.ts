import type { StockLevel } from './domain/stock-ledger.js';

/**
 * The stock port (issue 7): counters per SKU × warehouse, their movements, and reservations held by
 * orders. One contract suite (`store/stock.store.contract.test.ts`) runs on every adapter: SQLite
 * (embedded default), PostgreSQL and Redis (atomic Lua scripts). Every batch operation answers one
 * outcome per request, in order — a refused request never affects the others — and returns the levels
 * it touched so callers can keep an admission cache exact.
 */

/** One SKU in one warehouse. */
export interface StockKey {
  readonly sku: string;
  readonly warehouse: string;
}

export interface StockRow extends StockKey, StockLevel {}

/** A stock import or adjustment: `delta` > 0 receives units, < 0 writes them off. */
export interface AdjustRequest extends StockKey {
  readonly delta: number;
  /** Why (e.g. `import`, `count_correction`, `damaged`); kept on the movement. */
  readonly reason: string;
  /** The caller's reference (a file, a ticket); empty when none. */
  readonly ref: string;
}

/** One auditable movement. `availableAfter` is the SKU's available units right after it. */
export interface Movement extends StockKey {
  readonly id: string;
  readonly delta: number;
  readonly reason: string;
  readonly ref: string;
  readonly at: number;
  readonly availableAfter: number;
}

export type AdjustOutcome = { readonly ok: true; readonly movement: Movement } | { readonly ok: false; readonly code: 'inventory_invalid_quantity' | 'inventory_insufficient_stock' };

/** A line of a reservation: units of one SKU from one warehouse. */
export interface HoldLine extends StockKey {
  readonly quantity: number;
}

/** Reserves every line or none; `holder` (the order id) makes it idempotent. */
export interface ReserveRequest {
  readonly holder: string;
  readonly lines: readonly HoldLine[];
  /** Epoch ms after which an unpaid reservation is released. */
  readonly deadline: number;
}

export type ReserveOutcome =
  /** `replay`: the holder already holds (or has confirmed) a reservation; nothing changed. */
  | { readonly ok: true; readonly replay: boolean }
  | { readonly ok: false; readonly code: 'inventory_insufficient_stock'; readonly sku: string; readonly warehouse: string; readonly available: number }
  | { readonly ok: false; readonly code: 'inventory_invalid_quantity'; readonly sku: string; readonly warehouse: string; readonly available: number };

/** held → confirmed (paid) | released (cancel, timeout); confirmed → restocked (refund before shipping). */
export type HoldState = 'held' | 'confirmed' | 'released' | 'restocked';

export type SettleAction = 'confirm' | 'release' | 'restock';

export type SettleOutcome =
  | { readonly ok: true; readonly replay: boolean; readonly state: HoldState }
  /** `state` is the holder's state, `none` when it holds nothing. */
  | { readonly ok: false; readonly code: 'inventory_nothing_reserved' | 'inventory_nothing_sold'; readonly state: HoldState | 'none' };

export interface Reservation {
  readonly holder: string;
  readonly state: HoldState;
  readonly lines: readonly HoldLine[];
  readonly deadline: number;
  readonly updatedAt: number;
}

/** Outcomes of a batch, plus the resulting levels of every SKU × warehouse the batch changed. */
export interface Batch<T> {
  readonly outcomes: readonly T[];
  readonly levels: readonly StockRow[];
}

/** The state a holder ends in after each action. */
export const SETTLED_STATE: Readonly<Record<SettleAction, HoldState>> = { confirm: 'confirmed', release: 'released', restock: 'restocked' };

export interface StockStore {
  /** `sqlite`, `postgres` or `redis`. */
  readonly engine: string;
  init(): Promise<void>;
  /** Applies adjustments in order; each is one movement. `at` stamps them. */
  adjust(tenant: string, requests: readonly AdjustRequest[], at: number): Promise<Batch<AdjustOutcome>>;
  /**
   * Reserves each request all-or-none, in order (earlier requests of the batch take units first).
   * A holder that holds or confirmed units already is a replay; a released or restocked one reserves again.
   */
  reserve(tenant: string, requests: readonly ReserveRequest[], at: number): Promise<Batch<ReserveOutcome>>;
  /** Moves each holder's units: confirm / release act on `held`, restock on `confirmed`; repeating the last action is a replay. */
  settle(tenant: string, holders: readonly string[], action: SettleAction, at: number): Promise<Batch<SettleOutcome>>;
  reservation(tenant: string, holder: string): Promise<Reservation | undefined>;
  /** Held reservations whose deadline is ≤ `now`, oldest deadline first, across tenants. */
  due(now: number, limit: number): Promise<Array<{ readonly tenant: string; readonly holder: string }>>;
  /** Every holder still `held` in a tenant (crash recovery reconciles them against orders). */
  heldHolders(tenant: string): Promise<string[]>;
  /** Tenants with any stock row (recovery walks them). */
  tenants(): Promise<string[]>;
  /** Levels of the given SKUs (every SKU when omitted), ordered by sku, warehouse. */
  levels(tenant: string, skus?: readonly string[]): Promise<StockRow[]>;
  /** Movements newest first, optionally of one SKU. */
  movements(tenant: string, options: { readonly sku?: string; readonly limit: number }): Promise<Movement[]>;
  close(): Promise<void>;
}
