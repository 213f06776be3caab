import { choleskyInPlace } from './dense-linear.js';
import type { InteractionMatrix } from './interaction-matrix.js';

/**
 * The conjugate-gradient row solver of implicit ALS (Takács, Pilászy & Tikk, "Applications of the
 * conjugate gradient method for implicit feedback collaborative filtering", RecSys 2011). For one row
 * (a user against item factors Y, or an item against user factors X) it improves x on
 *   A x = b,  A = G + Σ_k (c_k − 1) y_k y_kᵀ,  b = Σ_k c_k y_k,  G = YᵀY + λI,
 * over the row's interactions k, warm-started at the previous x.
 *
 * G is used as a preconditioner by a change of basis: with G = L Lᵀ (Cholesky), x = L⁻ᵀ z and
 * ỹ = L⁻¹ y, the system becomes (I + Σ_k (c_k − 1) ỹ_k ỹ_kᵀ) z = Σ_k c_k ỹ_k. Each CG step then
 * costs O(n·f) instead of O(f² + n·f), the f² work is paid once per row (z ↔ x) and once per fixed-side
 * row (ỹ), and CG converges faster on the better-conditioned system. The row's ỹ are copied into one
 * contiguous block (one cache miss per interaction instead of one per step); loops are unrolled by four.
 */
export class CgRowSolver {
  private readonly z: Float64Array;
  private readonly r: Float64Array;
  private readonly p: Float64Array;
  private readonly ap: Float64Array;
  private readonly block: Float64Array;
  private readonly weight: Float64Array;
  private readonly chol: Float64Array;
  private readonly whitened: Float64Array;
  private readonly upper: Float64Array;

  /**
   * `f` factors; rows of at most `maxRow` interactions (a maxRow · f · 8-byte block); fixed sides of at
   * most `maxOther` rows (their whitened copy takes maxOther · f · 8 bytes).
   */
  constructor(private readonly f: number, maxRow: number, maxOther: number) {
    this.z = new Float64Array(f);
    this.r = new Float64Array(f);
    this.p = new Float64Array(f);
    this.ap = new Float64Array(f);
    this.block = new Float64Array(Math.max(1, maxRow) * f);
    this.weight = new Float64Array(Math.max(1, maxRow));
    this.chol = new Float64Array(f * f);
    this.whitened = new Float64Array(Math.max(1, maxOther) * f);
    this.upper = new Float64Array(f * f);
  }

  /**
   * Fixes the other side for the next `solve` calls: factorises `gram` = otherᵀ·other + λI and whitens
   * each of the `rows` rows of `other` (ỹ = L⁻¹ y). Throws RangeError when gram is not positive definite.
   */
  prepare(other: Float32Array, rows: number, gram: Float64Array): void {
    this.factorise(gram);
    this.whiten(other, 0, rows);
  }

  /** The first half of `prepare`: factorises `gram`. Throws RangeError when it is not positive definite. */
  factorise(gram: Float64Array): void {
    const { f, chol, upper } = this;
    chol.set(gram);
    if (!choleskyInPlace(chol, f)) throw new RangeError('ALS Gram matrix is not positive definite');
    for (let a = 0; a < f; a++) for (let b = 0; b < f; b++) upper[a * f + b] = b >= a ? (chol[b * f + a] as number) : 0;
  }

  /** The second half of `prepare`, for rows [from, to) of `other` (so a caller can slice it). */
  whiten(other: Float32Array, from: number, to: number): void {
    const { f, chol, whitened } = this;
    for (let j = from; j < to; j++) {
      const o = j * f;
      for (let a = 0; a < f; a++) whitened[o + a] = other[o + a] as number;
      for (let a = 0; a < f; a++) {
        const la = a * f;
        whitened[o + a] = ((whitened[o + a] as number) - dot(chol, la, whitened, o, a)) / (chol[la + a] as number);
      }
    }
  }

