import type { MetricDef } from './experiment.js';

/**
 * Per-unit metric values after exposure (issue 6), person by person: the reference the report's pushdown
 * into the event store (`report-plan.ts`, ADR 0013) is tested against. Pure: a unit's rows (any order)
 * and its exposure are given. Semantics (README "Metrics"):
 * - conversion(event): 1 when the unit has `event` in [exposure, exposure + window], else 0;
 * - count(event): how many `event`s in that window; orders: distinct orderIds of its `pay` rows;
 * - gmv: pay amounts − refund amounts in the window, integer fen (net of refunds);
 * - decision_time: hours from exposure to the first `pay` (a ratio over payers: num = hours, den = 1 when paid);
 * - retention(day): 1 when the unit has any event in [exposure + day·24 h, exposure + (day+1)·24 h);
 *   null (not yet observable) while that day has not ended;
 * - refund_rate: refunded / paid amount in the window (a ratio); complaint_rate: 1 when it complained;
 * - ratio(numerator, denominator): both sides (conversion, count, gmv, orders) in the window, e.g. net GMV / orders.
 * Windows end at `observedUntil` at the latest (the analysis time, a stop, or a switchback slot's end).
 */

/** The row fields a metric reads. */
export interface MetricRow {
  readonly name: string;
  readonly ts: number;
  readonly amount: number | null;
  readonly orderId: string | null;
}

/** One metric's value for one unit: `num / den` (den = 1 for per-unit means), and the pre-exposure value. */
export interface MetricValue {
  readonly num: number;
  readonly den: number;
  /** The same metric over the CUPED lookback before exposure (absent for metrics CUPED does not apply to). */
  readonly pre?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Metrics analysed as ratios of sums (delta method) even in a person-randomised design. */
export function isRatioMetric(m: MetricDef): boolean {
  return m.kind === 'decision_time' || m.kind === 'refund_rate' || m.kind === 'ratio';
}

/** Metrics whose value is 0/1 per unit. */
export function isBinaryMetric(m: MetricDef): boolean {
  return m.kind === 'conversion' || m.kind === 'retention' || m.kind === 'complaint_rate';
}

/** Whether CUPED's pre-exposure covariate applies (per-unit means that exist before exposure). */
export function hasPrePeriod(m: MetricDef): boolean {
  return !isRatioMetric(m) && m.kind !== 'retention';
}

function summarise(rows: readonly MetricRow[], m: MetricDef, from: number, to: number): { num: number; den: number } {
  let num = 0;
  let den = 0;
  let first = Infinity;
  const orders = m.kind === 'orders' ? new Set<string>() : undefined;
  let loose = 0;
  for (const r of rows) {
    if (r.ts < from || r.ts > to) continue;
    switch (m.kind) {
      case 'conversion': case 'complaint_rate': if (r.name === (m.kind === 'conversion' ? m.event : 'complaint')) num = 1; break;
      case 'count': if (r.name === m.event) num++; break;
      case 'gmv': if (r.name === 'pay') num += r.amount ?? 0; else if (r.name === 'refund') num -= Math.max(0, r.amount ?? 0); break;
      case 'orders': if (r.name === 'pay') { if (r.orderId === null) loose++; else orders?.add(r.orderId); } break;
      case 'decision_time': if (r.name === 'pay' && r.ts < first) first = r.ts; break;
      case 'refund_rate': if (r.name === 'pay') den += r.amount ?? 0; else if (r.name === 'refund') num += Math.max(0, r.amount ?? 0); break;
      case 'retention': num = 1; break;
      case 'ratio': break;
    }
  }
  if (m.kind === 'orders') num = (orders?.size ?? 0) + loose;
  if (m.kind === 'decision_time') return Number.isFinite(first) ? { num: (first - from) / HOUR, den: 1 } : { num: 0, den: 0 };
  return { num, den: m.kind === 'refund_rate' ? den : 1 };
}

/**
 * The value of each metric for one unit, or null where it cannot be observed yet.
 * @param rows the unit's rows (any order)
 * @param exposedAt UTC epoch ms of the unit's first exposure
 * @param observedUntil the last instant that counts (inclusive), UTC epoch ms
 * @param defaultWindowHours the experiment's conversion window
 * @param lookbackDays CUPED's pre-exposure period, or 0 for none
 */
export function computeUnitMetrics(rows: readonly MetricRow[], exposedAt: number, observedUntil: number, metrics: readonly MetricDef[], defaultWindowHours: number, lookbackDays: number): (MetricValue | null)[] {
  return metrics.map((m) => {
    if (m.kind === 'retention') {
      const day = m.day ?? 1;
      const start = exposedAt + day * DAY;
      const end = start + DAY - 1;
      if (end > observedUntil) return null;
      return summarise(rows, m, start, end);
    }
    const to = Math.min(observedUntil, exposedAt + (m.windowHours ?? defaultWindowHours) * HOUR);
    if (m.kind === 'ratio') {
      const side = (part: MetricDef['numerator']): number => (part ? summarise(rows, { key: '', ...part }, exposedAt, to).num : 0);
      return { num: side(m.numerator), den: side(m.denominator) };
    }
    const value = summarise(rows, m, exposedAt, to);
    if (lookbackDays <= 0 || !hasPrePeriod(m)) return value;
    return { ...value, pre: summarise(rows, m, exposedAt - lookbackDays * DAY, exposedAt - 1).num };
  });
}
