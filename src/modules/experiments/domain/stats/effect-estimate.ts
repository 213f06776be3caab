/**
 * The treatment effect and its sampling variance, shared by the frequentist and Bayesian tests,
 * plus the outcome codes both return instead of throwing (a degenerate arm is data, not a bug).
 */
import { computeMean, computeUnadjustedMean, computeVariance, type ArmStatistic } from './statistics.js';

/** Absolute effects are in the metric's unit; relative ones are a fraction of the control mean (0.1 = +10%). */
export type EffectScale = 'relative' | 'absolute';

/**
 * Why a test returned its uninformative default instead of an estimate:
 * - `experiments_stats_too_few_units`: an arm has fewer than 2 units;
 * - `experiments_stats_zero_variance`: an arm's per-unit variance is ≤ 0 (or not a number);
 * - `experiments_stats_zero_control_mean`: a relative effect over a control mean of 0;
 * - `experiments_stats_invalid_options`: alpha outside (0, 1), a non-positive tuning or prior variance,
 *   or a sequential one-sided test;
 * - `experiments_stats_invalid_srm_input`: an SRM check with unusable counts or weights (srm.ts).
 */
export type StatsErrorCode =
  | 'experiments_stats_too_few_units'
  | 'experiments_stats_zero_variance'
  | 'experiments_stats_zero_control_mean'
  | 'experiments_stats_invalid_options'
  | 'experiments_stats_invalid_srm_input';

/** The effect's point estimate and sampling variance, with the arm quantities the tests reuse. */
export interface EffectEstimate {
  /** Point estimate, in the scale asked for. */
  readonly estimate: number;
  /** Variance of the estimate (squared scale units). */
  readonly variance: number;
  /** Per-unit variances and unit counts of control (a) and treatment (b). */
  readonly controlVariance: number;
  readonly treatmentVariance: number;
  readonly controlN: number;
  readonly treatmentN: number;
}

/** An estimate, or the code of the reason there is none. */
export type EffectEstimateOutcome =
  | { readonly ok: true; readonly value: EffectEstimate }
  | { readonly ok: false; readonly code: StatsErrorCode };

/**
 * Estimates treatment (b) minus control (a) from two arm statistics, with μ the (CUPED-adjusted)
 * means, μ⁰ the unadjusted means and v the per-unit variances:
 * - absolute: μ_b − μ_a, variance v_b/n_b + v_a/n_a;
 * - relative: (μ_b − μ_a)/μ_a⁰, variance v_b/(μ_a⁰²·n_b) + v_a·μ_b⁰²/(μ_a⁰⁴·n_a) (delta method).
 * The relative variance uses the *unadjusted* treatment mean μ_b⁰ as gbstats does: the CUPED golden
 * (se 0.3093) is reproduced only that way; the adjusted μ_b gives 0.30861.
 */
export function estimateEffect(a: ArmStatistic, b: ArmStatistic, scale: EffectScale): EffectEstimateOutcome {
  if (!(a.n >= 2 && b.n >= 2)) return { ok: false, code: 'experiments_stats_too_few_units' };
  const controlVariance = computeVariance(a);
  const treatmentVariance = computeVariance(b);
  if (!(controlVariance > 0 && treatmentVariance > 0)) return { ok: false, code: 'experiments_stats_zero_variance' };
  const difference = computeMean(b) - computeMean(a);
  const arms = { controlVariance, treatmentVariance, controlN: a.n, treatmentN: b.n };
  if (scale === 'absolute') {
    const variance = treatmentVariance / b.n + controlVariance / a.n;
    return { ok: true, value: { estimate: difference, variance, ...arms } };
  }
  const controlMean = computeUnadjustedMean(a);
  if (controlMean === 0 || !Number.isFinite(controlMean)) return { ok: false, code: 'experiments_stats_zero_control_mean' };
  const treatmentMean = computeUnadjustedMean(b);
  const variance = treatmentVariance / (controlMean ** 2 * b.n)
    + (controlVariance * treatmentMean ** 2) / (controlMean ** 4 * a.n);
  return { ok: true, value: { estimate: difference / controlMean, variance, ...arms } };
}

/**
 * Welch–Satterthwaite degrees of freedom of the difference of two means:
 * (v_a/n_a + v_b/n_b)² / ((v_a/n_a)²/(n_a − 1) + (v_b/n_b)²/(n_b − 1)). Not an integer in general.
 */
export function computeWelchDof(effect: EffectEstimate): number {
  const a = effect.controlVariance / effect.controlN;
  const b = effect.treatmentVariance / effect.treatmentN;
  return (a + b) ** 2 / (a ** 2 / (effect.controlN - 1) + b ** 2 / (effect.treatmentN - 1));
}

/** True when 0 < alpha < 1. */
export function isValidAlpha(alpha: number): boolean {
  return alpha > 0 && alpha < 1;
}
