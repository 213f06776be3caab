import { creditMultiplier, type PolicyParameters } from './policy.js';

/** What the shop's events say about one item (counts since the model was built, plus live events). */
export interface ItemEvidence {
  readonly itemId: string;
  readonly categoryId: string | null;
  readonly priceBand: string | null;
  /** The seller the traffic goes to (see the recommend module README for how it is derived). */
  readonly merchantId: string;
  /** When the item was first seen, epoch ms. */
  readonly firstSeen: number;
  readonly impressions: number;
  readonly clicks: number;
  readonly plays: number;
  readonly completes: number;
  /** Likes, comments, shares, follows and favourites. */
  readonly interactions: number;
  readonly pays: number;
  /** Paid amount in minor units. */
  readonly gmv: number;
  readonly refunds: number;
  /** Latest known stock, or null when no inventory update was seen. */
  readonly stock: number | null;
}

/**
 * The per-item numbers the ranking reads, as typed arrays indexed like `items`: the item-only
 * components (percentiles in [0, 1]), the smoothed rates behind them (for the explain view), the
 * credit multiplier and whether the item is in the cold-start pool.
 */
export interface ScoringTable {
  readonly items: readonly ItemEvidence[];
  readonly index: ReadonlyMap<string, number>;
  readonly conversion: Float32Array;
  readonly clickThrough: Float32Array;
  readonly completion: Float32Array;
  readonly interaction: Float32Array;
  readonly freshness: Float32Array;
  readonly credit: Float32Array;
  /** Smoothed rates: GMV per impression (minor units), CTR, completion, interaction, merchant refund rate. */
  readonly rates: { readonly gmvPerImpression: Float64Array; readonly ctr: Float64Array; readonly completion: Float64Array; readonly interaction: Float64Array; readonly refund: Float64Array };
  /** 1 when the item is in the cold-start pool (few impressions, or a new small merchant's). */
  readonly cold: Uint8Array;
  /** 1 when the item's merchant is new and small (cold whatever its impressions). */
  readonly newMerchant: Uint8Array;
  /** The cold items, fewest impressions first (newest first on ties): the order the pool fills in. */
  readonly coldOrder: Int32Array;
  /** Category, price band and merchant as small integers (−1: none), for the diversity step's comparisons. */
  readonly codes: { readonly category: Int32Array; readonly band: Int32Array; readonly merchant: Int32Array; readonly categories: number };
}

/** Prior strengths of the empirical-Bayes smoothing (pseudo-observations at the shop-wide rate). */
export const SMOOTHING = { impressions: 200, plays: 50, pays: 10 } as const;

const DAY_MS = 86_400_000;

/** (x + m·μ) / (n + m): shrinks small samples toward the shop-wide rate μ. */
function smooth(x: number, n: number, mu: number, m: number): number {
  return (x + m * mu) / (n + m);
}

/**
 * Mid-rank percentiles in [0, 1]: the share of items with a smaller value plus half the ties, so
 * equal values get equal percentiles and a shop with one item gets 0.5.
 */
export function percentiles(values: Float64Array): Float32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const below = bound(sorted, v, false);
    out[i] = (below + (bound(sorted, v, true) - below) / 2) / n;
  }
  return out;
}

