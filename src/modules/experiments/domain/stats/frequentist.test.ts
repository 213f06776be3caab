import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStudentTQuantile } from './distributions.js';
import {
  computeSequentialHalfWidth,
  computeSequentialPValue,
  runFrequentistTest,
  type FrequentistOptions,
} from './frequentist.js';
import { computeVariance, type ArmStatistic, type CupedStatistic, type SampleMean } from './statistics.js';

interface FrequentistGolden {
  readonly name: string;
  readonly a: ArmStatistic;
  readonly b: ArmStatistic;
  readonly options: FrequentistOptions;
  readonly expected: number;
  readonly ci: readonly [number, number];
  readonly pValue: number;
  readonly se: number;
}
const goldens = JSON.parse(readFileSync(new URL('../../../../../test/cases/experiments-gbstats.json', import.meta.url), 'utf8')) as { frequentist: FrequentistGolden[] };

/** Asserts `actual` rounds (half away from zero, −0 folded) to `golden` at 5 decimals, as gbstats' tests do. */
function expectRounded(actual: number, golden: number): void {
  expect(Number(actual.toFixed(5)) + 0).toBe(golden);
}

describe('gbstats goldens (5 decimals)', () => {
  it.each(goldens.frequentist)('$name', (golden) => {
    const result = runFrequentistTest(golden.a, golden.b, golden.options);
    expect(result.errorMessage).toBeUndefined();
    expectRounded(result.expected, golden.expected);
    expectRounded(result.ci[0], golden.ci[0]);
    expectRounded(result.ci[1], golden.ci[1]);
    expectRounded(result.pValue, golden.pValue);
    expectRounded(result.se, golden.se);
  });
});

const controlMean: SampleMean = { kind: 'mean', n: 3407, sum: 1396.87, sumSquares: 52377.9767 };
const treatmentMean: SampleMean = { kind: 'mean', n: 3461, sum: 2422.7, sumSquares: 134698.29 };

describe('fixed-horizon Welch test', () => {
  it('uses the Welch–Satterthwaite dof and a t critical value', () => {
    const result = runFrequentistTest(controlMean, treatmentMean, { difference: 'absolute' });
    const va = computeVariance(controlMean) / 3407;
    const vb = computeVariance(treatmentMean) / 3461;
    const dof = (va + vb) ** 2 / (va ** 2 / 3406 + vb ** 2 / 3460);
    expect(result.dof).toBeCloseTo(dof, 9);
    expect(result.ci[1] - result.expected).toBeCloseTo(computeStudentTQuantile(0.975, dof) * result.se, 12);
  });

  it('one-sided tests halve the two-sided p-value in the observed direction and open one end', () => {
    const twoSided = runFrequentistTest(controlMean, treatmentMean);
    const greater = runFrequentistTest(controlMean, treatmentMean, { alternative: 'greater' });
    const less = runFrequentistTest(controlMean, treatmentMean, { alternative: 'less' });
    expect(greater.pValue).toBeCloseTo(twoSided.pValue / 2, 14);
    expect(less.pValue).toBeCloseTo(1 - twoSided.pValue / 2, 14);
    expect(greater.ci[1]).toBe(Number.POSITIVE_INFINITY);
    expect(less.ci[0]).toBe(Number.NEGATIVE_INFINITY);
    // The one-sided 95% bound is the two-sided 90% bound.
    const ninety = runFrequentistTest(controlMean, treatmentMean, { alpha: 0.1 });
    expect(greater.ci[0]).toBeCloseTo(ninety.ci[0], 12);
    expect(less.ci[1]).toBeCloseTo(ninety.ci[1], 12);
  });

  it('keeps p-values in the far tail instead of rounding 1 − T(|z|) to 0', () => {
    // z = 0.2/√(2·1.0002/5000) ≈ 10.0, dof ≈ 9998: p ≈ 2Φ(−10) = 1.52e-23 (heavier t tail: a bit more).
    const a: SampleMean = { kind: 'mean', n: 5000, sum: 5000, sumSquares: 10000 };
    const b: SampleMean = { kind: 'mean', n: 5000, sum: 6000, sumSquares: 12200 };
    const result = runFrequentistTest(a, b, { difference: 'absolute' });
    expect(result.pValue).toBeGreaterThan(1.5e-23);
    expect(result.pValue).toBeLessThan(2.5e-23);
  });
});

