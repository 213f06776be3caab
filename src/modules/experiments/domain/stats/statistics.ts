/**
 * Sufficient statistics of one experiment arm and the per-unit mean and variance each implies
 * (GrowthBook gbstats' statistic classes, re-derived). All sums are over the arm's units (users,
 * sessions or clusters); variances are sample variances (n − 1) of a single unit, not of the mean.
 */

/** A metric averaged over units: n units, Σx and Σx². */
export interface SampleMean {
  readonly kind: 'mean';
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
}

/** A 0/1 metric: n units of which `sum` converted; Σx² = Σx. */
export interface Proportion {
  readonly kind: 'proportion';
  readonly n: number;
  readonly sum: number;
}

/** Σ and Σ² of one per-unit quantity (a ratio's numerator or denominator). */
export interface SumPair {
  readonly sum: number;
  readonly sumSquares: number;
}

/**
 * A ratio metric Σm/Σd over n units (revenue per session; also cluster and switchback designs, where
 * the unit is the cluster and m, d are its totals). Variance by the delta method.
 */
export interface RatioStatistic {
  readonly kind: 'ratio';
  readonly n: number;
  readonly m: SumPair;
  readonly d: SumPair;
  /** Σ m·d over the units. */
  readonly mdSumOfProducts: number;
}

/**
 * A regression-adjusted (CUPED) metric: the post-exposure metric adjusted by `theta` times the same
 * units' pre-exposure covariate. Use computeTheta + withTheta to set theta from both arms.
 */
export interface CupedStatistic {
  readonly kind: 'cuped';
  readonly n: number;
  readonly post: SampleMean | Proportion;
  readonly pre: SampleMean | Proportion;
  /** Σ post·pre over the units. */
  readonly postPreSumOfProducts: number;
  readonly theta: number;
}

/** Any arm statistic the tests accept. */
export type ArmStatistic = SampleMean | Proportion | RatioStatistic | CupedStatistic;

/** Σx² of a mean or proportion (a 0/1 metric squares to itself). */
function getSumSquares(stat: SampleMean | Proportion): number {
  return stat.kind === 'mean' ? stat.sumSquares : stat.sum;
}

/**
 * Below this fraction of Σx², Σx² − (Σx)²/n is rounding noise of the one-pass formula (a constant
 * metric can leave ±1e-16·Σx² instead of 0), so the variance is reported as exactly 0.
 */
const VARIANCE_NOISE_FLOOR = 1e-12;

/** Sample variance (n − 1) from Σx, Σx²; 0 when n ≤ 1 or within rounding noise of 0. */
function computeSampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n <= 1) return 0;
  const centered = sumSquares - (sum * sum) / n;
  if (Math.abs(centered) <= VARIANCE_NOISE_FLOOR * Math.abs(sumSquares)) return 0;
  return centered / (n - 1);
}

/** Sample covariance (n − 1) from Σx, Σy, Σxy; 0 when n ≤ 1. */
function computeSampleCovariance(n: number, sumX: number, sumY: number, sumOfProducts: number): number {
  if (n <= 1) return 0;
  return (sumOfProducts - (sumX * sumY) / n) / (n - 1);
}

/**
 * The arm's mean in the metric's unit: Σx/n; Σm/Σd for a ratio; post mean − θ·pre mean for CUPED.
 * NaN when n (or Σd) is 0.
 */
export function computeMean(stat: ArmStatistic): number {
  switch (stat.kind) {
    case 'mean':
    case 'proportion':
      return stat.sum / stat.n;
    case 'ratio':
      return stat.m.sum / stat.d.sum;
    case 'cuped':
      return computeMean(stat.post) - stat.theta * computeMean(stat.pre);
  }
}

/**
 * The arm's mean before any regression adjustment (the post mean for CUPED, computeMean otherwise);
 * the denominator of relative effects.
 */
export function computeUnadjustedMean(stat: ArmStatistic): number {
  return stat.kind === 'cuped' ? computeMean(stat.post) : computeMean(stat);
}

/**
 * The per-unit variance (squared metric units; divide by n for the variance of the mean):
 * - mean: (Σx² − (Σx)²/n)/(n − 1), 0 when n ≤ 1 (or when Σx² − (Σx)²/n is below 1e-12·Σx², i.e. noise);
 * - proportion: p(1 − p);
 * - ratio (delta method): var_m/μ_d² − 2·cov_md·μ_m/μ_d³ + μ_m²·var_d/μ_d⁴ with per-unit means μ;
 * - CUPED: var_post + θ²·var_pre − 2θ·cov(post, pre).
 */
export function computeVariance(stat: ArmStatistic): number {
  switch (stat.kind) {
    case 'mean':
      return computeSampleVariance(stat.n, stat.sum, stat.sumSquares);
    case 'proportion': {
      const p = stat.sum / stat.n;
      return p * (1 - p);
    }
    case 'ratio': {
      const { n, m, d } = stat;
      const meanM = m.sum / n;
      const meanD = d.sum / n;
      const varM = computeSampleVariance(n, m.sum, m.sumSquares);
      const varD = computeSampleVariance(n, d.sum, d.sumSquares);
      const cov = computeSampleCovariance(n, m.sum, d.sum, stat.mdSumOfProducts);
      return varM / meanD ** 2 - (2 * cov * meanM) / meanD ** 3 + (meanM ** 2 * varD) / meanD ** 4;
    }
    case 'cuped': {
      const cov = computeSampleCovariance(stat.n, stat.post.sum, stat.pre.sum, stat.postPreSumOfProducts);
      return computeVariance(stat.post) + stat.theta ** 2 * computeVariance(stat.pre) - 2 * stat.theta * cov;
    }
  }
}

/**
 * CUPED's θ pooled over both arms: the OLS slope of post on pre over all units of a and b,
 * cov(post, pre)/var(pre) from the summed Σ, Σ², Σ post·pre with n = n_a + n_b, ignoring which arm
 * a unit is in (as gbstats does). Dimensionless (post units per pre unit). 0 when the pooled pre (or
 * post) variance is not positive.
 */
export function computeTheta(a: CupedStatistic, b: CupedStatistic): number {
  const n = a.n + b.n;
  const preSum = a.pre.sum + b.pre.sum;
  const postSum = a.post.sum + b.post.sum;
  const preVariance = computeSampleVariance(n, preSum, getSumSquares(a.pre) + getSumSquares(b.pre));
  const postVariance = computeSampleVariance(n, postSum, getSumSquares(a.post) + getSumSquares(b.post));
  if (!(preVariance > 0) || !(postVariance > 0)) return 0;
  const cov = computeSampleCovariance(n, postSum, preSum, a.postPreSumOfProducts + b.postPreSumOfProducts);
  return cov / preVariance;
}

/** A copy of the CUPED statistic with θ replaced (statistics are immutable values). */
export function withTheta(stat: CupedStatistic, theta: number): CupedStatistic {
  return { ...stat, theta };
}
