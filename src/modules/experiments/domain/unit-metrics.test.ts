import { describe, expect, it } from 'vitest';
import type { MetricDef } from './experiment.js';
import { computeUnitMetrics, type MetricRow } from './unit-metrics.js';

const H = 3_600_000;
const X = Date.UTC(2026, 10, 1); // exposure
const row = (name: string, dt: number, amount: number | null = null, orderId: string | null = null): MetricRow => ({ name, ts: X + dt, amount, orderId });
const m = (over: Partial<MetricDef> & Pick<MetricDef, 'kind'>): MetricDef => ({ key: over.kind, ...over });

describe('per-unit metrics after exposure', () => {
  const rows = [
    row('pay', -2 * H, 900, 'o0'), // before exposure: only the CUPED covariate sees it
    row('detail_view', 1 * H), row('pay', 3 * H, 5_000, 'o1'), row('pay', 3 * H, 1_000, 'o1'), row('pay', 5 * H, 2_000, null),
    row('refund', 6 * H, 1_500, 'o1'), row('complaint', 7 * H), row('pay', 80 * H, 7_000, 'o2'), // after the 72 h window
    row('play', 24 * H + 5), // day-1 activity
  ];
  const metrics: MetricDef[] = [
    m({ kind: 'conversion', event: 'pay' }), m({ kind: 'gmv' }), m({ kind: 'orders' }), m({ kind: 'decision_time' }),
    m({ kind: 'retention', day: 1 }), m({ kind: 'refund_rate' }), m({ kind: 'complaint_rate' }), m({ kind: 'count', event: 'pay', windowHours: 4 }),
    m({ kind: 'ratio', numerator: { kind: 'gmv' }, denominator: { kind: 'orders' } }),
  ];

  it('counts each metric in its window, net of refunds, with the pre-exposure covariate', () => {
    const v = computeUnitMetrics(rows, X, X + 100 * H, metrics, 72, 14);
    expect(v).toEqual([
      { num: 1, den: 1, pre: 1 },
      { num: 5_000 + 1_000 + 2_000 - 1_500, den: 1, pre: 900 },
      { num: 2, den: 1, pre: 1 }, // o1 (two rows) and the pay without orderId
      { num: 3, den: 1 }, // hours to the first pay
      { num: 1, den: 1 },
      { num: 1_500, den: 8_000 },
      { num: 1, den: 1, pre: 0 },
      { num: 2, den: 1, pre: 1 }, // count within 4 h
      { num: 6_500, den: 2 }, // average order value: net GMV over distinct orders
    ]);
  });

  it('leaves retention unobservable until its day has ended, and cuts windows at the observation end', () => {
    const v = computeUnitMetrics(rows, X, X + 4 * H, metrics, 72, 0);
    expect(v[4]).toBeNull();
    expect(v[1]).toEqual({ num: 6_000, den: 1 });
    expect(v[3]).toEqual({ num: 3, den: 1 });
  });

  it('gives a unit without events zeros (and no decision time)', () => {
    expect(computeUnitMetrics([], X, X + 100 * H, metrics, 72, 0)).toEqual([
      { num: 0, den: 1 }, { num: 0, den: 1 }, { num: 0, den: 1 }, { num: 0, den: 0 }, { num: 0, den: 1 }, { num: 0, den: 0 }, { num: 0, den: 1 }, { num: 0, den: 1 }, { num: 0, den: 0 },
    ]);
  });
});
