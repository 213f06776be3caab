import type { BuyerHistory } from './buyer-orders.js';
import { mean, percentile } from '../../../shared/stats.js';

const DAY_MS = 86_400_000;

/** Repurchase rate and time between orders. */
export interface RepurchaseSummary {
  /** Buyers with ≥ 1 order. */
  readonly buyers: number;
  /** Buyers with ≥ 2 orders. */
  readonly repeatBuyers: number;
  /** repeatBuyers / buyers; null without buyers. */
  readonly repurchaseRate: number | null;
  /**
   * Second order within N days of the first (inclusive: t2 − t1 ≤ N days), among the buyers whose
   * first order is at least N days before the end of observation (the others could not show it yet).
   */
  readonly within: { readonly days: number; readonly eligibleBuyers: number; readonly repeatBuyers: number; readonly rate: number | null } | null;
  /** Gaps between consecutive orders of the same buyer, pooled over buyers, in ms and in days. */
  readonly timeBetweenOrders: {
    readonly gaps: number;
    readonly meanMs: number | null; readonly p50Ms: number | null; readonly p90Ms: number | null;
    readonly meanDays: number | null; readonly p50Days: number | null; readonly p90Days: number | null;
  };
}

/**
 * Summarises repurchase over buyer histories. Percentiles interpolate linearly (type 7).
 * @param withinDays optional N for the "within N days of the first order" rate (positive integer)
 * @param endTs end of observation (exclusive), UTC epoch ms
 */
export function summariseRepurchase(buyers: readonly BuyerHistory[], withinDays: number | undefined, endTs: number): RepurchaseSummary {
  let repeat = 0;
  let eligible = 0;
  let repeatWithin = 0;
  const gaps: number[] = [];
  for (const b of buyers) {
    if (b.orders.length >= 2) repeat++;
    for (let i = 1; i < b.orders.length; i++) gaps.push((b.orders[i] as { ts: number }).ts - (b.orders[i - 1] as { ts: number }).ts);
    if (withinDays !== undefined) {
      const first = (b.orders[0] as { ts: number }).ts;
      if (first + withinDays * DAY_MS > endTs) continue;
      eligible++;
      const second = b.orders[1];
      if (second && second.ts - first <= withinDays * DAY_MS) repeatWithin++;
    }
  }
  gaps.sort((a, b) => a - b);
  const days = (ms: number | null): number | null => (ms === null ? null : ms / DAY_MS);
  const meanMs = mean(gaps);
  const p50Ms = percentile(gaps, 0.5);
  const p90Ms = percentile(gaps, 0.9);
  return {
    buyers: buyers.length,
    repeatBuyers: repeat,
    repurchaseRate: buyers.length > 0 ? repeat / buyers.length : null,
    within: withinDays === undefined ? null : { days: withinDays, eligibleBuyers: eligible, repeatBuyers: repeatWithin, rate: eligible > 0 ? repeatWithin / eligible : null },
    timeBetweenOrders: { gaps: gaps.length, meanMs, p50Ms, p90Ms, meanDays: days(meanMs), p50Days: days(p50Ms), p90Days: days(p90Ms) },
  };
}
