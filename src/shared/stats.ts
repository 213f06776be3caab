/**
 * Order statistics for reports. Percentiles use linear interpolation between the closest ranks
 * (Hyndman–Fan type 7: numpy's default, DuckDB's `quantile_cont`, Excel PERCENTILE.INC), so the median
 * of an even count averages the two middle values.
 */

/**
 * The p-quantile (0 ≤ p ≤ 1) of values sorted ascending; null when empty.
 * @example percentile([1, 2, 3, 4], 0.5) === 2.5
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** The median (type 7: an even count averages the middle two) of values in any order; null when empty. */
export function median(values: readonly number[]): number | null {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** The arithmetic mean; null when empty. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The share num/den, 0 when den is 0. */
export const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);
