/**
 * Dense linear algebra for the absorbing Markov chain: Gauss–Jordan elimination with partial
 * pivoting. Matrices are row-major Float64Arrays of n×n. Deterministic; no iteration, no sampling.
 */

/** Thrown (as a plain Error) when a matrix is singular to working precision; callers map it. */
export class SingularMatrixError extends Error {
  constructor() { super('matrix is singular'); this.name = 'SingularMatrixError'; }
}

/** Returns the inverse of the n×n row-major matrix `a` (not modified). */
export function invert(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = r;
    const p = m[pivot * n + col] as number;
    if (Math.abs(p) < 1e-14) throw new SingularMatrixError();
    if (pivot !== col) { swapRows(m, n, pivot, col); swapRows(inv, n, pivot, col); }
    for (let c = 0; c < n; c++) { m[col * n + c] = (m[col * n + c] as number) / p; inv[col * n + c] = (inv[col * n + c] as number) / p; }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * n + col] as number;
      if (f === 0) continue;
      // Columns left of `col` are already zero in the pivot row of `m`.
      for (let c = col; c < n; c++) m[r * n + c] = (m[r * n + c] as number) - f * (m[col * n + c] as number);
      for (let c = 0; c < n; c++) inv[r * n + c] = (inv[r * n + c] as number) - f * (inv[col * n + c] as number);
    }
  }
  return inv;
}

function swapRows(m: Float64Array, n: number, i: number, j: number): void {
  for (let c = 0; c < n; c++) {
    const t = m[i * n + c] as number;
    m[i * n + c] = m[j * n + c] as number;
    m[j * n + c] = t;
  }
}
