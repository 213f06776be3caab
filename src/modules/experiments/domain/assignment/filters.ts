/**
 * Hash-range filters (GrowthBook's `filters`): mutually exclusive experiments and holdouts are built
 * from slices of an independent hash, one filter per slice.
 */
import { inRange, type VariationRange } from './buckets.js';
import type { Attributes } from './condition.js';
import { hashFor } from './hash.js';
import { resolveHashIdentity } from './hash-identity.js';

/** A hash-range filter: the unit takes part only when `hash(seed, attribute value, hashVersion)` is in one of `ranges`. */
export interface ExperimentFilter {
  readonly seed: string;
  readonly ranges: readonly VariationRange[];
  /** Attribute hashed (default 'id'). */
  readonly attribute?: string | undefined;
  /** Default 2. */
  readonly hashVersion?: number | undefined;
}

/**
 * True when any filter excludes the unit: its attribute is empty, the hash version is unknown, or the
 * hash lies outside all of the filter's ranges.
 * @example isFilteredOut({ id: '1' }, [{ seed: 'seed', ranges: [[0, 0.1], [0.2, 0.4]] }]) === false
 */
export function isFilteredOut(attributes: Attributes | undefined, filters: readonly ExperimentFilter[]): boolean {
  for (const filter of filters) {
    const { hashValue } = resolveHashIdentity(attributes, filter.attribute);
    if (hashValue === '') return true;
    const n = hashFor(filter.seed, hashValue, filter.hashVersion || 2);
    if (n === null) return true;
    if (!filter.ranges.some((r) => inRange(n, r))) return true;
  }
  return false;
}
