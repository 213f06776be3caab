/**
 * Bucket ranges, variation choice and namespaces, GrowthBook-compatible.
 *
 * A variation owns the half-open range [start, end) of the hash space [0, 1); coverage shrinks each
 * range from its start, so lowering coverage never moves anyone between variations.
 */
import { hashFor } from './hash.js';

/** A half-open range [start, end) of the hash space [0, 1). */
export type VariationRange = readonly [start: number, end: number];

/**
 * A namespace slot `[id, start, end)`: experiments sharing a namespace id with disjoint slots never
 * enrol the same unit.
 */
export type Namespace = readonly [id: string, start: number, end: number];

/** Weights summing outside [0.99, 1.01] are replaced by equal weights (GrowthBook's tolerance). */
const MIN_WEIGHT_SUM = 0.99;
const MAX_WEIGHT_SUM = 1.01;

/**
 * Equal weights `1/n` for n variations; empty for n ≤ 0.
 * @example getEqualWeights(4) // [0.25, 0.25, 0.25, 0.25]
 */
export function getEqualWeights(numVariations: number): number[] {
  if (!(numVariations > 0)) return [];
  return new Array<number>(numVariations).fill(1 / numVariations);
}

/**
 * The range of each variation. Variation i starts where the weights before it sum to and is
 * `coverage × weight_i` wide. Coverage is clamped to [0, 1] (NaN counts as 0). Weights fall back to
 * equal weights when missing, of the wrong length, or not summing to 1 ± 0.01.
 * Ends are not rounded (as in GrowthBook's JavaScript SDK), so assignments match it bit for bit.
 * @example getBucketRanges(2, 0.5) // [[0, 0.25], [0.5, 0.75]]
 */
export function getBucketRanges(
  numVariations: number,
  coverage = 1,
  weights?: readonly number[] | null,
): VariationRange[] {
  const cover = clampCoverage(coverage);
  const chosen = hasUsableWeights(numVariations, weights) ? weights : getEqualWeights(numVariations);
  const ranges: VariationRange[] = [];
  let cumulative = 0;
  for (const w of chosen) {
    const start = cumulative;
    cumulative += w;
    ranges.push([start, start + cover * w]);
  }
  return ranges;
}

/** Coverage clamped to [0, 1]; NaN counts as 0. */
function clampCoverage(coverage: number): number {
  return coverage > 1 ? 1 : coverage >= 0 ? coverage : 0;
}

/** True when `weights` has one number per variation and they sum to 1 within GrowthBook's tolerance. */
function hasUsableWeights(numVariations: number, weights: readonly number[] | null | undefined): weights is readonly number[] {
  if (weights === null || weights === undefined || weights.length !== numVariations) return false;
  let total = 0;
  for (const w of weights) total += w;
  return total >= MIN_WEIGHT_SUM && total <= MAX_WEIGHT_SUM;
}

/**
 * Whether `n` lies in the half-open range [start, end).
 * @example inRange(0.5, [0, 0.5]) === false
 */
export function inRange(n: number, range: VariationRange): boolean {
  return n >= range[0] && n < range[1];
}

/**
 * Index of the first range containing the hash `n`, or −1 when none does (outside coverage).
 * Allocation-free; on the assignment hot path.
 * @example chooseVariation(0.6, [[0, 0.25], [0.5, 0.75]]) === 1
 */
export function chooseVariation(n: number, ranges: readonly VariationRange[]): number {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i] as VariationRange;
    if (n >= r[0] && n < r[1]) return i;
  }
  return -1;
}

/**
 * `chooseVariation(n, getBucketRanges(numVariations, coverage, weights))` without building the ranges:
 * the same floating-point steps, so the same answer bit for bit, and no allocation (hot path).
 * @example chooseWeightedVariation(0.6, 2, 0.5) === 1
 */
export function chooseWeightedVariation(n: number, numVariations: number, coverage = 1, weights?: readonly number[] | null): number {
  const cover = clampCoverage(coverage);
  const usable = hasUsableWeights(numVariations, weights);
  const equal = 1 / numVariations;
  let cumulative = 0;
  for (let i = 0; i < numVariations; i++) {
    const w = usable ? (weights[i] as number) : equal;
    const start = cumulative;
    cumulative += w;
    if (n >= start && n < start + cover * w) return i;
  }
  return -1;
}

/**
 * Whether a unit falls in a namespace slot: `hash('__' + id, hashValue, 1)` lies in [start, end).
 * @param hashValue the unit's hash attribute value (e.g. user id)
 * @example inNamespace('1', ['namespace1', 0.4, 1]) === true
 */
export function inNamespace(hashValue: string, namespace: Namespace): boolean {
  const n = hashFor(`__${namespace[0]}`, hashValue, 1);
  if (n === null) return false;
  return n >= namespace[1] && n < namespace[2];
}
