/**
 * One-sided significance tests for the alert rules: Poisson for per-minute counts, binomial for a rate
 * (numerator out of denominator) against a baseline rate. Tails are summed exactly (pmf from log-gamma,
 * then the recurrence between neighbouring terms, summed from the observed value outwards until the
 * terms vanish) while the variance (λ, or n·p·(1 − p)) is at most `EXACT_VARIANCE_LIMIT`; above it the
 * normal approximation with continuity correction is used, where the skewness is at most 0.01.
 */

/** Variance up to which tails are summed exactly (a few hundred terms at most); normal approximation above. */
export const EXACT_VARIANCE_LIMIT = 10_000;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The standard normal CDF Φ(z) (erfc by Chebyshev fit, fractional error below 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Sums pmf(start), pmf(start ± 1), … with `next(k, pmf(k))` giving the neighbour, until the terms vanish. */
function sumTerms(first: number, start: number, end: number, next: (k: number, term: number) => number): number {
  let sum = first;
  let term = first;
  const step = end >= start ? 1 : -1;
  for (let k = start; k !== end; k += step) {
    term = next(k, term);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return sum;
}

const poissonPmf = (k: number, lambda: number): number => Math.exp(-lambda + k * Math.log(lambda) - lnGamma(k + 1));

/**
 * P(X ≤ x) for X ~ Poisson(lambda): exact while lambda ≤ EXACT_VARIANCE_LIMIT.
 * @example poissonLowerTail(2, 5) ≈ 0.124652
 */
export function poissonLowerTail(x: number, lambda: number): number {
  const k = Math.floor(x);
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  if (lambda > EXACT_VARIANCE_LIMIT) return normalCdf((k + 0.5 - lambda) / Math.sqrt(lambda));
  if (k >= lambda) return 1 - poissonUpperTail(k + 1, lambda);
  return Math.min(1, sumTerms(poissonPmf(k, lambda), k, 0, (j, t) => (t * j) / lambda));
}

/** P(X ≥ x) for X ~ Poisson(lambda): exact while lambda ≤ EXACT_VARIANCE_LIMIT. */
export function poissonUpperTail(x: number, lambda: number): number {
  const k = Math.ceil(x);
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (lambda > EXACT_VARIANCE_LIMIT) return 1 - normalCdf((k - 0.5 - lambda) / Math.sqrt(lambda));
  if (k <= lambda) return 1 - poissonLowerTail(k - 1, lambda);
  return Math.min(1, sumTerms(poissonPmf(k, lambda), k, Number.MAX_SAFE_INTEGER, (j, t) => (t * lambda) / (j + 1)));
}

const binomialPmf = (k: number, n: number, p: number): number =>
  Math.exp(lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));

/**
 * P(X ≤ x) for X ~ Binomial(n, p): exact while n·p·(1 − p) ≤ EXACT_VARIANCE_LIMIT.
 * @example binomialLowerTail(1, 10, 0.5) === 11 / 1024
 */
export function binomialLowerTail(x: number, n: number, p: number): number {
  const k = Math.floor(x);
  if (k < 0) return 0;
  if (k >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const variance = n * p * (1 - p);
  if (variance > EXACT_VARIANCE_LIMIT) return normalCdf((k + 0.5 - n * p) / Math.sqrt(variance));
  if (k >= n * p) return 1 - binomialUpperTail(k + 1, n, p);
  const odds = (1 - p) / p;
  return Math.min(1, sumTerms(binomialPmf(k, n, p), k, 0, (j, t) => (t * j * odds) / (n - j + 1)));
}

/** P(X ≥ x) for X ~ Binomial(n, p): exact while n·p·(1 − p) ≤ EXACT_VARIANCE_LIMIT. */
export function binomialUpperTail(x: number, n: number, p: number): number {
  const k = Math.ceil(x);
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const variance = n * p * (1 - p);
  if (variance > EXACT_VARIANCE_LIMIT) return 1 - normalCdf((k - 0.5 - n * p) / Math.sqrt(variance));
  if (k <= n * p) return 1 - binomialLowerTail(k - 1, n, p);
  const odds = p / (1 - p);
  return Math.min(1, sumTerms(binomialPmf(k, n, p), k, n, (j, t) => (t * (n - j) * odds) / (j + 1)));
}
