import { describe, expect, it } from 'vitest';
import {
  computeErfc,
  computeLogBeta,
  computeLogGamma,
  computeRegularizedGammaP,
  computeRegularizedGammaQ,
  computeRegularizedIncompleteBeta,
} from './special-functions.js';

/** |actual − expected| ≤ tol·|expected|. */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

// References: mpmath 1.3.0 at 40 digits (erfc, loggamma, log(beta), betainc, gammainc), rounded to double.
describe('erfc', () => {
  it.each([
    [0.2, 0.7772974107895215],
    [0.74, 0.2953219221452542], // just below the series / fraction switch
    [0.76, 0.28246324719440913], // just above it
    [1.1, 0.11979493042591827],
    [3.3, 3.0577097964381654e-6],
    [9, 4.13703174651381e-37],
  ])('erfc(%d) to a relative 1e-15', (x, expected) => {
    expectRelative(computeErfc(x), expected, 1e-15);
  });

  it('is 2 − erfc(−x) on the left, 0 after underflow and NaN for NaN', () => {
    expect(computeErfc(-1.1)).toBe(2 - computeErfc(1.1));
    expect(computeErfc(0)).toBe(1);
    expect(computeErfc(40)).toBe(0);
    expect(computeErfc(Number.NaN)).toBeNaN();
  });
});

describe('log-gamma and log-beta', () => {
  it.each([
    [0.5, 0.5723649429247001],
    [7.25, 7.0521854507385395],
    [1e-5, 11.512919692895826],
    [1234.5, 7550.550901077895],
  ])('lnΓ(%d) to an absolute 3e-15 (below 10) or a relative 2e-15', (x, expected) => {
    expect(Math.abs(computeLogGamma(x) - expected)).toBeLessThanOrEqual(Math.max(3e-15, 2e-15 * expected));
  });

  it('is exact enough at the integers, where Γ(n) = (n − 1)!', () => {
    expect(Math.abs(computeLogGamma(1))).toBeLessThan(4e-15);
    expectRelative(computeLogGamma(11), Math.log(3628800), 1e-15);
  });

  it.each([
    [2.5, 3.5, -3.301835269962053],
    [3000, 0.5, -3.4307771742339495],
    [40, 55, -65.30930945535984],
    [4.5e6, 0.5, -7.087429006667796],
  ])('ln B(%d, %d) keeps its precision when the log-gammas are huge', (a, b, expected) => {
    expectRelative(computeLogBeta(a, b), expected, 1e-14);
    expectRelative(computeLogBeta(b, a), expected, 1e-14);
  });

  it('rejects non-positive arguments', () => {
    expect(computeLogGamma(0)).toBeNaN();
    expect(computeLogBeta(-1, 2)).toBeNaN();
  });
});

describe('regularized incomplete beta', () => {
  it('matches mpmath', () => {
    expectRelative(computeRegularizedIncompleteBeta(2.5, 3.5, 0.3), 0.2967529892956664, 1e-14);
    expectRelative(computeRegularizedIncompleteBeta(0.5, 30, 0.01), 0.5606656310947488, 1e-14);
  });

  it('satisfies the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.01, 0.3, 0.77, 0.999]) {
      expectRelative(computeRegularizedIncompleteBeta(3.7, 1, x), x ** 3.7, 1e-14);
      expectRelative(computeRegularizedIncompleteBeta(1, 2.2, x), 1 - (1 - x) ** 2.2, 1e-14);
    }
  });

  it('satisfies I_x(a, b) + I_(1−x)(b, a) = 1 on both sides of the switch point', () => {
    for (const [a, b, x] of [[2, 5, 0.1], [2, 5, 0.6], [50, 0.5, 0.97], [0.5, 50, 0.03]] as const) {
      const sum = computeRegularizedIncompleteBeta(a, b, x) + computeRegularizedIncompleteBeta(b, a, 1 - x);
      expect(sum).toBeCloseTo(1, 14);
    }
  });

  it('is 0 and 1 at the ends and NaN outside [0, 1]', () => {
    expect(computeRegularizedIncompleteBeta(2, 3, 0)).toBe(0);
    expect(computeRegularizedIncompleteBeta(2, 3, 1)).toBe(1);
    expect(computeRegularizedIncompleteBeta(2, 3, 1.5)).toBeNaN();
  });
});

describe('regularized incomplete gamma', () => {
  it('matches mpmath in the bulk and the far tail', () => {
    expectRelative(computeRegularizedGammaP(3.5, 2), 0.22022259152428408, 1e-14);
    expectRelative(computeRegularizedGammaQ(0.5, 40), 3.744097384202899e-19, 1e-14);
  });

  it('gives Q(1, x) = e^(−x) and P + Q = 1', () => {
    for (const x of [0.1, 1.5, 2.5, 30]) {
      expectRelative(computeRegularizedGammaQ(1, x), Math.exp(-x), 1e-14);
      expect(computeRegularizedGammaP(4.2, x) + computeRegularizedGammaQ(4.2, x)).toBeCloseTo(1, 15);
    }
  });

  it('handles the ends', () => {
    expect(computeRegularizedGammaQ(2, 0)).toBe(1);
    expect(computeRegularizedGammaP(2, 0)).toBe(0);
    expect(computeRegularizedGammaQ(2, Number.POSITIVE_INFINITY)).toBe(0);
    expect(computeRegularizedGammaQ(0, 1)).toBeNaN();
  });
});
