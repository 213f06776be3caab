import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  binomialLowerTail, binomialUpperTail, EXACT_VARIANCE_LIMIT, lnGamma, normalCdf, poissonLowerTail, poissonUpperTail,
} from './significance.js';

interface PoissonCase { x: number; lambda: number; lower: number; upper: number }
interface BinomialCase { x: number; n: number; p: number; lower: number; upper: number }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/cases/alerts-significance.json'), 'utf8')) as
  { poisson: PoissonCase[]; binomial: BinomialCase[] };

/** Relative error, with an absolute floor so tails that round to 1 compare sensibly. */
const close = (actual: number, expected: number, rel: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(rel * Math.abs(expected), 1e-13));
};

describe('lnGamma and normalCdf', () => {
  it('match known values', () => {
    close(lnGamma(1), 0, 1e-12);
    close(lnGamma(11), Math.log(3_628_800), 1e-13);
    close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13);
    close(normalCdf(0), 0.5, 1e-7);
    close(normalCdf(-2.326347874), 0.01, 1e-5);
    close(normalCdf(1.959963985), 0.975, 1e-6);
  });
});

describe('Poisson tails against scipy.stats (test/cases/alerts-significance.json)', () => {
  for (const c of golden.poisson) {
    const exact = c.lambda <= EXACT_VARIANCE_LIMIT;
    it(`x=${c.x}, λ=${c.lambda} (${exact ? 'exact summation' : 'normal approximation'})`, () => {
      const rel = exact ? 1e-9 : 0.1;
      close(poissonLowerTail(c.x, c.lambda), c.lower, rel);
      close(poissonUpperTail(c.x, c.lambda), c.upper, rel);
    });
  }

  it('hand computation: P(X ≤ 2 | λ = 5) = e⁻⁵ (1 + 5 + 12.5)', () => {
    close(poissonLowerTail(2, 5), Math.exp(-5) * 18.5, 1e-12);
  });
});

describe('binomial tails against scipy.stats (test/cases/alerts-significance.json)', () => {
  for (const c of golden.binomial) {
    const exact = c.n * c.p * (1 - c.p) <= EXACT_VARIANCE_LIMIT;
    it(`x=${c.x}, n=${c.n}, p=${c.p} (${exact ? 'exact summation' : 'normal approximation'})`, () => {
      const rel = exact ? 1e-9 : 0.1;
      close(binomialLowerTail(c.x, c.n, c.p), c.lower, rel);
      close(binomialUpperTail(c.x, c.n, c.p), c.upper, rel);
    });
  }

  it('handles the edges: x outside [0, n], p of 0 or 1', () => {
    expect(binomialLowerTail(-1, 10, 0.5)).toBe(0);
    expect(binomialLowerTail(10, 10, 0.5)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
    expect(binomialLowerTail(0, 10, 1)).toBe(0);
    expect(binomialLowerTail(0, 10, 0)).toBe(1);
    expect(poissonLowerTail(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
  });
});
