import type { AnchoredGroup, AnchoredMeasure, AnchoredResult } from '../../events/index.js';
import type { Moments } from './accumulate.js';
import type { Experiment, MetricDef, RatioPart } from './experiment.js';
import { hasPrePeriod } from './unit-metrics.js';

/**
 * A report as one anchored aggregation in the event store (ADR 0013): each metric becomes one or two
 * per-unit measures (plus CUPED's pre-period), the engine folds them into per-variation moments, and
 * `momentsOf` turns those into the statistics' inputs. Pure; `unit-metrics.ts` + `accumulate.ts` are the
 * reference implementation the pushdown is tested against.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where each metric's numbers are among the measures and products. */
interface MetricSlots { readonly main: number; readonly den?: number; readonly pre?: number; readonly product?: number }

export interface ReportPlan {
  readonly measures: readonly AnchoredMeasure[];
  readonly products: readonly (readonly [number, number])[];
  readonly slots: readonly MetricSlots[];
  readonly clustered: boolean;
}

function part(p: RatioPart | undefined, from: number, to: number): AnchoredMeasure {
  switch (p?.kind) {
    case 'conversion': return { op: 'any', names: [p.event as string], from, to };
    case 'count': return { op: 'count', names: [p.event as string], from, to };
    case 'gmv': return { op: 'sum', names: ['pay'], negate: ['refund'], from, to };
    default: return { op: 'orders', names: ['pay'], from, to };
  }
}

/** The measures of one metric over [from, to] after exposure: [numerator, denominator?]. */
function measuresOf(m: MetricDef, from: number, to: number): [AnchoredMeasure, AnchoredMeasure?] {
  switch (m.kind) {
    case 'conversion': case 'count': case 'gmv': case 'orders': return [part({ kind: m.kind, event: m.event }, from, to)];
    case 'complaint_rate': return [{ op: 'any', names: ['complaint'], from, to }];
    case 'decision_time': return [{ op: 'firstDelayHours', names: ['pay'], from, to }, { op: 'any', names: ['pay'], from, to }];
    case 'refund_rate': return [{ op: 'sum', names: ['refund'], from, to }, { op: 'sum', names: ['pay'], from, to }];
    case 'ratio': return [part(m.numerator, from, to), part(m.denominator, from, to)];
    case 'retention': {
      const start = (m.day ?? 1) * DAY;
      return [{ op: 'any', from: start, to: start + DAY - 1, complete: true }];
    }
  }
}

/** Plans the measures of an experiment's metrics then guardrails. */
export function planReport(e: Experiment): ReportPlan {
  const clustered = e.design.kind !== 'person';
  const lookback = clustered || !e.analysis.cuped ? 0 : e.analysis.cupedLookbackDays * DAY;
  const measures: AnchoredMeasure[] = [];
  const products: [number, number][] = [];
  const add = (m: AnchoredMeasure): number => measures.push(m) - 1;
  const slots = [...e.metrics, ...e.guardrails].map((m): MetricSlots => {
    const window = (m.windowHours ?? e.analysis.conversionWindowHours) * HOUR;
    const [num, den] = measuresOf(m, 0, window);
    const main = add(num);
    if (den) {
      const d = add(den);
      return { main, den: d, product: products.push([main, d]) - 1 };
    }
    if (lookback > 0 && hasPrePeriod(m)) {
      const [before] = measuresOf(m, -lookback, -1);
      const pre = add(before);
      return { main, pre, product: products.push([main, pre]) - 1 };
    }
    return { main };
  });
  return { measures, products, slots, clustered };
}

const NONE = { n: 0, sum: 0, sumSquares: 0, count: 0, countSquares: 0, sumByCount: 0 };

/** Moments `[metric][variation]` and randomisation units per variation from the engine's groups (variation keys). */
export function momentsOf(e: Experiment, plan: ReportPlan, result: AnchoredResult): { moments: Moments[][]; counts: number[] } {
  const byKey = new Map<string, AnchoredGroup>(result.groups.map((g) => [g.group, g]));
  const arms = e.variations.map((v) => byKey.get(v.key));
  const counts = arms.map((g) => g?.units ?? 0);
  const moments = plan.slots.map((s) => arms.map((g): Moments => {
    const main = g?.measures[s.main] ?? NONE;
    const product = s.product === undefined ? 0 : g?.products[s.product] ?? 0;
    if (s.den !== undefined) {
      const den = g?.measures[s.den] ?? NONE;
      return { kind: 'ratio', n: main.n, m: { sum: main.sum, sumSquares: main.sumSquares }, d: { sum: den.sum, sumSquares: den.sumSquares }, mdSumOfProducts: product };
    }
    // Clusters: Σ outcome over Σ persons observed, per cluster.
    if (plan.clustered) return { kind: 'ratio', n: main.n, m: { sum: main.sum, sumSquares: main.sumSquares }, d: { sum: main.count, sumSquares: main.countSquares }, mdSumOfProducts: main.sumByCount };
    const pre = s.pre === undefined ? undefined : g?.measures[s.pre] ?? NONE;
    return { kind: 'mean', n: main.n, sum: main.sum, sumSquares: main.sumSquares, ...(pre ? { pre: { sum: pre.sum, sumSquares: pre.sumSquares, sumOfProducts: product } } : {}) };
  }));
  return { moments, counts };
}
