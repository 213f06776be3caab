/**
 * Top-k ranking metrics as Microsoft Recommenders defines them (`recommenders/evaluation/
 * python_evaluation.py`), per user and averaged over users. For one user with recommended list R
 * (best first, only the first k count) and relevant set T (binary relevance), hits at 1-based ranks r:
 * - Precision@k = hits / k (k even when fewer than k items were recommended, as Spark and Recommenders);
 * - Recall@k = hits / |T|;
 * - NDCG@k = Σ_hits 1/log(1 + r) ÷ Σ_{r=1..min(|T|,k)} 1/log(1 + r) (the log base cancels);
 * - MAP (`map`) = Σ_hits (hits so far / r) ÷ |T| — the definition behind the published Recommenders
 *   README and benchmark-notebook "MAP" columns (their `benchmark_utils` called `map()`, renamed from the
 *   older `map_at_k`; recommenders-team/recommenders issues #1702, #2309);
 * - MAP@k (`map_at_k`, Spark's `meanAveragePrecisionAt`) = the same sum ÷ min(|T|, k);
 * - HitRate@k = 1 when any hit; MRR = 1 / rank of the first hit within k, 0 without one.
 * Averages are over users with a non-empty relevant set (Recommenders' users common to truth and
 * predictions: every evaluated user gets a list).
 */

/** The metrics of one user, or their means over users. */
export interface RankingMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  /** Recommenders `map`: average precision normalised by the number of relevant items. */
  readonly map: number;
  /** Recommenders `map_at_k`: average precision normalised by min(relevant, k). */
  readonly mapAtK: number;
  readonly hitRate: number;
  readonly mrr: number;
}

/** The metric names in report order. */
export const RANKING_METRIC_NAMES = ['precision', 'recall', 'ndcg', 'map', 'mapAtK', 'hitRate', 'mrr'] as const;

/** 1 / log2(1 + rank) for ranks 1..k. */
function discounts(k: number): Float64Array {
  const d = new Float64Array(k + 1);
  for (let r = 1; r <= k; r++) d[r] = 1 / Math.log2(1 + r);
  return d;
}

/**
 * The ranking metrics of one user: `recommended` best first (only the first `k` count), `relevant` the
 * held-out items. Throws RangeError for k < 1 or an empty relevant set.
 * @example userRankingMetrics([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], new Set([1, 3, 5, 7]), 10).ndcg // 0.6766…
 */
export function userRankingMetrics(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): RankingMetrics {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (relevant.size === 0) throw new RangeError('relevant set is empty');
  const d = discounts(k);
  const n = Math.min(k, recommended.length);
  let hits = 0;
  let dcg = 0;
  let precisionSum = 0;
  let firstHit = 0;
  for (let r = 1; r <= n; r++) {
    if (!relevant.has(recommended[r - 1] as number)) continue;
    hits++;
    dcg += d[r] as number;
    precisionSum += hits / r;
    if (firstHit === 0) firstHit = r;
  }
  let idcg = 0;
  const ideal = Math.min(relevant.size, k);
  for (let r = 1; r <= ideal; r++) idcg += d[r] as number;
  return {
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / idcg,
    map: precisionSum / relevant.size,
    mapAtK: precisionSum / ideal,
    hitRate: hits > 0 ? 1 : 0,
    mrr: firstHit > 0 ? 1 / firstHit : 0,
  };
}

/** Sums per-user metrics; `mean()` averages them over the users added. */
export class RankingAccumulator {
  private users = 0;
  private readonly sums = { precision: 0, recall: 0, ndcg: 0, map: 0, mapAtK: 0, hitRate: 0, mrr: 0 };

  constructor(readonly k: number) {}

  /** Adds one user's list; a user with no relevant item is skipped (not counted). */
  add(recommended: ArrayLike<number>, relevant: ReadonlySet<number>): void {
    if (relevant.size === 0) return;
    const m = userRankingMetrics(recommended, relevant, this.k);
    for (const name of RANKING_METRIC_NAMES) this.sums[name] += m[name];
    this.users++;
  }

  /** Users counted so far. */
  get count(): number {
    return this.users;
  }

  /** Means over the users added (all 0 when none). */
  mean(): RankingMetrics {
    const n = Math.max(1, this.users);
    const s = this.sums;
    return {
      precision: s.precision / n, recall: s.recall / n, ndcg: s.ndcg / n, map: s.map / n,
      mapAtK: s.mapAtK / n, hitRate: s.hitRate / n, mrr: s.mrr / n,
    };
  }
}
