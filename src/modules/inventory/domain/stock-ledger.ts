/**
 * The stock of one SKU in one warehouse as three counters (issue 7): `available` (sellable), `reserved`
 * (held by orders awaiting payment) and `sold` (paid). Every change is a movement; the invariant
 * available + reserved + sold = received − written off holds after each one, and no counter is ever
 * negative. Pure: operations return the next state or a refusal, never throw, never mutate.
 */

export interface StockLevel {
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
}

/** Movements the ledger accepts; `quantity` is a positive integer. */
export type StockMovement =
  | { readonly kind: 'receive'; readonly quantity: number }
  | { readonly kind: 'write_off'; readonly quantity: number }
  | { readonly kind: 'reserve'; readonly quantity: number }
  | { readonly kind: 'confirm'; readonly quantity: number }
  | { readonly kind: 'release'; readonly quantity: number }
  | { readonly kind: 'restock'; readonly quantity: number };

export type StockRefusal = 'inventory_invalid_quantity' | 'inventory_insufficient_stock' | 'inventory_nothing_reserved' | 'inventory_nothing_sold';

export type StockOutcome = { readonly ok: true; readonly level: StockLevel } | { readonly ok: false; readonly code: StockRefusal };

export const EMPTY_STOCK: StockLevel = { available: 0, reserved: 0, sold: 0 };

/**
 * Applies one movement: receive (+available), write_off (−available), reserve (available → reserved),
 * confirm (reserved → sold, on payment), release (reserved → available, on cancel or timeout),
 * restock (sold → available, on a refund before shipping).
 * @example applyMovement({ available: 2, reserved: 0, sold: 0 }, { kind: 'reserve', quantity: 3 }) // { ok: false, code: 'inventory_insufficient_stock' }
 */
export function applyMovement(s: StockLevel, m: StockMovement): StockOutcome {
  const q = m.quantity;
  if (!Number.isSafeInteger(q) || q <= 0) return { ok: false, code: 'inventory_invalid_quantity' };
  switch (m.kind) {
    case 'receive': return { ok: true, level: { ...s, available: s.available + q } };
    case 'write_off': return q > s.available ? { ok: false, code: 'inventory_insufficient_stock' } : { ok: true, level: { ...s, available: s.available - q } };
    case 'reserve': return q > s.available ? { ok: false, code: 'inventory_insufficient_stock' } : { ok: true, level: { ...s, available: s.available - q, reserved: s.reserved + q } };
    case 'confirm': return q > s.reserved ? { ok: false, code: 'inventory_nothing_reserved' } : { ok: true, level: { ...s, reserved: s.reserved - q, sold: s.sold + q } };
    case 'release': return q > s.reserved ? { ok: false, code: 'inventory_nothing_reserved' } : { ok: true, level: { ...s, reserved: s.reserved - q, available: s.available + q } };
    case 'restock': return q > s.sold ? { ok: false, code: 'inventory_nothing_sold' } : { ok: true, level: { ...s, sold: s.sold - q, available: s.available + q } };
  }
}

/** Units the SKU holds in any state (what the invariant conserves). */
export function totalUnits(s: StockLevel): number {
  return s.available + s.reserved + s.sold;
}
