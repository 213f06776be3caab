/**
 * The small dense linear algebra the factor models need: f × f Gram matrices, Cholesky solves and dot
 * products over rows of row-major factor tables (row r of an n × f table starts at r · f).
 */

/** Σ a[ao + t] · b[bo + t] for t < f. */
export function dotRows(a: Float32Array | Float64Array, ao: number, b: Float32Array | Float64Array, bo: number, f: number): number {
  let s = 0;
  for (let t = 0; t < f; t++) s += (a[ao + t] as number) * (b[bo + t] as number);
  return s;
}

/** The f × f Gram matrix MᵀM of an n × f table, plus `ridge` on the diagonal (upper triangle, mirrored). */
export function gramMatrix(m: Float32Array, n: number, f: number, ridge = 0): Float64Array {
  const g = new Float64Array(f * f);
  addGramRows(g, m, 0, n, f);
  finishGram(g, f, ridge);
  return g;
}

/** Adds rows [from, to) of `m` (f wide) to the upper triangle of the Gram accumulator `g` (slices of `gramMatrix`). */
export function addGramRows(g: Float64Array, m: Float32Array, from: number, to: number, f: number): void {
  const row = new Float64Array(f);
  for (let r = from; r < to; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) row[a] = m[o + a] as number;
    for (let a = 0; a < f; a++) {
      const ra = row[a] as number;
      if (ra === 0) continue;
      const ga = a * f;
      // Unrolled by four: this runs once per row of the table per half-step of ALS.
      let b = a;
      for (; b + 3 < f; b += 4) {
        g[ga + b] = (g[ga + b] as number) + ra * (row[b] as number);
        g[ga + b + 1] = (g[ga + b + 1] as number) + ra * (row[b + 1] as number);
        g[ga + b + 2] = (g[ga + b + 2] as number) + ra * (row[b + 2] as number);
        g[ga + b + 3] = (g[ga + b + 3] as number) + ra * (row[b + 3] as number);
      }
      for (; b < f; b++) g[ga + b] = (g[ga + b] as number) + ra * (row[b] as number);
    }
  }
}

/** Adds the ridge to the diagonal of an accumulated Gram matrix and mirrors its upper triangle. */
export function finishGram(g: Float64Array, f: number, ridge: number): void {
  for (let a = 0; a < f; a++) {
    g[a * f + a] = (g[a * f + a] as number) + ridge;
    for (let b = a + 1; b < f; b++) g[b * f + a] = g[a * f + b] as number;
  }
}

/**
 * In-place Cholesky factorisation of a symmetric positive-definite f × f matrix: its lower triangle
 * becomes L with A = L Lᵀ (the upper triangle is left as it was). Returns false when A is not positive
 * definite.
 */
export function choleskyInPlace(a: Float64Array, f: number): boolean {
  for (let j = 0; j < f; j++) {
    let d = a[j * f + j] as number;
    for (let k = 0; k < j; k++) d -= (a[j * f + k] as number) ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * f + j] = ljj;
    for (let i = j + 1; i < f; i++) {
      let s = a[i * f + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * f + k] as number) * (a[j * f + k] as number);
      a[i * f + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves A x = b for a symmetric positive-definite f × f matrix by Cholesky (A = L Lᵀ). `a` is
 * overwritten with L, `b` with x. Returns false (and leaves x undefined) when A is not positive
 * definite.
 */
export function choleskySolveInPlace(a: Float64Array, b: Float64Array, f: number): boolean {
  if (!choleskyInPlace(a, f)) return false;
  for (let i = 0; i < f; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (a[i * f + k] as number) * (b[k] as number);
    b[i] = s / (a[i * f + i] as number);
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let k = i + 1; k < f; k++) s -= (a[k * f + i] as number) * (b[k] as number);
    b[i] = s / (a[i * f + i] as number);
  }
  return true;
}
