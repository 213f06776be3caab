/**
 * Top-k selection over dense score arrays: a bounded insertion list (k is small, the catalogue large),
 * O(n + hits·k). Ties go to the lower item index, so results are deterministic.
 */

/** Which items may be returned. */
export interface TopKFilter {
  /** Items with `blocked[i] === 1` are skipped (e.g. what the user already has). */
  readonly blocked?: Uint8Array;
  /** Only these items are considered (e.g. a candidate subset); default every index of `scores`. */
  readonly candidates?: Int32Array;
}

/**
 * The indices of the `k` highest scores, best first (fewer when fewer items pass the filter). NaN
 * scores are skipped.
 * @example topK(Float32Array.of(0.1, 0.9, 0.5), 2) // Int32Array [1, 2]
 */
export function topK(scores: Float32Array | Float64Array, k: number, filter: TopKFilter = {}): Int32Array {
  const best = new Int32Array(k);
  const bestScore = new Float64Array(k);
  let size = 0;
  const { blocked, candidates } = filter;
  const n = candidates === undefined ? scores.length : candidates.length;
  for (let c = 0; c < n; c++) {
    const i = candidates === undefined ? c : (candidates[c] as number);
    if (blocked !== undefined && blocked[i] === 1) continue;
    const s = scores[i] as number;
    if (Number.isNaN(s)) continue;
    if (size === k) {
      const worst = bestScore[k - 1] as number;
      if (s < worst || (s === worst && i > (best[k - 1] as number))) continue;
    }
    let at = size < k ? size++ : k - 1;
    while (at > 0) {
      const prev = bestScore[at - 1] as number;
      if (prev > s || (prev === s && (best[at - 1] as number) < i)) break;
      best[at] = best[at - 1] as number;
      bestScore[at] = prev;
      at--;
    }
    best[at] = i;
    bestScore[at] = s;
  }
  return best.slice(0, size);
}
