/**
 * Bayesian comparison of a treatment arm with control under GrowthBook's Gaussian effect model: the
 * data summarise the effect as N(estimate, variance) (same estimate and variance as the frequentist
 * test), combined with an optional normal prior on the effect; the posterior is normal.
 */
import { computeNormalCdf, computeNormalPdf, computeNormalQuantile } from './distributions.js';
import { estimateEffect, isValidAlpha, type EffectScale, type StatsErrorCode } from './effect-estimate.js';
import type { ArmStatistic } from './statistics.js';

/** A proper normal prior on the effect, in the effect's scale (relative: 0.1 = +10%). */
export interface GaussianPrior {
  readonly mean: number;
  /** Must be > 0 (squared scale units). */
  readonly variance: number;
}

/**
 * `difference` defaults to relative, `alpha` (for the credible interval) to 0.05; `inverse` marks a
 * metric where lower is better (e.g. refund rate); `prior` omitted means the improper flat prior.
 */
export interface BayesianOptions {
  readonly difference?: EffectScale;
  readonly alpha?: number;
  readonly inverse?: boolean;
  readonly prior?: GaussianPrior;
}

/**
 * The posterior summary, in the effect's scale: `expected` the posterior mean, `ci` the equal-tailed
 * (1 − α) credible interval, `sd` the posterior standard deviation, `chanceToWin` P(treatment better),
 * `risk` = [risk of shipping control, risk of shipping treatment]: the expected loss (in scale units)
 * of each choice, averaged over the posterior. With `errorMessage` set, the default (0, [0, 0],
 * chanceToWin 0.5, risk [0, 0], sd 0).
 */
export interface BayesianResult {
  readonly expected: number;
  readonly ci: readonly [number, number];
  readonly sd: number;
  readonly chanceToWin: number;
  readonly risk: readonly [number, number];
  readonly errorMessage?: StatsErrorCode;
}

const DEFAULT_ALPHA = 0.05;

/** The uninformative result returned with an error code. */
function buildDefaultResult(code: StatsErrorCode): BayesianResult {
  return { expected: 0, ci: [0, 0], sd: 0, chanceToWin: 0.5, risk: [0, 0], errorMessage: code };
}

/**
 * Expected losses [control, treatment] for an effect X ~ N(mean, sd²) of a higher-is-better metric,
 * z = mean/sd:
 * shipping control loses E[max(X, 0)] = mean·Φ(z) + sd·φ(z) = (1 − p₀)·E[X | X > 0];
 * shipping treatment loses E[max(−X, 0)] = sd·φ(z) − mean·Φ(−z) = −p₀·E[X | X < 0], p₀ = Φ(−z).
 * (Same quantities as the truncated-normal form, without dividing by a tail probability.)
 */
export function computeRisk(mean: number, sd: number): readonly [number, number] {
  const z = mean / sd;
  const density = sd * computeNormalPdf(z);
  return [mean * computeNormalCdf(z) + density, density - mean * computeNormalCdf(-z)];
}

/**
 * Compares treatment `b` with control `a`. Posterior: with a prior, precision 1/dataVar + 1/priorVar
 * and mean (est/dataVar + priorMean/priorVar)/precision; flat prior: the data distribution itself.
 * chanceToWin = Φ(mean/sd) (Φ(−mean/sd) when `inverse`). ci = mean + sd·Φ⁻¹(α/2), mean + sd·Φ⁻¹(1 − α/2).
 * With `inverse`, the risks swap: shipping control loses when the effect is negative.
 */
export function runBayesianTest(a: ArmStatistic, b: ArmStatistic, options: BayesianOptions = {}): BayesianResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const prior = options.prior;
  if (!isValidAlpha(alpha) || (prior !== undefined && !(prior.variance > 0))) {
    return buildDefaultResult('experiments_stats_invalid_options');
  }
  const outcome = estimateEffect(a, b, options.difference ?? 'relative');
  if (!outcome.ok) return buildDefaultResult(outcome.code);
  const { estimate, variance } = outcome.value;
  let mean = estimate;
  let posteriorVariance = variance;
  if (prior !== undefined) {
    const precision = 1 / variance + 1 / prior.variance;
    posteriorVariance = 1 / precision;
    mean = (estimate / variance + prior.mean / prior.variance) / precision;
  }
  const sd = Math.sqrt(posteriorVariance);
  const ci: readonly [number, number] = [
    mean + sd * computeNormalQuantile(alpha / 2),
    mean + sd * computeNormalQuantile(1 - alpha / 2),
  ];
  // E[max(X, 0)] and E[max(−X, 0)]: what shipping control, resp. treatment, gives up when higher is better.
  const [positivePart, negativePart] = computeRisk(mean, sd);
  if (options.inverse === true) {
    return { expected: mean, ci, sd, chanceToWin: computeNormalCdf(-mean / sd), risk: [negativePart, positivePart] };
  }
  return { expected: mean, ci, sd, chanceToWin: computeNormalCdf(mean / sd), risk: [positivePart, negativePart] };
}
