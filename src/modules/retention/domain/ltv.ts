import type { BuyerHistory } from './buyer-orders.js';
import { mean, percentile } from '../../../shared/stats.js';
import { roundHalfAwayFromZero } from '../../../shared/money.js';
import { periodIndexOf, periodLabelOf, periodStartOf, type PeriodUnit } from './periods.js';

/**
 * Customer lifetime value from orders net of refunds. Pure. Sums are exact integer fen; averages and
 * percentiles of per-buyer net are rounded to whole fen, halves away from zero (the only rounding).
 */

/** One buyer's value, integer fen. */
export interface BuyerValue {
  readonly personId: string;
  /** Cohort label of the first order's period. */
  readonly cohort: string;
  readonly orders: number;
  readonly firstOrderTs: number;
  readonly lastOrderTs: number;
  readonly gross: number;
  readonly refunded: number;
  readonly net: number;
}

/** Money of one cohort of buyers (by first order), integer fen. */
export interface CohortValue {
  readonly cohort: string;
  readonly start: number;
  readonly buyers: number;
  readonly gross: number;
  readonly refunded: number;
  readonly net: number;
  /** net / buyers, rounded half away from zero. */
  readonly netPerBuyer: number;
}

/** LTV over all buyers and per cohort. */
export interface LtvSummary {
  readonly buyers: number;
  readonly gross: number;
  readonly refunded: number;
  readonly net: number;
  /** Mean, median and 90th percentile of per-buyer net (type 7), rounded; null without buyers. */
  readonly netPerBuyer: { readonly mean: number | null; readonly p50: number | null; readonly p90: number | null };
  readonly cohorts: CohortValue[];
  /** Every buyer, highest net first (ties by personId). */
  readonly perBuyer: BuyerValue[];
}

/** Summarises lifetime value; cohorts by the period (`unit`, UTC) of each buyer's first order. */
export function summariseLtv(buyers: readonly BuyerHistory[], unit: PeriodUnit): LtvSummary {
  const perBuyer: BuyerValue[] = buyers.map((b) => {
    const first = (b.orders[0] as { ts: number }).ts;
    return {
      personId: b.personId, cohort: periodLabelOf(periodIndexOf(first, unit), unit), orders: b.orders.length,
      firstOrderTs: first, lastOrderTs: (b.orders[b.orders.length - 1] as { ts: number }).ts, gross: b.gross, refunded: b.refunded, net: b.net,
    };
  });
  const byCohort = new Map<number, { buyers: number; gross: number; refunded: number; net: number }>();
  for (const v of perBuyer) {
    const index = periodIndexOf(v.firstOrderTs, unit);
    const c = byCohort.get(index) ?? { buyers: 0, gross: 0, refunded: 0, net: 0 };
    c.buyers++; c.gross += v.gross; c.refunded += v.refunded; c.net += v.net;
    byCohort.set(index, c);
  }
  const cohorts: CohortValue[] = [...byCohort.entries()].sort((a, b) => a[0] - b[0]).map(([index, c]) => ({
    cohort: periodLabelOf(index, unit), start: periodStartOf(index, unit), ...c, netPerBuyer: roundHalfAwayFromZero(c.net / c.buyers) as number,
  }));
  const nets = perBuyer.map((v) => v.net).sort((a, b) => a - b);
  perBuyer.sort((a, b) => b.net - a.net || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  return {
    buyers: perBuyer.length,
    gross: perBuyer.reduce((s, v) => s + v.gross, 0),
    refunded: perBuyer.reduce((s, v) => s + v.refunded, 0),
    net: perBuyer.reduce((s, v) => s + v.net, 0),
    netPerBuyer: { mean: roundHalfAwayFromZero(mean(nets)), p50: roundHalfAwayFromZero(percentile(nets, 0.5)), p90: roundHalfAwayFromZero(percentile(nets, 0.9)) },
    cohorts,
    perBuyer,
  };
}
