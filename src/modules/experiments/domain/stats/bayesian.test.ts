import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeRisk, runBayesianTest, type BayesianOptions } from './bayesian.js';
import { computeNormalCdf, computeNormalPdf } from './distributions.js';
import { runFrequentistTest } from './frequentist.js';
import type { ArmStatistic, Proportion } from './statistics.js';

interface BayesianGolden {
  readonly name: string;
  readonly a: ArmStatistic;
  readonly b: ArmStatistic;
  readonly options: BayesianOptions;
  readonly expected: number;
  readonly ci: readonly [number, number];
  readonly chanceToWin: number;
  readonly risk: readonly [number, number];
}
const goldens = JSON.parse(readFileSync(new URL('../../../../../test/cases/experiments-gbstats.json', import.meta.url), 'utf8')) as { bayesian: BayesianGolden[] };

/** Asserts `actual` rounds (half away from zero, −0 folded) to `golden` at 5 decimals, as gbstats' tests do. */
function expectRounded(actual: number, golden: number): void {
  expect(Number(actual.toFixed(5)) + 0).toBe(golden);
}

describe('gbstats goldens (5 decimals)', () => {
  it.each(goldens.bayesian)('$name', (golden) => {
    const result = runBayesianTest(golden.a, golden.b, golden.options);
    expect(result.errorMessage).toBeUndefined();
    expectRounded(result.expected, golden.expected);
    expectRounded(result.ci[0], golden.ci[0]);
    expectRounded(result.ci[1], golden.ci[1]);
    expectRounded(result.chanceToWin, golden.chanceToWin);
    expectRounded(result.risk[0], golden.risk[0]);
    expectRounded(result.risk[1], golden.risk[1]);
  });
});

const a: Proportion = { kind: 'proportion', n: 100, sum: 49 };
const b: Proportion = { kind: 'proportion', n: 100, sum: 51 };

describe('risk', () => {
  it('equals the truncated-normal form (1 − p₀)·E[X | X > 0] and −p₀·E[X | X < 0]', () => {
    for (const [mean, sd] of [[0.04, 0.15], [-0.3, 0.1], [2, 0.5]] as const) {
      const z = mean / sd;
      const p0 = computeNormalCdf(-z);
      const meanPositive = mean + (sd * computeNormalPdf(z)) / computeNormalCdf(z);
      const meanNegative = mean - (sd * computeNormalPdf(z)) / (1 - computeNormalCdf(z));
      const [control, treatment] = computeRisk(mean, sd);
      expect(control).toBeCloseTo((1 - p0) * meanPositive, 12);
      expect(treatment).toBeCloseTo(-p0 * meanNegative, 12);
      // E[max(X, 0)] − E[max(−X, 0)] = E[X].
      expect(control - treatment).toBeCloseTo(mean, 12);
    }
  });
});

describe('options', () => {
  it('with a flat prior, matches the frequentist estimate and a normal interval', () => {
    const bayes = runBayesianTest(a, b);
    const freq = runFrequentistTest(a, b);
    expect(bayes.expected).toBe(freq.expected);
    expect(bayes.sd).toBeCloseTo(freq.se, 15);
    expect(bayes.ci[1] - bayes.expected).toBeCloseTo(1.959963984540054 * bayes.sd, 12);
  });

  it('shrinks toward a proper prior by precision weighting', () => {
    const flat = runBayesianTest(a, b);
    const prior = { mean: 0, variance: 0.3 ** 2 };
    const shrunk = runBayesianTest(a, b, { prior });
    const dataPrecision = 1 / flat.sd ** 2;
    const priorPrecision = 1 / prior.variance;
    expect(shrunk.expected).toBeCloseTo((flat.expected * dataPrecision) / (dataPrecision + priorPrecision), 14);
    expect(shrunk.sd).toBeCloseTo(1 / Math.sqrt(dataPrecision + priorPrecision), 14);
    expect(shrunk.expected).toBeLessThan(flat.expected);
  });

  it('flips chance to win and swaps the risks for a lower-is-better metric', () => {
    const normal = runBayesianTest(a, b);
    const inverse = runBayesianTest(a, b, { inverse: true });
    expect(inverse.expected).toBe(normal.expected);
    expect(inverse.chanceToWin).toBeCloseTo(1 - normal.chanceToWin, 15);
    expect(inverse.risk).toEqual([normal.risk[1], normal.risk[0]]);
  });

  it('returns the uninformative default with a code', () => {
    expect(runBayesianTest({ kind: 'proportion', n: 100, sum: 0 }, b)).toEqual({
      expected: 0, ci: [0, 0], sd: 0, chanceToWin: 0.5, risk: [0, 0], errorMessage: 'experiments_stats_zero_variance',
    });
    expect(runBayesianTest(a, b, { prior: { mean: 0, variance: 0 } }).errorMessage).toBe('experiments_stats_invalid_options');
  });
});
