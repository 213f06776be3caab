/**
 * RFM scoring. Pure. Each dimension has k − 1 ascending cut points; a value's bucket is the number of
 * cut points it exceeds (`v > c`), so a value equal to a cut point falls in the lower bucket and equal
 * values always share a score. Frequency and monetary score 1 + bucket (more is better); recency
 * (whole days since the last order) scores k − bucket (more recent is better).
 *
 * Quantile cut points (the default) are the lower quantiles of the buyers' values: c_j is the smallest
 * value v with at least j/k of the buyers at or below v (Hyndman–Fan type 1), i.e.
 * `sorted[ceil(j·n/k) − 1]`. Then bucket = min(k − 1, floor(k · #{values < v} / n)): a buyer's score
 * depends only on the share of buyers with a strictly smaller value, so ties never split, and when
 * one value covers several quantiles the scores between are skipped (e.g. when 60 % of buyers have
 * one order: F = 1 scores 1 and F = 2 scores 4).
 */

/** The three RFM dimensions. */
export type RfmDimension = 'recency' | 'frequency' | 'monetary';

/** A buyer's RFM inputs: days since the last order (as of), number of orders, net fen. */
export interface RfmValues {
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
}

/** A buyer's scores, each 1 … k. */
export interface RfmScores { readonly r: number; readonly f: number; readonly m: number }

/** Cut points per dimension (k − 1 ascending values each) and where they came from. */
export interface RfmThresholds {
  /** k: scores run 1 … k. */
  readonly scores: number;
  readonly recencyDays: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
  readonly source: { readonly recency: 'quantile' | 'explicit'; readonly frequency: 'quantile' | 'explicit'; readonly monetary: 'quantile' | 'explicit' };
}

/**
 * The k − 1 lower-quantile cut points of `values` (any order); empty input gives no cut points.
 * @example quantileCuts([1, 1, 1, 2, 5], 5) // [1, 1, 1, 2]
 */
export function quantileCuts(values: readonly number[], k: number): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const cuts: number[] = [];
  for (let j = 1; j < k; j++) cuts.push(sorted[Math.floor((j * n + k - 1) / k) - 1] as number);
  return cuts;
}

/** The number of cut points `value` exceeds (0 … cuts.length). */
export function bucketOf(value: number, cuts: readonly number[]): number {
  let b = 0;
  for (const c of cuts) if (value > c) b++;
  return b;
}

/** Scores one buyer against thresholds. */
export function scoreRfm(v: RfmValues, t: RfmThresholds): RfmScores {
  return {
    r: t.scores - bucketOf(v.recencyDays, t.recencyDays),
    f: 1 + bucketOf(v.frequency, t.frequency),
    m: 1 + bucketOf(v.monetary, t.monetary),
  };
}

/** Explicit cut points; a dimension left out gets quantile cut points. */
export interface ExplicitCuts {
  readonly recencyDays?: readonly number[] | undefined;
  readonly frequency?: readonly number[] | undefined;
  readonly monetary?: readonly number[] | undefined;
}

/** The thresholds for a population: explicit cut points where given, quantiles of `values` otherwise. */
export function resolveThresholds(values: readonly RfmValues[], scores: number, explicit: ExplicitCuts = {}): RfmThresholds {
  const pick = (given: readonly number[] | undefined, dim: keyof RfmValues): readonly number[] => given ?? quantileCuts(values.map((v) => v[dim]), scores);
  return {
    scores,
    recencyDays: pick(explicit.recencyDays, 'recencyDays'),
    frequency: pick(explicit.frequency, 'frequency'),
    monetary: pick(explicit.monetary, 'monetary'),
    source: {
      recency: explicit.recencyDays ? 'explicit' : 'quantile',
      frequency: explicit.frequency ? 'explicit' : 'quantile',
      monetary: explicit.monetary ? 'explicit' : 'quantile',
    },
  };
}

/**
 * Checks a cut-point list for k scores: exactly k − 1 finite numbers, non-decreasing. Returns a
 * reason, or undefined when valid.
 */
export function cutsProblem(cuts: readonly number[], scores: number): string | undefined {
  if (cuts.length !== scores - 1) return `expected ${scores - 1} cut points for ${scores} scores, got ${cuts.length}`;
  if (cuts.some((c) => !Number.isFinite(c))) return 'cut points must be numbers';
  for (let i = 1; i < cuts.length; i++) if ((cuts[i] as number) < (cuts[i - 1] as number)) return 'cut points must be in ascending order';
  return undefined;
}
