/**
 * Frequentist comparison of a treatment arm with control: Welch's t-test (fixed horizon, two- or
 * one-sided) and GrowthBook's always-valid sequential test (Waudby-Smith et al. 2023,
 * "Time-uniform central limit theory and asymptotic confidence sequences", eq. 9; the p-value is the
 * dual of the confidence sequence, so p ≤ α exactly when the interval excludes 0).
 */
import { computeStudentTCdf, computeStudentTQuantile } from './distributions.js';
import {
  computeWelchDof,
  estimateEffect,
  isValidAlpha,
  type EffectEstimate,
  type EffectScale,
  type StatsErrorCode,
} from './effect-estimate.js';
import type { ArmStatistic } from './statistics.js';

/** Which difference the test looks for: any, an increase only, or a decrease only. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Always-valid inference: valid at every peek. `tuning` (default 5000) is the sample size (units, both arms) at which the interval is tightest. */
export interface SequentialOptions {
  readonly tuning?: number;
}

/**
 * Test options. `difference` defaults to relative, `alpha` to 0.05, `alternative` to two-sided.
 * Sequential testing is two-sided only (a one-sided request returns `experiments_stats_invalid_options`).
 */
export interface FrequentistOptions {
  readonly difference?: EffectScale;
  readonly alpha?: number;
  readonly alternative?: Alternative;
  readonly sequential?: SequentialOptions;
}

/**
 * A test result in the effect's scale: `expected` the point estimate, `ci` the (1 − α) interval
 * (±Infinity on the open side of a one-sided test), `se` the standard error, `dof` the Welch degrees of
 * freedom (fixed-horizon tests only). With `errorMessage` set, the rest is the uninformative default
 * (expected 0, ci [0, 0], pValue 1, se 0).
 */
export interface FrequentistResult {
  readonly expected: number;
  readonly ci: readonly [number, number];
  readonly pValue: number;
  readonly se: number;
  readonly dof?: number;
  readonly errorMessage?: StatsErrorCode;
}

const DEFAULT_ALPHA = 0.05;
const DEFAULT_TUNING = 5000;

/** The uninformative result returned with an error code. */
function buildDefaultResult(code: StatsErrorCode): FrequentistResult {
  return { expected: 0, ci: [0, 0], pValue: 1, se: 0, errorMessage: code };
}

/**
 * Compares treatment `b` with control `a` (see FrequentistOptions, estimateEffect for the estimate):
 * - two-sided: p = 2·T_dof(−|est/se|), ci = est ± t_dof(1 − α/2)·se;
 * - greater: p = T_dof(−est/se), ci = [est − t_dof(1 − α)·se, +∞);
 * - less: p = T_dof(est/se), ci = (−∞, est + t_dof(1 − α)·se];
 * - sequential: see computeSequentialInterval.
 * @example runFrequentistTest(control, treatment, { difference: 'absolute' }).ci
 */
export function runFrequentistTest(a: ArmStatistic, b: ArmStatistic, options: FrequentistOptions = {}): FrequentistResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const alternative = options.alternative ?? 'two-sided';
  const tuning = options.sequential?.tuning ?? DEFAULT_TUNING;
  if (!isValidAlpha(alpha)) return buildDefaultResult('experiments_stats_invalid_options');
  if (options.sequential && (alternative !== 'two-sided' || !(tuning > 0))) {
    return buildDefaultResult('experiments_stats_invalid_options');
  }
  const outcome = estimateEffect(a, b, options.difference ?? 'relative');
  if (!outcome.ok) return buildDefaultResult(outcome.code);
  const effect = outcome.value;
  if (options.sequential) return runSequentialTest(effect, alpha, tuning);
  const se = Math.sqrt(effect.variance);
  const dof = computeWelchDof(effect);
  const est = effect.estimate;
  const z = est / se;
  switch (alternative) {
    case 'two-sided': {
      const halfWidth = computeStudentTQuantile(1 - alpha / 2, dof) * se;
      return { expected: est, ci: [est - halfWidth, est + halfWidth], pValue: 2 * computeStudentTCdf(-Math.abs(z), dof), se, dof };
    }
    case 'greater': {
      const halfWidth = computeStudentTQuantile(1 - alpha, dof) * se;
      return { expected: est, ci: [est - halfWidth, Number.POSITIVE_INFINITY], pValue: computeStudentTCdf(-z, dof), se, dof };
    }
    case 'less': {
      const halfWidth = computeStudentTQuantile(1 - alpha, dof) * se;
      return { expected: est, ci: [Number.NEGATIVE_INFINITY, est + halfWidth], pValue: computeStudentTCdf(z, dof), se, dof };
    }
  }
}

/**
 * ρ of the confidence sequence, chosen so the interval is tightest at N = tuning units:
 * ρ = √((−2 ln α + ln(1 − 2 ln α)) / tuning).
 */
export function computeSequentialRho(alpha: number, tuning: number): number {
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(1 - 2 * logAlpha)) / tuning);
}

/**
 * Half-width of the asymptotic confidence sequence after N units (both arms) for an estimate with
 * sampling variance `variance`: with s² = variance·N and r = Nρ² + 1,
 * √s² · √(2r/(N²ρ²) · ln(√r/α)). In the estimate's unit.
 */
export function computeSequentialHalfWidth(variance: number, n: number, alpha: number, tuning: number): number {
  const rho = computeSequentialRho(alpha, tuning);
  const r = n * rho * rho + 1;
  const s2 = variance * n;
  return Math.sqrt(s2) * Math.sqrt(((2 * r) / (n * n * rho * rho)) * Math.log(Math.sqrt(r) / alpha));
}

/**
 * The always-valid p-value dual to computeSequentialHalfWidth: with z² = est²/variance and
 * r = Nρ² + 1, the e-value is exp(ρ²·N·z²/(2r))/√r and p = min(1, 1/e-value) (computed in logs so
 * a huge e-value gives 0, not NaN).
 */
export function computeSequentialPValue(estimate: number, variance: number, n: number, alpha: number, tuning: number): number {
  const rho = computeSequentialRho(alpha, tuning);
  const r = n * rho * rho + 1;
  const logEvalue = (rho * rho * n * (estimate * estimate / variance)) / (2 * r) - 0.5 * Math.log(r);
  return Math.min(1, Math.exp(-logEvalue));
}

/** The sequential two-sided result for an estimate (N = n_a + n_b). */
function runSequentialTest(effect: EffectEstimate, alpha: number, tuning: number): FrequentistResult {
  const n = effect.controlN + effect.treatmentN;
  const est = effect.estimate;
  const halfWidth = computeSequentialHalfWidth(effect.variance, n, alpha, tuning);
  return {
    expected: est,
    ci: [est - halfWidth, est + halfWidth],
    pValue: computeSequentialPValue(est, effect.variance, n, alpha, tuning),
    se: Math.sqrt(effect.variance),
  };
}
