/**
 * The distributions the tests need: standard normal (pdf, cdf, quantile), Student's t with real
 * degrees of freedom (cdf, quantile) and the chi-squared survival function. Tails are computed
 * directly (never as 1 − a number close to 1), so p-values down to 1e-300 keep their relative
 * precision. References: Abramowitz & Stegun 26.2 / 26.5 / 26.7; P. J. Acklam's normal quantile.
 */
import {
  computeErfBySeries,
  computeErfcFraction,
  computeLogBeta,
  computeRegularizedGammaQ,
  computeRegularizedIncompleteBeta,
  ERF_SERIES_LIMIT,
} from './special-functions.js';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
/** Above this many degrees of freedom the t distribution is replaced by the normal. */
export const T_NORMAL_DOF_LIMIT = 1e7;

/**
 * e^(−u²/2) with u rounded down to a multiple of 1/16 for the exact part, so the rounding of u² is
 * not amplified by the exponential in the far tail.
 */
function computeExpNegativeHalfSquare(u: number): number {
  const au = Math.abs(u);
  const high = Math.trunc(au * 16) / 16;
  const low = au - high;
  return Math.exp((-high * high) / 2) * Math.exp((-low * (au + high)) / 2);
}

/** The standard normal density φ(z) = e^(−z²/2)/√(2π). */
export function computeNormalPdf(z: number): number {
  return computeExpNegativeHalfSquare(z) * INV_SQRT_TWO_PI;
}

/**
 * The standard normal cdf Φ(z), relative accuracy ~1e-15 in both tails
 * (Φ(−7) = 1.2798125438858e-12; the upper tail is 1 − Φ(−z), exact to the last bit near 1).
 */
export function computeNormalCdf(z: number): number {
  if (Number.isNaN(z)) return z;
  if (z > 0) return 1 - computeNormalCdf(-z);
  const u = -z;
  const x = u * Math.SQRT1_2;
  if (x < ERF_SERIES_LIMIT) return 0.5 - 0.5 * computeErfBySeries(x);
  if (u === Number.POSITIVE_INFINITY) return 0;
  // Φ(−u) = ½·erfc(u/√2) = φ(u) · u/2 · h(u²/2); written with φ so u/√2 is never squared.
  return (computeNormalPdf(u) * u * computeErfcFraction((u * u) / 2)) / 2;
}

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

/** Horner evaluation of Σ c[i]·x^(n−1−i). */
function evaluatePolynomial(coefficients: readonly number[], x: number): number {
  let acc = 0;
  for (const c of coefficients) acc = acc * x + c;
  return acc;
}

/** Acklam's rational approximation (relative error < 1.15e-9) for 0 < p ≤ ½. */
function approximateNormalQuantile(p: number): number {
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return evaluatePolynomial(ACKLAM_C, q) / (evaluatePolynomial(ACKLAM_D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (evaluatePolynomial(ACKLAM_A, r) * q) / (evaluatePolynomial(ACKLAM_B, r) * r + 1);
}

/**
 * The standard normal quantile Φ⁻¹(p): Acklam's approximation refined by two Halley steps to full
 * double precision. −∞ at 0, +∞ at 1, NaN outside [0, 1].
 * @example computeNormalQuantile(0.975) ≈ 1.959963984540054
 */
export function computeNormalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // 1 − p is exact for p ≥ ½, so the upper half is solved in the (precise) lower tail.
  if (p > 0.5) return -computeNormalQuantile(1 - p);
  let x = approximateNormalQuantile(p);
  for (let step = 0; step < 2; step++) {
    const u = (computeNormalCdf(x) - p) / computeNormalPdf(x);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}

/** P(T ≤ −|t|) for ν degrees of freedom: ½·I_{ν/(ν+t²)}(ν/2, ½), both arguments formed without cancellation. */
function computeStudentTLowerTail(t: number, dof: number): number {
  const t2 = t * t;
  return 0.5 * computeRegularizedIncompleteBeta(dof / 2, 0.5, dof / (dof + t2), t2 / (dof + t2));
}

/**
 * Student's t cdf P(T ≤ t) for real dof > 0 (Welch's dof is rarely an integer); the normal cdf when
 * dof > T_NORMAL_DOF_LIMIT. NaN for dof ≤ 0.
 * @example computeStudentTCdf(2.0, 5.5) ≈ 0.9516228048844075
 */
export function computeStudentTCdf(t: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(t)) return Number.NaN;
  if (dof > T_NORMAL_DOF_LIMIT) return computeNormalCdf(t);
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (t === Number.POSITIVE_INFINITY) return 1;
  const tail = computeStudentTLowerTail(t, dof);
  return t <= 0 ? tail : 1 - tail;
}

/** Student's t density for real dof > 0: (1 + t²/ν)^(−(ν+1)/2) / (√ν · B(ν/2, ½)). */
export function computeStudentTPdf(t: number, dof: number): number {
  if (!(dof > 0)) return Number.NaN;
  if (dof > T_NORMAL_DOF_LIMIT) return computeNormalPdf(t);
  const logDensity = (-(dof + 1) / 2) * Math.log1p((t * t) / dof) - 0.5 * Math.log(dof) - computeLogBeta(dof / 2, 0.5);
  return Math.exp(logDensity);
}

/** Relative tolerance on t at which the quantile search stops. */
const T_QUANTILE_TOLERANCE = 1e-14;

/**
 * Student's t quantile for real dof > 0: bracket, then Newton on ln F(t) − ln p (nearly linear in
 * the tail) with bisection whenever a step leaves the bracket; stops at a relative change of 1e-14.
 * @example computeStudentTQuantile(0.975, 10) ≈ 2.2281388519862747
 */
export function computeStudentTQuantile(p: number, dof: number): number {
  if (!(p >= 0 && p <= 1) || !(dof > 0)) return Number.NaN;
  if (dof > T_NORMAL_DOF_LIMIT) return computeNormalQuantile(p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -computeStudentTQuantile(1 - p, dof);
  // The t tail is heavier than the normal one, so the normal quantile is an upper bracket.
  let hi = computeNormalQuantile(p);
  let lo = 2 * hi - 1;
  while (computeStudentTLowerTail(lo, dof) > p) {
    hi = lo;
    lo *= 2;
  }
  const logP = Math.log(p);
  let t = hi;
  for (let iteration = 0; iteration < 200; iteration++) {
    const cdf = computeStudentTLowerTail(t, dof);
    if (cdf === p) return t;
    if (cdf > p) hi = t;
    else lo = t;
    let next = t - ((Math.log(cdf) - logP) * cdf) / computeStudentTPdf(t, dof);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const converged = Math.abs(next - t) <= T_QUANTILE_TOLERANCE * Math.abs(t);
    t = next;
    if (converged) break;
  }
  return t;
}

/**
 * The chi-squared survival function P(X ≥ x) for k > 0 degrees of freedom: Q(k/2, x/2).
 * @example computeChiSquaredSurvival(3.841458820694124, 1) ≈ 0.05
 */
export function computeChiSquaredSurvival(x: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return computeRegularizedGammaQ(dof / 2, x / 2);
}
