import type { MetricDef } from './experiment.js';
import { isRatioMetric, type MetricValue } from './unit-metrics.js';

/**
 * Sufficient statistics per variation and metric, folded unit by unit so that no per-unit array is
 * kept (a report over 10 million persons holds a few numbers per arm). Cluster and switchback designs
 * sum each cluster's persons first; each cluster is then one unit of a ratio (delta method), which is
 * the variance a cluster-randomised design needs (ADR 0013).
 */

/** Per-unit mean (sum, squares) with the CUPED covariate's moments when collected. */
export interface MeanMoments {
  readonly kind: 'mean';
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly pre?: { readonly sum: number; readonly sumSquares: number; readonly sumOfProducts: number };
}

/** Ratio of per-unit sums (numerator m, denominator d) with their cross moment. */
export interface RatioMoments {
  readonly kind: 'ratio';
  readonly n: number;
  readonly m: { readonly sum: number; readonly sumSquares: number };
  readonly d: { readonly sum: number; readonly sumSquares: number };
  readonly mdSumOfProducts: number;
}

export type Moments = MeanMoments | RatioMoments;

interface Cell { n: number; s: number; ss: number; ps: number; pss: number; prod: number; ds: number; dss: number; md: number; withPre: boolean }

const cell = (): Cell => ({ n: 0, s: 0, ss: 0, ps: 0, pss: 0, prod: 0, ds: 0, dss: 0, md: 0, withPre: false });

function addRatio(c: Cell, num: number, den: number): void {
  c.n++; c.s += num; c.ss += num * num; c.ds += den; c.dss += den * den; c.md += num * den;
}

/** Folds unit values into moments. Create one per report. */
export class MomentAccumulator {
  private readonly cells: Cell[][];
  private readonly clusters = new Map<string, { variation: number; num: Float64Array; den: Float64Array; seen: Float64Array }>();

  /** @param clustered true for cluster and switchback designs (units = clusters) */
  constructor(private readonly variations: number, private readonly metrics: readonly MetricDef[], private readonly clustered: boolean) {
    this.cells = Array.from({ length: variations }, () => metrics.map(cell));
  }

  /** Adds one unit (a person, or in clustered designs a person observation of `cluster`). */
  add(variation: number, values: readonly (MetricValue | null)[], cluster?: string): void {
    if (variation < 0 || variation >= this.variations) return;
    if (this.clustered) {
      const key = cluster ?? '';
      let c = this.clusters.get(key);
      if (!c) { c = { variation, num: new Float64Array(this.metrics.length), den: new Float64Array(this.metrics.length), seen: new Float64Array(this.metrics.length) }; this.clusters.set(key, c); }
      values.forEach((v, i) => { if (v) { (c.num[i] as number) += v.num; (c.den[i] as number) += v.den; (c.seen[i] as number) += 1; } });
      return;
    }
    const row = this.cells[variation] as Cell[];
    values.forEach((v, i) => {
      if (!v) return;
      const c = row[i] as Cell;
      if (isRatioMetric(this.metrics[i] as MetricDef)) { addRatio(c, v.num, v.den); return; }
      c.n++; c.s += v.num; c.ss += v.num * v.num;
      if (v.pre !== undefined) { c.withPre = true; c.ps += v.pre; c.pss += v.pre * v.pre; c.prod += v.num * v.pre; }
    });
  }

  /** Moments per metric, then per variation: `[metric][variation]`. */
  finish(): Moments[][] {
    if (this.clustered) {
      // A cluster is a unit of a metric once any of its persons could be measured on it.
      for (const { variation, num, den, seen } of this.clusters.values()) {
        const row = this.cells[variation] as Cell[];
        for (let i = 0; i < this.metrics.length; i++) if ((seen[i] as number) > 0) addRatio(row[i] as Cell, num[i] as number, den[i] as number);
      }
      this.clusters.clear();
    }
    return this.metrics.map((m, i) => this.cells.map((row) => {
      const c = row[i] as Cell;
      if (this.clustered || isRatioMetric(m)) return { kind: 'ratio', n: c.n, m: { sum: c.s, sumSquares: c.ss }, d: { sum: c.ds, sumSquares: c.dss }, mdSumOfProducts: c.md };
      return { kind: 'mean', n: c.n, sum: c.s, sumSquares: c.ss, ...(c.withPre ? { pre: { sum: c.ps, sumSquares: c.pss, sumOfProducts: c.prod } } : {}) };
    }));
  }
}
