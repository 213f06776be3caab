/**
 * GrowthBook-compatible assignment hashing: FNV-1a 32-bit over UTF-16 code units, in two versions.
 *
 * Hot path (every assignment hashes once or twice): no allocation beyond what the caller passes in.
 * Concatenations of the reference algorithm (`value + seed`, `String(fnv(…))`) are replaced by feeding
 * the parts into the running hash one after another, which gives the same result without building
 * the strings.
 */

/** FNV-1a 32-bit offset basis. */
const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
const FNV_PRIME = 0x01000193;
/** Code unit of the digit '0'. */
const CHAR_ZERO = 48;

/** Feeds the UTF-16 code units of `text` into a running FNV-1a state (signed 32-bit). */
function updateFnv(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Feeds the decimal digits of a non-negative integer below 2^32 into a running FNV-1a state. */
function updateFnvDecimal(state: number, n: number): number {
  let h = state;
  let divisor = 1;
  while (divisor * 10 <= n) divisor *= 10;
  for (; divisor >= 1; divisor /= 10) {
    h ^= CHAR_ZERO + (Math.floor(n / divisor) % 10);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/**
 * FNV-1a 32-bit hash of a string's UTF-16 code units, as an unsigned integer in [0, 2^32).
 * @example hashFnv32a('') === 0x811c9dc5
 */
export function hashFnv32a(text: string): number {
  return updateFnv(FNV_OFFSET, text) >>> 0;
}

/**
 * GrowthBook's assignment hash: a number in [0, 1), or null for an unknown hash version.
 * - version 1 (original, slightly biased): `(fnv(value + seed) % 1000) / 1000`;
 * - version 2 (unbiased): `(fnv(String(fnv(seed + value))) % 10000) / 10000`.
 * @param seed the experiment's seed (its key unless set)
 * @param value the hash attribute's value (e.g. the user id)
 * @param version 1 or 2; anything else gives null
 * @example hashFor('seed', 'a', 2) === 0.0505
 */
export function hashFor(seed: string, value: string, version: number): number | null {
  if (version === 2) {
    const inner = updateFnv(updateFnv(FNV_OFFSET, seed), value) >>> 0;
    return (updateFnvDecimal(FNV_OFFSET, inner) >>> 0) % 10000 / 10000;
  }
  if (version === 1) {
    return (updateFnv(updateFnv(FNV_OFFSET, value), seed) >>> 0) % 1000 / 1000;
  }
  return null;
}
