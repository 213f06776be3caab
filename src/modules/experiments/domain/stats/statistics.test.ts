import { describe, expect, it } from 'vitest';
import {
  computeMean,
  computeTheta,
  computeUnadjustedMean,
  computeVariance,
  withTheta,
  type CupedStatistic,
  type RatioStatistic,
  type SampleMean,
} from './statistics.js';

interface Unit { readonly pre: number; readonly post: number }

/** Deterministic unit-level data: post = base + slope·pre + bounded noise (no randomness). */
function buildUnits(count: number, base: number, slope: number, seed: number): Unit[] {
  return Array.from({ length: count }, (_, i) => {
    const pre = ((i * 37 + seed) % 101) / 10;
    const noise = (((i * 53 + seed * 7) % 17) - 8) / 4;
    return { pre, post: base + slope * pre + noise };
  });
}

/** The sufficient statistics of a list of units (what the SQL would aggregate). */
function summarize(units: readonly Unit[], theta = 0): CupedStatistic {
  const n = units.length;
  const sum = (f: (u: Unit) => number): number => units.reduce((s, u) => s + f(u), 0);
  return {
    kind: 'cuped',
    n,
    theta,
    post: { kind: 'mean', n, sum: sum((u) => u.post), sumSquares: sum((u) => u.post ** 2) },
    pre: { kind: 'mean', n, sum: sum((u) => u.pre), sumSquares: sum((u) => u.pre ** 2) },
    postPreSumOfProducts: sum((u) => u.post * u.pre),
  };
}

describe('sample mean and proportion', () => {
  it('gives Σx/n and the (n − 1) sample variance computed by a two-pass loop', () => {
    const xs = [3, 7, 7, 19, 4.5];
    const stat: SampleMean = { kind: 'mean', n: xs.length, sum: 40.5, sumSquares: xs.reduce((s, x) => s + x * x, 0) };
    const mean = 40.5 / 5;
    expect(computeMean(stat)).toBe(mean);
    expect(computeVariance(stat)).toBeCloseTo(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / 4, 12);
    expect(computeVariance({ kind: 'mean', n: 1, sum: 3, sumSquares: 9 })).toBe(0);
  });

  it('reports a constant metric as variance 0, not as rounding noise', () => {
    // 0.1 × 3: Σx = 0.30000000000000004, Σx² = 0.030000000000000006; the one-pass formula leaves ~3e-18.
    const x = 0.1;
    const stat: SampleMean = { kind: 'mean', n: 3, sum: x + x + x, sumSquares: x * x + x * x + x * x };
    expect(stat.sumSquares - stat.sum ** 2 / 3).not.toBe(0);
    expect(computeVariance(stat)).toBe(0);
  });

  it('gives p and p(1 − p) for a proportion', () => {
    expect(computeMean({ kind: 'proportion', n: 40, sum: 10 })).toBe(0.25);
    expect(computeVariance({ kind: 'proportion', n: 40, sum: 10 })).toBe(0.1875);
  });
});

describe('ratio (delta method)', () => {
  /*
   * Units (m, d): (2, 1) (4, 2) (3, 2) (5, 3). μ_m = 3.5, μ_d = 2, var_m = 5/3, var_d = 2/3, cov = 1.
   * var = (5/3)/4 − 2·1·3.5/8 + 3.5²·(2/3)/16 = 40/96 − 84/96 + 49/96 = 5/96.
   * Cross-check by linearisation: residuals (m − 1.75·d)/2 = 0.125, 0.25, −0.25, −0.125; their
   * sample variance is 0.15625/3 = 5/96.
   */
  const ratio: RatioStatistic = {
    kind: 'ratio',
    n: 4,
    m: { sum: 14, sumSquares: 4 + 16 + 9 + 25 },
    d: { sum: 8, sumSquares: 1 + 4 + 4 + 9 },
    mdSumOfProducts: 2 + 8 + 6 + 15,
  };

  it('has mean Σm/Σd and the hand-computed per-unit variance 5/96', () => {
    expect(computeMean(ratio)).toBe(1.75);
    expect(computeVariance(ratio)).toBeCloseTo(5 / 96, 14);
  });
});

describe('CUPED', () => {
  const a = buildUnits(40, 5, 0.8, 1);
  const b = buildUnits(47, 5.6, 0.8, 2);

  it('pools θ as the OLS slope of post on pre over all units of both arms', () => {
    const all = [...a, ...b];
    const meanPre = all.reduce((s, u) => s + u.pre, 0) / all.length;
    const meanPost = all.reduce((s, u) => s + u.post, 0) / all.length;
    let sxy = 0;
    let sxx = 0;
    for (const u of all) {
      sxy += (u.pre - meanPre) * (u.post - meanPost);
      sxx += (u.pre - meanPre) ** 2;
    }
    const theta = computeTheta(summarize(a), summarize(b));
    expect(theta).toBeCloseTo(sxy / sxx, 12);
    expect(theta).toBeGreaterThan(0.6); // the data were built with slope 0.8
  });

  it('adjusts the mean by θ·pre and keeps the unadjusted mean', () => {
    const stat = withTheta(summarize(a), 0.5);
    const post = computeMean(stat.post);
    expect(computeUnadjustedMean(stat)).toBe(post);
    expect(computeMean(stat)).toBeCloseTo(post - 0.5 * computeMean(stat.pre), 14);
  });

  it('gives the variance of the per-unit residual post − θ·pre', () => {
    const theta = 0.7;
    const residuals = a.map((u) => u.post - theta * u.pre);
    const mean = residuals.reduce((s, r) => s + r, 0) / residuals.length;
    const direct = residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / (residuals.length - 1);
    expect(computeVariance(withTheta(summarize(a), theta))).toBeCloseTo(direct, 10);
  });

  it('reduces the variance when pre and post are correlated, and θ = 0 changes nothing', () => {
    const stat = summarize(a);
    const theta = computeTheta(stat, summarize(b));
    expect(computeVariance(withTheta(stat, theta))).toBeLessThan(0.5 * computeVariance(stat.post));
    expect(computeVariance(stat)).toBeCloseTo(computeVariance(stat.post), 12);
  });

  it('returns θ = 0 when the pooled pre-period metric is constant', () => {
    const flat = (units: Unit[]): CupedStatistic => summarize(units.map((u) => ({ pre: 2, post: u.post })));
    expect(computeTheta(flat(a), flat(b))).toBe(0);
  });

  it('withTheta returns a copy', () => {
    const stat = summarize(a);
    expect(withTheta(stat, 0.3).theta).toBe(0.3);
    expect(stat.theta).toBe(0);
  });
});
