import { randomNormal, type Rng } from '../../../shared/random.js';

/** Gamma(shape, 1) variate (Marsaglia–Tsang; shape < 1 boosted by U^(1/shape)). */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = randomNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) variate from two gamma variates. */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  return x / (x + sampleGamma(rng, b));
}

/** Share of exploration traffic spread uniformly over the pool, so every pool item keeps a chance. */
export const UNIFORM_FLOOR = 0.1;

/**
 * Batched Thompson sampling over the cold-start pool: the probability that each pool item has the
 * highest click-through drawn from its Beta(1 + clicks, 1 + impressions − clicks) posterior, estimated
 * from `draws` joint draws, then mixed with a uniform floor (`UNIFORM_FLOOR`). Exploration slots draw
 * from these shares between refreshes, so the probability of every choice is known exactly and logged.
 * @returns shares summing to 1 over the pool (empty pool → empty array)
 */
export function thompsonShares(clicks: ArrayLike<number>, impressions: ArrayLike<number>, rng: Rng, draws = 500): Float64Array {
  const n = clicks.length;
  const shares = new Float64Array(n);
  if (n === 0) return shares;
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestTheta = -1;
    for (let i = 0; i < n; i++) {
      const c = Math.max(0, clicks[i] as number);
      const m = Math.max(c, impressions[i] as number);
      const theta = sampleBeta(rng, 1 + c, 1 + m - c);
      if (theta > bestTheta) { bestTheta = theta; best = i; }
    }
    shares[best] = (shares[best] as number) + 1;
  }
  for (let i = 0; i < n; i++) shares[i] = (1 - UNIFORM_FLOOR) * (shares[i] as number) / draws + UNIFORM_FLOOR / n;
  return shares;
}

/**
 * Draws one index from `weights` restricted to `eligible`, returning it with its exact probability
 * (its weight over the eligible total), or undefined when nothing eligible has weight.
 */
export function drawCategorical(weights: ArrayLike<number>, eligible: readonly number[], rng: Rng): { index: number; probability: number } | undefined {
  let total = 0;
  for (const i of eligible) total += weights[i] as number;
  if (!(total > 0)) return undefined;
  let u = rng.next() * total;
  let chosen = eligible[eligible.length - 1] as number;
  for (const i of eligible) {
    u -= weights[i] as number;
    if (u < 0) { chosen = i; break; }
  }
  return { index: chosen, probability: (weights[chosen] as number) / total };
}