  /**
   * Improves row `row` of `target` with `steps` CG steps against the side fixed by `prepare`; `m` holds
   * the row's interactions and `conf` their confidences (aligned with `m.colIdx`). A row without
   * interactions has the solution 0.
   */
  solve(target: Float32Array, row: number, m: InteractionMatrix, conf: Float32Array, steps: number): void {
    const { f, z, r, p, ap, block, weight, upper, whitened } = this;
    const o = row * f;
    const from = m.rowPtr[row] as number;
    const n = (m.rowPtr[row + 1] as number) - from;
    if (n === 0) {
      target.fill(0, o, o + f);
      return;
    }
    // z = Lᵀ x (x staged in p)
    for (let t = 0; t < f; t++) p[t] = target[o + t] as number;
    for (let a = 0; a < f; a++) z[a] = dot(upper, a * f + a, p, a, f - a);
    // r = b − A z = −z + Σ_k (c_k − w_k (ỹ_k · z)) ỹ_k, fused with copying the row's ỹ into the block.
    for (let t = 0; t < f; t++) r[t] = -(z[t] as number);
    for (let k = 0; k < n; k++) {
      const src = (m.colIdx[from + k] as number) * f;
      const dst = k * f;
      for (let t = 0; t < f; t++) block[dst + t] = whitened[src + t] as number;
      const c = conf[from + k] as number;
      weight[k] = c - 1;
      addScaled(r, c - (c - 1) * dot(block, dst, z, 0, f), block, dst, f);
    }
    p.set(r);
    let rs = dot(r, 0, r, 0, f);
    for (let step = 0; step < steps && rs > 1e-20; step++) {
      this.apply(p, ap, n);
      const alpha = rs / dot(p, 0, ap, 0, f);
      for (let t = 0; t < f; t++) {
        z[t] = (z[t] as number) + alpha * (p[t] as number);
        r[t] = (r[t] as number) - alpha * (ap[t] as number);
      }
      const rsNew = dot(r, 0, r, 0, f);
      const beta = rsNew / rs;
      for (let t = 0; t < f; t++) p[t] = (r[t] as number) + beta * (p[t] as number);
      rs = rsNew;
    }
    // x = L⁻ᵀ z (back substitution on Lᵀ x = z)
    for (let a = f - 1; a >= 0; a--) {
      const ua = a * f;
      z[a] = ((z[a] as number) - dot(upper, ua + a + 1, z, a + 1, f - a - 1)) / (upper[ua + a] as number);
    }
    for (let t = 0; t < f; t++) target[o + t] = z[t] as number;
  }

  /** out = (I + Σ_k w_k ỹ_k ỹ_kᵀ) v for the row currently in the block (n interactions). */
  private apply(v: Float64Array, out: Float64Array, n: number): void {
    const { f, block, weight } = this;
    out.set(v);
    for (let k = 0; k < n; k++) {
      const w = weight[k] as number;
      if (w !== 0) addScaled(out, w * dot(block, k * f, v, 0, f), block, k * f, f);
    }
  }
}

/** Σ_{t < n} a[ao + t] · v[vo + t]. */
function dot(a: Float64Array, ao: number, v: Float64Array, vo: number, n: number): number {
  const n4 = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t < n4; t += 4) {
    s0 += (a[ao + t] as number) * (v[vo + t] as number);
    s1 += (a[ao + t + 1] as number) * (v[vo + t + 1] as number);
    s2 += (a[ao + t + 2] as number) * (v[vo + t + 2] as number);
    s3 += (a[ao + t + 3] as number) * (v[vo + t + 3] as number);
  }
  for (; t < n; t++) s0 += (a[ao + t] as number) * (v[vo + t] as number);
  return s0 + s1 + s2 + s3;
}

/** out[t] += coef · y[o + t]. */
function addScaled(out: Float64Array, coef: number, y: Float64Array, o: number, f: number): void {
  const f4 = f - (f % 4);
  let t = 0;
  for (; t < f4; t += 4) {
    out[t] = (out[t] as number) + coef * (y[o + t] as number);
    out[t + 1] = (out[t + 1] as number) + coef * (y[o + t + 1] as number);
    out[t + 2] = (out[t + 2] as number) + coef * (y[o + t + 2] as number);
    out[t + 3] = (out[t + 3] as number) + coef * (y[o + t + 3] as number);
  }
  for (; t < f; t++) out[t] = (out[t] as number) + coef * (y[o + t] as number);
}

/** The longest row of `m` (interactions of its most active user, or most popular item). */
export function longestRow(m: InteractionMatrix): number {
  let max = 0;
  for (let r = 0; r < m.rows; r++) max = Math.max(max, (m.rowPtr[r + 1] as number) - (m.rowPtr[r] as number));
  return max;
}
