/** A seedable random source; inject it so domain code never calls Math.random(). */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
}

/**
 * Mulberry32: a small, fast, seedable PRNG with a 32-bit state. Deterministic for a seed.
 * @example const rng = seededRng(42); rng.next();
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Standard normal variate (Box–Muller, one of the pair). */
export function randomNormal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
