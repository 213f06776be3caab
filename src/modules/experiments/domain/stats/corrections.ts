/**
 * Multiple-testing corrections over a family of p-values (several metrics or variations in one
 * experiment). Both return adjusted p-values in the input order, monotone in the raw p-values and
 * capped at 1; compare them with the unadjusted α.
 */

/** Indices of `values` sorted ascending by value (stable for ties). */
function sortIndicesAscending(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number) || i - j);
}

/**
 * Holm–Bonferroni (step-down; controls the family-wise error rate): the i-th smallest of m p-values
 * becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
 * @example adjustPValuesHolm([0.01, 0.04, 0.03, 0.005]) // [0.03, 0.06, 0.06, 0.02]
 */
export function adjustPValuesHolm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  sortIndicesAscending(pValues).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg (step-up; controls the false discovery rate): the i-th smallest of m p-values
 * becomes min over j ≥ i of min(1, m·p₍ⱼ₎/j).
 * @example adjustPValuesBenjaminiHochberg([0.01, 0.04, 0.03, 0.005]) // [0.02, 0.04, 0.04, 0.02]
 */
export function adjustPValuesBenjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const order = sortIndicesAscending(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    running = Math.min(running, (m * (pValues[index] as number)) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}
