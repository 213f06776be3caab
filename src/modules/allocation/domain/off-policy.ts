/**
 * Off-policy evaluation from logged propensities: what a different allocation policy would have
 * earned, estimated from the decisions the live policy logged (Horvitz–Thompson / inverse propensity
 * scoring, and its self-normalised form). See docs/adr/0012.
 */

/** One logged decision: its reward, the logging policy's probability of the action taken, and the target policy's. */
export interface LoggedDecision {
  readonly reward: number;
  /** π_log(a | x) as logged with the impression; must be > 0. */
  readonly loggedPropensity: number;
  /** π_target(a | x) for the same action and context. */
  readonly targetProbability: number;
}

/** An estimate with its standard error and the effective sample size of the importance weights. */
export interface OffPolicyEstimate {
  readonly estimate: number;
  readonly standardError: number;
  readonly decisions: number;
  /** (Σw)² / Σw²: how many decisions the estimate is effectively worth. */
  readonly effectiveSampleSize: number;
}

function weightsOf(decisions: readonly LoggedDecision[]): Float64Array {
  const w = new Float64Array(decisions.length);
  decisions.forEach((d, i) => {
    if (!(d.loggedPropensity > 0)) throw new RangeError(`decision ${i} has logged propensity ${d.loggedPropensity}; it must be > 0`);
    w[i] = d.targetProbability / d.loggedPropensity;
  });
  return w;
}

function effectiveSize(w: Float64Array): number {
  let s = 0;
  let s2 = 0;
  for (const x of w) { s += x; s2 += x * x; }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** IPS: mean of w·r with w = π_target / π_log. Unbiased when π_log > 0 wherever π_target > 0. */
export function ipsEstimate(decisions: readonly LoggedDecision[]): OffPolicyEstimate {
  const n = decisions.length;
  if (n === 0) return { estimate: Number.NaN, standardError: Number.NaN, decisions: 0, effectiveSampleSize: 0 };
  const w = weightsOf(decisions);
  let mean = 0;
  decisions.forEach((d, i) => { mean += (w[i] as number) * d.reward; });
  mean /= n;
  let ss = 0;
  decisions.forEach((d, i) => { ss += ((w[i] as number) * d.reward - mean) ** 2; });
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Number.NaN;
  return { estimate: mean, standardError: se, decisions: n, effectiveSampleSize: effectiveSize(w) };
}

/**
 * SNIPS: Σ w·r / Σ w. Slightly biased, much lower variance; its standard error is the delta-method one.
 */
export function snipsEstimate(decisions: readonly LoggedDecision[]): OffPolicyEstimate {
  const n = decisions.length;
  const w = weightsOf(decisions);
  let sw = 0;
  let swr = 0;
  decisions.forEach((d, i) => { sw += w[i] as number; swr += (w[i] as number) * d.reward; });
  if (n === 0 || sw === 0) return { estimate: Number.NaN, standardError: Number.NaN, decisions: n, effectiveSampleSize: 0 };
  const est = swr / sw;
  let ss = 0;
  decisions.forEach((d, i) => { ss += ((w[i] as number) * (d.reward - est)) ** 2; });
  return { estimate: est, standardError: Math.sqrt(ss) / sw, decisions: n, effectiveSampleSize: effectiveSize(w) };
}
