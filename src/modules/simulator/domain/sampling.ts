import { randomNormal, type Rng } from '../../../shared/random.js';

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** Uniform float in [lo, hi). */
export function randomBetween(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** One element of a non-empty array, uniformly. */
export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  const item = items[randomInt(rng, items.length)];
  if (item === undefined) throw new RangeError('pickOne needs a non-empty array');
  return item;
}

/** Exponential variate with the given mean. */
export function randomExp(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}


/** Log-normal variate with the given median and log-space sigma. */
export function randomLogNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * randomNormal(rng));
}

/** Clamps x into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * A weighted sampler over indices 0..n-1: cumulative weights and a binary search (O(log n) a draw).
 * Zero-weight indices are never drawn; an all-zero table throws when built.
 */
export interface WeightedSampler {
  readonly size: number;
  /** Draws one index in proportion to its weight. */
  draw(rng: Rng): number;
}

/** Builds a {@link WeightedSampler} from non-negative weights. */
export function buildSampler(weights: readonly number[]): WeightedSampler {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w > 0 ? w : 0;
    cumulative[i] = total;
  });
  if (!(total > 0)) throw new RangeError('buildSampler needs at least one positive weight');
  return {
    size: weights.length,
    draw(rng: Rng): number {
      const target = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/**
 * A bijection on 32-bit unsigned integers (xorshift-multiply rounds, each invertible), so distinct
 * inputs give distinct outputs: ids derived from it never collide yet look random.
 */
export function permute32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 lowercase hex digits of a 32-bit unsigned integer. */
export function hex8(x: number): string {
  const pair = (b: number): string => HEX_PAIRS[b & 0xff] as string;
  return pair(x >>> 24) + pair(x >>> 16) + pair(x >>> 8) + pair(x);
}

/** Derives an independent 32-bit seed for a named sub-stream of a seed. */
export function subSeed(seed: number, stream: number): number {
  return permute32((seed >>> 0) ^ permute32(stream + 0x9e3779b9));
}