describe('sequential test', () => {
  const cupedArm = (n: number, post: [number, number], pre: [number, number], products: number): CupedStatistic => ({
    kind: 'cuped',
    n,
    theta: 0.5,
    postPreSumOfProducts: products,
    post: { kind: 'mean', n, sum: post[0], sumSquares: post[1] },
    pre: { kind: 'mean', n, sum: pre[0], sumSquares: pre[1] },
  });
  const a = cupedArm(3000, [1396.87, 52377.9767], [16.87, 527.9767], 12525);
  const b = cupedArm(3461, [2422.7, 134698.29], [22.7, 1348.29], 3333);

  it('is tightest when tuned to the sample size (N = 6461)', () => {
    const width = (tuning: number): number => {
      const { ci } = runFrequentistTest(a, b, { sequential: { tuning } });
      return ci[1] - ci[0];
    };
    expect(width(6461)).toBeLessThan(width(10));
    expect(width(6461)).toBeLessThan(width(10000));
    expect(width(6461)).toBeLessThan(width(5000));
  });

  it('is wider than the fixed-horizon interval (the price of peeking)', () => {
    const fixed = runFrequentistTest(a, b);
    const sequential = runFrequentistTest(a, b, { sequential: {} });
    expect(sequential.ci[1] - sequential.ci[0]).toBeGreaterThan(fixed.ci[1] - fixed.ci[0]);
    expect(sequential.pValue).toBeGreaterThanOrEqual(fixed.pValue);
  });

  it('has p = α exactly at the edge of the confidence sequence (duality)', () => {
    for (const [variance, n, alpha, tuning] of [[0.01, 6461, 0.05, 5000], [2.5, 120, 0.1, 1000], [1e-4, 1e6, 0.01, 20000]] as const) {
      const halfWidth = computeSequentialHalfWidth(variance, n, alpha, tuning);
      expect(computeSequentialPValue(halfWidth, variance, n, alpha, tuning)).toBeCloseTo(alpha, 12);
      expect(computeSequentialPValue(halfWidth * 1.01, variance, n, alpha, tuning)).toBeLessThan(alpha);
      expect(computeSequentialPValue(halfWidth * 0.99, variance, n, alpha, tuning)).toBeGreaterThan(alpha);
    }
  });

  it('rejects a one-sided sequential test and a non-positive tuning', () => {
    expect(runFrequentistTest(a, b, { sequential: {}, alternative: 'greater' }).errorMessage).toBe('experiments_stats_invalid_options');
    expect(runFrequentistTest(a, b, { sequential: { tuning: 0 } }).errorMessage).toBe('experiments_stats_invalid_options');
  });
});

describe('uninformative default', () => {
  const defaults = { expected: 0, ci: [0, 0], pValue: 1, se: 0 };

  it.each([
    ['an arm with one unit', { kind: 'proportion', n: 1, sum: 1 }, { kind: 'proportion', n: 30, sum: 16 }, 'experiments_stats_too_few_units'],
    ['zero variance', { kind: 'proportion', n: 30, sum: 0 }, { kind: 'proportion', n: 30, sum: 16 }, 'experiments_stats_zero_variance'],
    ['a relative effect over a control mean of 0', { kind: 'mean', n: 3, sum: 0, sumSquares: 2 }, { kind: 'mean', n: 3, sum: 3, sumSquares: 5 }, 'experiments_stats_zero_control_mean'],
  ] as const)('%s', (_name, a, b, code) => {
    expect(runFrequentistTest(a, b)).toEqual({ ...defaults, errorMessage: code });
  });

  it('accepts a control mean of 0 for an absolute effect', () => {
    const result = runFrequentistTest({ kind: 'mean', n: 3, sum: 0, sumSquares: 2 }, { kind: 'mean', n: 3, sum: 3, sumSquares: 5 }, { difference: 'absolute' });
    expect(result.errorMessage).toBeUndefined();
    expect(result.expected).toBe(1);
  });

  it('rejects alpha outside (0, 1)', () => {
    expect(runFrequentistTest(controlMean, treatmentMean, { alpha: 1 }).errorMessage).toBe('experiments_stats_invalid_options');
  });
});
