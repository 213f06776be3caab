/**
 * What a batch of reservations or settlements does to the stock, decided in memory over the levels and
 * holder states a store has locked (the SQL adapters use it; the Redis adapter does the same in Lua).
 * Pure: no I/O, and the input maps are updated in place only where documented.
 */
import { applyMovement, type StockLevel, type StockOutcome } from './stock-ledger.js';
import type { HoldLine, HoldState, ReserveOutcome, ReserveRequest, SettleAction, SettleOutcome } from '../stock.store.js';
import { SETTLED_STATE } from '../stock.store.js';

/** A holder as stored: its state and the lines it holds. */
export interface HolderView {
  readonly state: HoldState;
  readonly lines: readonly HoldLine[];
}

/** The map key of one SKU in one warehouse. */
export function keyOf(k: { readonly sku: string; readonly warehouse: string }): string {
  return `${k.sku}\u0000${k.warehouse}`;
}

const validQuantity = (q: number): boolean => Number.isSafeInteger(q) && q > 0;

/** The level after an adjustment of `delta` (≠ 0) units: receive when positive, write off when negative. */
export function validAdjustment(level: StockLevel, delta: number): StockOutcome {
  if (!Number.isSafeInteger(delta) || delta === 0) return { ok: false, code: 'inventory_invalid_quantity' };
  return applyMovement(level, delta > 0 ? { kind: 'receive', quantity: delta } : { kind: 'write_off', quantity: -delta });
}

/** Sums a request's lines per SKU × warehouse (a bundle may list one part twice). */
export function mergeLines(lines: readonly HoldLine[]): HoldLine[] {
  const byKey = new Map<string, HoldLine>();
  for (const l of lines) {
    const k = keyOf(l);
    const prev = byKey.get(k);
    byKey.set(k, { sku: l.sku, warehouse: l.warehouse, quantity: (prev?.quantity ?? 0) + l.quantity });
  }
  return [...byKey.values()];
}

export interface ReservePlan {
  readonly outcomes: ReserveOutcome[];
  /** Requests that now hold units (to store as `held`). */
  readonly held: Array<{ readonly holder: string; readonly lines: readonly HoldLine[]; readonly deadline: number }>;
  /** Keys of `levels` that changed. */
  readonly changed: Set<string>;
}

/**
 * Reserves each request all-or-none in order. `holders` are the stored states (updated in place as
 * requests hold); `levels` the locked levels (updated in place). A missing level holds nothing.
 */
export function planReserve(requests: readonly ReserveRequest[], holders: Map<string, HolderView>, levels: Map<string, StockLevel>): ReservePlan {
  const plan: ReservePlan = { outcomes: [], held: [], changed: new Set() };
  for (const r of requests) {
    const prior = holders.get(r.holder)?.state;
    if (prior === 'held' || prior === 'confirmed') { plan.outcomes.push({ ok: true, replay: true }); continue; }
    const lines = mergeLines(r.lines);
    const bad = lines.find((l) => !validQuantity(l.quantity)) ?? (lines.length === 0 ? { sku: '', warehouse: '', quantity: 0 } : undefined);
    if (bad) { plan.outcomes.push({ ok: false, code: 'inventory_invalid_quantity', sku: bad.sku, warehouse: bad.warehouse, available: 0 }); continue; }
    const next = new Map<string, StockLevel>();
    let refusal: ReserveOutcome | undefined;
    for (const l of lines) {
      const level = levels.get(keyOf(l));
      const out = level ? applyMovement(level, { kind: 'reserve', quantity: l.quantity }) : undefined;
      if (!out?.ok) { refusal = { ok: false, code: 'inventory_insufficient_stock', sku: l.sku, warehouse: l.warehouse, available: level?.available ?? 0 }; break; }
      next.set(keyOf(l), out.level);
    }
    if (refusal) { plan.outcomes.push(refusal); continue; }
    for (const [k, level] of next) { levels.set(k, level); plan.changed.add(k); }
    holders.set(r.holder, { state: 'held', lines });
    plan.held.push({ holder: r.holder, lines, deadline: r.deadline });
    plan.outcomes.push({ ok: true, replay: false });
  }
  return plan;
}

/** One stock change a settlement makes. */
export interface SettleMove extends HoldLine {
  apply(level: StockLevel): StockOutcome;
}

export interface SettlePlan {
  readonly outcomes: SettleOutcome[];
  readonly moves: SettleMove[];
  /** Holders whose state changes, with the new state. */
  readonly states: Map<string, HoldState>;
}

const FROM: Readonly<Record<SettleAction, HoldState>> = { confirm: 'held', release: 'held', restock: 'confirmed' };
const KIND: Readonly<Record<SettleAction, 'confirm' | 'release' | 'restock'>> = { confirm: 'confirm', release: 'release', restock: 'restock' };

/** Settles each holder in order (a holder listed twice settles once, then replays). */
export function planSettle(holders: readonly string[], views: ReadonlyMap<string, HolderView>, action: SettleAction): SettlePlan {
  const plan: SettlePlan = { outcomes: [], moves: [], states: new Map() };
  const target = SETTLED_STATE[action];
  for (const holder of holders) {
    const view = views.get(holder);
    const state = plan.states.get(holder) ?? view?.state;
    if (state === target) { plan.outcomes.push({ ok: true, replay: true, state }); continue; }
    if (!view || state !== FROM[action]) {
      plan.outcomes.push({ ok: false, code: action === 'restock' ? 'inventory_nothing_sold' : 'inventory_nothing_reserved', state: state ?? 'none' });
      continue;
    }
    for (const l of view.lines) plan.moves.push({ ...l, apply: (level) => applyMovement(level, { kind: KIND[action], quantity: l.quantity }) });
    plan.states.set(holder, target);
    plan.outcomes.push({ ok: true, replay: false, state: target });
  }
  return plan;
}
