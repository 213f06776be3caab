import { describe, expect, it } from 'vitest';
import type { BuyerHistory } from './buyer-orders.js';
import { summariseLtv } from './ltv.js';
import { percentile } from '../../../shared/stats.js';
import { roundHalfAwayFromZero } from '../../../shared/money.js';
import { summariseRepurchase } from './repurchase.js';

const DAY = 86_400_000;
const t0 = Date.parse('2024-01-10T00:00:00Z');
const buyer = (personId: string, days: number[], gross: number[], refunded = 0): BuyerHistory => {
  const orders = days.map((d, i) => ({ orderId: `${personId}-${i}`, ts: t0 + d * DAY, gross: gross[i] as number }));
  const total = gross.reduce((s, g) => s + g, 0);
  return { personId, orders, gross: total, refunded, net: total - refunded };
};
// Hand computation: gaps 10, 20 (a), 5 (b), 40 (c) days; d has one order.
const buyers = [buyer('a', [0, 10, 30], [100, 200, 300], 50), buyer('b', [0, 5], [1_000, 1]), buyer('c', [25, 65], [7, 8]), buyer('d', [40], [3])];

describe('summariseRepurchase', () => {
  it('rate, within-N-days among eligible buyers, and pooled gaps (type-7 percentiles)', () => {
    const s = summariseRepurchase(buyers, 7, t0 + 50 * DAY);
    expect(s).toMatchObject({ buyers: 4, repeatBuyers: 3, repurchaseRate: 0.75 });
    // d's first order (day 40) is 10 days before the end (day 50): all four buyers are eligible for N = 7.
    expect(s.within).toEqual({ days: 7, eligibleBuyers: 4, repeatBuyers: 1, rate: 0.25 });
    // sorted gaps 5, 10, 20, 40 → mean 18.75, p50 15, p90 = 20 + 0.7 × 20 = 34.
    expect(s.timeBetweenOrders.gaps).toBe(4);
    expect(s.timeBetweenOrders.meanDays).toBe(18.75);
    expect(s.timeBetweenOrders.p50Days).toBe(15);
    expect(s.timeBetweenOrders.p90Days).toBeCloseTo(34, 9);
  });

  it('the within-N window is inclusive and excludes buyers first seen less than N days before the end', () => {
    const s = summariseRepurchase(buyers, 10, t0 + 45 * DAY);
    // eligible: first order at day ≤ 35 → a, b, c; a's second order at exactly 10 days counts.
    expect(s.within).toEqual({ days: 10, eligibleBuyers: 3, repeatBuyers: 2, rate: 2 / 3 });
  });
});

describe('summariseLtv', () => {
  it('sums exact fen per monthly cohort and rounds averages half away from zero', () => {
    const l = summariseLtv(buyers, 'month');
    expect(l).toMatchObject({ buyers: 4, gross: 1_619, refunded: 50, net: 1_569 });
    // cohorts by first order: a, b on 2024-01-10; c on 2024-02-04; d on 2024-02-19.
    expect(l.cohorts.map((c) => [c.cohort, c.buyers, c.net, c.netPerBuyer])).toEqual([['2024-01', 2, 1_551, 776], ['2024-02', 2, 18, 9]]);
    // nets sorted 3, 15, 550, 1001 → mean 392.25 → 392; p50 282.5 → 283; p90 = 550 + 0.7 × 451 = 865.7 → 866.
    expect(l.netPerBuyer).toEqual({ mean: 392, p50: 283, p90: 866 });
    expect(l.perBuyer.map((b) => b.personId)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('rounding and percentiles', () => {
    expect([2.5, -2.5, 2.4999, -0.5].map(roundHalfAwayFromZero)).toEqual([3, -3, 2, -1]);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
  });
});
