/**
 * Sample-ratio mismatch: are the observed unit counts per variation compatible with the configured
 * traffic split? A Pearson chi-squared goodness-of-fit test; a tiny p-value means assignment or
 * tracking is broken and the experiment's results should not be trusted.
 */
import { computeChiSquaredSurvival } from './distributions.js';
import type { StatsErrorCode } from './effect-estimate.js';

/** GrowthBook's default: flag an SRM when p < 0.001. */
export const DEFAULT_SRM_THRESHOLD = 0.001;

/**
 * The test statistic χ² = Σ (observed − expected)²/expected with expected = total·weight/Σweights,
 * its degrees of freedom (variations − 1), the p-value P(χ²_df ≥ χ²), and `srmFlag` = p < threshold.
 * With no units at all the p-value is 1. `errorMessage` (`experiments_stats_invalid_srm_input`: fewer
 * than two variations, lengths differ, a weight not positive and finite, or a negative count) comes
 * with the default χ² 0, p 1, no flag.
 */
export interface SrmResult {
  readonly chiSquared: number;
  readonly dof: number;
  readonly pValue: number;
  readonly srmFlag: boolean;
  readonly errorMessage?: Extract<StatsErrorCode, 'experiments_stats_invalid_srm_input'>;
}

/**
 * Checks unit counts against expected weights (any positive scale: [1, 1], [0.5, 0.5] or [50, 50]).
 * @example checkSampleRatioMismatch([5000, 5400], [0.5, 0.5]).srmFlag === true // p ≈ 8.77e-5
 */
export function checkSampleRatioMismatch(
  counts: readonly number[],
  weights: readonly number[],
  threshold: number = DEFAULT_SRM_THRESHOLD,
): SrmResult {
  const valid = counts.length >= 2 && counts.length === weights.length
    && weights.every((w) => w > 0 && Number.isFinite(w)) && counts.every((c) => c >= 0);
  if (!valid) return { chiSquared: 0, dof: 0, pValue: 1, srmFlag: false, errorMessage: 'experiments_stats_invalid_srm_input' };
  const dof = counts.length - 1;
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return { chiSquared: 0, dof, pValue: 1, srmFlag: false };
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let chiSquared = 0;
  counts.forEach((observed, i) => {
    const expected = (total * (weights[i] as number)) / weightSum;
    chiSquared += (observed - expected) ** 2 / expected;
  });
  const pValue = computeChiSquaredSurvival(chiSquared, dof);
  return { chiSquared, dof, pValue, srmFlag: pValue < threshold };
}