/** In an ascending array, the number of values < v (or ≤ v when `inclusive`). */
function bound(sorted: Float64Array, v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid] as number;
    if (x < v || (inclusive && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface MerchantTotals { pays: number; refunds: number; firstSeen: number }

function merchantTotals(items: readonly ItemEvidence[]): Map<string, MerchantTotals> {
  const out = new Map<string, MerchantTotals>();
  for (const it of items) {
    const m = out.get(it.merchantId);
    if (m) { m.pays += it.pays; m.refunds += it.refunds; m.firstSeen = Math.min(m.firstSeen, it.firstSeen); }
    else out.set(it.merchantId, { pays: it.pays, refunds: it.refunds, firstSeen: it.firstSeen });
  }
  return out;
}

/** Dense integer codes of a string field (−1 for null). */
function codesOf(items: readonly ItemEvidence[], field: (it: ItemEvidence) => string | null): { codes: Int32Array; distinct: number } {
  const ids = new Map<string, number>();
  const codes = Int32Array.from(items, (it) => {
    const v = field(it);
    if (v === null) return -1;
    let c = ids.get(v);
    if (c === undefined) { c = ids.size; ids.set(v, c); }
    return c;
  });
  return { codes, distinct: ids.size };
}

/** Marks the cold-start pool and the new small merchants' items into `cold` and `newMerchant`. */
function markCold(items: readonly ItemEvidence[], merchants: ReadonlyMap<string, MerchantTotals>, now: number, p: PolicyParameters, cold: Uint8Array, newMerchant: Uint8Array): void {
  const newSince = now - p.newMerchantDays * DAY_MS;
  items.forEach((it, i) => {
    const m = merchants.get(it.merchantId) as MerchantTotals;
    newMerchant[i] = m.pays < p.smallMerchantPays && m.firstSeen > newSince ? 1 : 0;
    cold[i] = it.impressions < p.coldStartImpressions || newMerchant[i] === 1 ? 1 : 0;
  });
}

/** The cold items, fewest impressions first, newest first on ties. */
function coldOrderOf(items: readonly ItemEvidence[], cold: Uint8Array): Int32Array {
  const order: number[] = [];
  cold.forEach((c, i) => { if (c === 1) order.push(i); });
  order.sort((a, b) => (items[a]?.impressions ?? 0) - (items[b]?.impressions ?? 0) || (items[b]?.firstSeen ?? 0) - (items[a]?.firstSeen ?? 0) || a - b);
  return Int32Array.from(order);
}

/**
 * Builds the scoring table of a shop at `now` under a policy's parameters. Rates are smoothed toward
 * the shop-wide rate (so an item with three impressions and one click is not "33 % CTR") and turned
 * into percentiles among the shop's items; the credit multiplier follows the merchant's smoothed
 * refund rate. Pure; O(items · log items).
 */
export function buildScoringTable(items: readonly ItemEvidence[], now: number, p: PolicyParameters): ScoringTable {
  const n = items.length;
  const sum = { imp: 0, clk: 0, gmv: 0, plays: 0, comp: 0, inter: 0, pays: 0, ref: 0 };
  for (const it of items) {
    sum.imp += it.impressions; sum.clk += it.clicks; sum.gmv += it.gmv; sum.plays += it.plays;
    sum.comp += it.completes; sum.inter += it.interactions; sum.pays += it.pays; sum.ref += it.refunds;
  }
  const mu = {
    gmv: sum.imp > 0 ? sum.gmv / sum.imp : 0, ctr: sum.imp > 0 ? sum.clk / sum.imp : 0,
    comp: sum.plays > 0 ? sum.comp / sum.plays : 0, inter: sum.plays > 0 ? sum.inter / sum.plays : 0,
    refund: sum.pays > 0 ? sum.ref / sum.pays : 0,
  };
  const merchants = merchantTotals(items);
  const rates = { gmvPerImpression: new Float64Array(n), ctr: new Float64Array(n), completion: new Float64Array(n), interaction: new Float64Array(n), refund: new Float64Array(n) };
  const freshness = new Float32Array(n);
  const credit = new Float32Array(n);
  const cold = new Uint8Array(n);
  const newMerchant = new Uint8Array(n);
  const index = new Map<string, number>();
  const halfLife = p.freshnessHalfLifeDays * DAY_MS;
  items.forEach((it, i) => {
    index.set(it.itemId, i);
    rates.gmvPerImpression[i] = smooth(it.gmv, it.impressions, mu.gmv, SMOOTHING.impressions);
    rates.ctr[i] = smooth(it.clicks, it.impressions, mu.ctr, SMOOTHING.impressions);
    rates.completion[i] = smooth(it.completes, it.plays, mu.comp, SMOOTHING.plays);
    rates.interaction[i] = smooth(it.interactions, it.plays, mu.inter, SMOOTHING.plays);
    const m = merchants.get(it.merchantId) as MerchantTotals;
    rates.refund[i] = smooth(m.refunds, m.pays, mu.refund, SMOOTHING.pays);
    credit[i] = creditMultiplier(rates.refund[i] as number, p);
    freshness[i] = Math.pow(2, -Math.max(0, now - it.firstSeen) / halfLife);
  });
  markCold(items, merchants, now, p, cold, newMerchant);
  return {
    items, index, freshness, credit, cold, newMerchant, coldOrder: coldOrderOf(items, cold), rates,
    codes: (() => {
      const category = codesOf(items, (it) => it.categoryId);
      return { category: category.codes, categories: category.distinct, band: codesOf(items, (it) => it.priceBand).codes, merchant: codesOf(items, (it) => it.merchantId).codes };
    })(),
    conversion: percentiles(rates.gmvPerImpression), clickThrough: percentiles(rates.ctr),
    completion: percentiles(rates.completion), interaction: percentiles(rates.interaction),
  };
}
