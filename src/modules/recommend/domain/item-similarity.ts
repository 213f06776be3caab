import { transposeMatrix, type InteractionMatrix, type SparseVector } from './interaction-matrix.js';
import { topK } from './top-k.js';

/**
 * Item–item similarity from co-occurrence, as Recommenders' SAR: C[i][j] = number of users who have
 * both i and j (binary user × item matrix, C = UᵀU), kept when ≥ `threshold`, then
 * - `cooccurrence`: C[i][j];
 * - `jaccard`: C[i][j] / (C[i][i] + C[j][j] − C[i][j]);
 * - `lift`: C[i][j] / (C[i][i] · C[j][j]);
 * - `cosine`: C[i][j] / √(C[i][i] · C[j][j]) (item-kNN on binary vectors).
 */
export type SimilarityKind = 'cooccurrence' | 'jaccard' | 'lift' | 'cosine';

/** The similarity kinds accepted. */
export const SIMILARITY_KINDS: readonly SimilarityKind[] = ['cooccurrence', 'jaccard', 'lift', 'cosine'];

/** Options of `computeItemNeighbours`. */
export interface SimilarityOptions {
  readonly similarity: SimilarityKind;
  /** Keep only each item's `neighbours` most similar items (memory: 8 bytes each). Default: all. */
  readonly neighbours?: number;
  /** Minimum co-occurrence count kept (SAR's `threshold`, default 1). */
  readonly threshold?: number;
}

/**
 * Each item's neighbours, most similar first: item i's are `neighbour[rowPtr[i] .. rowPtr[i+1])` with
 * `similarity` alongside. An item is not its own neighbour (SAR's diagonal only scores seen items).
 */
export interface ItemNeighbours {
  readonly items: number;
  readonly rowPtr: Int32Array;
  readonly neighbour: Int32Array;
  readonly similarity: Float32Array;
}

function similarityOf(kind: SimilarityKind, c: number, ci: number, cj: number): number {
  switch (kind) {
    case 'cooccurrence': return c;
    case 'jaccard': return c / (ci + cj - c);
    case 'lift': return c / (ci * cj);
    case 'cosine': return c / Math.sqrt(ci * cj);
  }
}

/** Growable output columns of the neighbour lists. */
class NeighbourColumns {
  neighbour = new Int32Array(1024);
  similarity = new Float32Array(1024);
  size = 0;

  push(j: number, s: number): void {
    if (this.size === this.neighbour.length) {
      const n = new Int32Array(this.size * 2);
      n.set(this.neighbour);
      const v = new Float32Array(this.size * 2);
      v.set(this.similarity);
      this.neighbour = n;
      this.similarity = v;
    }
    this.neighbour[this.size] = j;
    this.similarity[this.size++] = s;
  }
}

/**
 * Computes item neighbours from a users × items matrix (any cell > 0 counts as one co-occurrence).
 * Cost Σ_users (items per user)², memory O(items · neighbours). Throws RangeError for a bad option.
 */
export function computeItemNeighbours(userItems: InteractionMatrix, options: SimilarityOptions): ItemNeighbours {
  const steps = itemNeighbourSlices(userItems, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Co-occurrence updates per slice of `itemNeighbourSlices` (a few milliseconds). */
export const NEIGHBOUR_SLICE_WORK = 1_000_000;

/**
 * `computeItemNeighbours` in slices of about `NEIGHBOUR_SLICE_WORK` co-occurrence updates (popular items
 * cost more than others): yields between slices, returns the same neighbours, so a caller can give the
 * event loop a turn between them.
 */
export function* itemNeighbourSlices(userItems: InteractionMatrix, options: SimilarityOptions): Generator<void, ItemNeighbours> {
  const threshold = options.threshold ?? 1;
  const keep = options.neighbours ?? Number.POSITIVE_INFINITY;
  if (!(keep >= 1)) throw new RangeError(`neighbours must be ≥ 1, got ${keep}`);
  if (!(threshold >= 1)) throw new RangeError(`threshold must be ≥ 1, got ${threshold}`);
  const itemUsers = transposeMatrix(userItems);
  const nItems = userItems.cols;
  const count = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++) count[i] = (itemUsers.rowPtr[i + 1] as number) - (itemUsers.rowPtr[i] as number);
  const co = new Float64Array(nItems);
  const sim = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const rowPtr = new Int32Array(nItems + 1);
  const out = new NeighbourColumns();
  let work = 0;
  for (let i = 0; i < nItems; i++) {
    if (work >= NEIGHBOUR_SLICE_WORK) { work = 0; yield; }
    let n = 0;
    for (let a = itemUsers.rowPtr[i] as number; a < (itemUsers.rowPtr[i + 1] as number); a++) {
      const u = itemUsers.colIdx[a] as number;
      work += (userItems.rowPtr[u + 1] as number) - (userItems.rowPtr[u] as number);
      for (let b = userItems.rowPtr[u] as number; b < (userItems.rowPtr[u + 1] as number); b++) {
        const j = userItems.colIdx[b] as number;
        if (j === i) continue;
        if (co[j] === 0) touched[n++] = j;
        co[j] = (co[j] as number) + 1;
      }
    }
    let kept = 0;
    for (let t = 0; t < n; t++) {
      const j = touched[t] as number;
      const c = co[j] as number;
      co[j] = 0;
      if (c < threshold) continue;
      sim[j] = similarityOf(options.similarity, c, count[i] as number, count[j] as number);
      touched[kept++] = j;
    }
    const best = topK(sim, Math.min(kept, keep), { candidates: touched.subarray(0, kept) });
    for (let t = 0; t < best.length; t++) out.push(best[t] as number, sim[best[t] as number] as number);
    rowPtr[i + 1] = out.size;
  }
  return { items: nItems, rowPtr, neighbour: out.neighbour.slice(0, out.size), similarity: out.similarity.slice(0, out.size) };
}

/** Item i's neighbours and similarities (views, most similar first). */
export function neighboursOf(n: ItemNeighbours, item: number): SparseVector {
  const from = n.rowPtr[item] as number;
  const to = n.rowPtr[item + 1] as number;
  return { indices: n.neighbour.subarray(from, to), values: n.similarity.subarray(from, to) };
}

/**
 * Adds Σ_{i in history} affinity_i · similarity(i, j) into `out[j]` for every neighbour j (SAR's
 * score = affinity · similarity, without the diagonal). Returns the items whose score went from 0 to
 * non-zero, so callers can select and clear in the neighbours reached rather than the whole catalogue.
 */
export function accumulateNeighbourScores(n: ItemNeighbours, history: SparseVector, out: Float32Array | Float64Array): Int32Array {
  const touched: number[] = [];
  for (let h = 0; h < history.indices.length; h++) {
    const i = history.indices[h] as number;
    if (i < 0 || i >= n.items) continue;
    const a = history.values[h] as number;
    for (let k = n.rowPtr[i] as number; k < (n.rowPtr[i + 1] as number); k++) {
      const j = n.neighbour[k] as number;
      if (out[j] === 0) touched.push(j);
      out[j] = (out[j] as number) + a * (n.similarity[k] as number);
    }
  }
  return Int32Array.from(touched);
}

/** Bytes the neighbour lists hold (typed arrays only). */
export function neighbourBytes(n: ItemNeighbours): number {
  return n.rowPtr.byteLength + n.neighbour.byteLength + n.similarity.byteLength;
}

