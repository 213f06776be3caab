import type { Moments } from './accumulate.js';
import type { AnalysisSettings } from './experiment.js';
import {
  adjustPValuesBenjaminiHochberg, adjustPValuesHolm, checkSampleRatioMismatch, computeTheta, runBayesianTest, runFrequentistTest, withTheta,
  type ArmStatistic, type CupedStatistic,
} from './stats/index.js';

/**
 * The bridge from folded moments to the statistics engine (`stats/`): picks each arm's statistic
 * (proportion for 0/1 metrics, sample mean, ratio, or CUPED with theta pooled across both arms as
 * gbstats does) and runs the configured test. Pure.
 */

/** One comparison as the analysis reads it (either engine). */
export interface ArmComparison {
  readonly expected: number;
  readonly ci: readonly [number, number];
  readonly pValue: number | null;
  readonly chanceToWin: number | null;
  readonly risk: readonly [number, number] | null;
  readonly cuped: boolean;
  readonly errorMessage?: string;
}

function toStatistic(m: Moments, binary: boolean, cuped: boolean): ArmStatistic {
  if (m.kind === 'ratio') return { kind: 'ratio', n: m.n, m: m.m, d: m.d, mdSumOfProducts: m.mdSumOfProducts };
  const post = binary ? { kind: 'proportion' as const, n: m.n, sum: m.sum } : { kind: 'mean' as const, n: m.n, sum: m.sum, sumSquares: m.sumSquares };
  if (!cuped || !m.pre) return post;
  return { kind: 'cuped', n: m.n, post, pre: { kind: 'mean', n: m.n, sum: m.pre.sum, sumSquares: m.pre.sumSquares }, postPreSumOfProducts: m.pre.sumOfProducts, theta: 0 };
}

/** Treatment vs control on one metric under the experiment's settings. */
export function compareArms(control: Moments, treatment: Moments, s: AnalysisSettings & { readonly inverse: boolean; readonly binary: boolean }): ArmComparison {
  let a = toStatistic(control, s.binary, s.cuped);
  let b = toStatistic(treatment, s.binary, s.cuped);
  const cuped = a.kind === 'cuped' && b.kind === 'cuped';
  if (cuped) {
    const theta = computeTheta(a as CupedStatistic, b as CupedStatistic);
    a = withTheta(a as CupedStatistic, theta);
    b = withTheta(b as CupedStatistic, theta);
  }
  if (s.engine === 'bayesian') {
    const r = runBayesianTest(a, b, { difference: s.difference, alpha: s.alpha, inverse: s.inverse });
    return { expected: r.expected, ci: r.ci, pValue: null, chanceToWin: r.chanceToWin, risk: r.risk, cuped, ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}) };
  }
  const r = runFrequentistTest(a, b, {
    difference: s.difference, alpha: s.alpha, alternative: s.alternative, ...(s.sequential ? { sequential: { tuning: s.sequentialTuning } } : {}),
  });
  return { expected: r.expected, ci: r.ci, pValue: r.pValue, chanceToWin: null, risk: null, cuped, ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}) };
}

/** Adjusted p-values (input order) for a family of comparisons. */
export function correctPValues(pValues: readonly number[], method: AnalysisSettings['correction']): number[] {
  if (method === 'holm') return adjustPValuesHolm(pValues);
  if (method === 'bh') return adjustPValuesBenjaminiHochberg(pValues);
  return [...pValues];
}

/** The SRM chi-squared p-value of unit counts against planned weights, or null when it cannot be computed. */
export function testSampleRatio(counts: readonly number[], weights: readonly number[]): number | null {
  const r = checkSampleRatioMismatch(counts, weights);
  return r.errorMessage ? null : r.pValue;
}
