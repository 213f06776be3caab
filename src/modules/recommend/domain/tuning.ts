import { DEFAULT_ALS_PARAMS } from './implicit-als.js';
import { evaluateModels, splitFor, type EvaluationOptions, type EvaluationProtocol } from './evaluation.js';
import type { AlsParams } from './implicit-als-model.js';
import type { InteractionLog } from './interaction-log.js';
import { alsSpec } from './model-specs.js';
import type { RankingMetrics } from './ranking-metrics.js';

/** The ALS grid `tuneAls` searches by default: ridge λ × confidence α at the default 48 factors, 10 passes of 2 CG steps. */
export const DEFAULT_ALS_GRID: readonly AlsParams[] = [1, 5, 20, 50].flatMap((regularization) =>
  [1, 3, 10].map((alpha): AlsParams => ({ ...DEFAULT_ALS_PARAMS, regularization, alpha })));

/** One grid point's validation metrics. */
export interface TuningPoint {
  readonly params: AlsParams;
  readonly metrics: RankingMetrics;
}

/** The outcome of `tuneAls`: every point (grid order) and the best by validation NDCG@k. */
export interface TuningResult {
  readonly points: TuningPoint[];
  readonly best: AlsParams;
  /** Rows of the training half that was split again into fit and validation. */
  readonly trainRows: number;
}

/**
 * Chooses ALS hyper-parameters without looking at the test half: splits `log` by `protocol` exactly as
 * `evaluateModels` will (same seed), splits the training half again by the same protocol (seed + 1000)
 * into fit and validation, evaluates every grid point there and returns the best by NDCG@k (ties: the
 * earlier point). Throws RangeError for an empty grid.
 */
export function tuneAls(log: InteractionLog, protocol: EvaluationProtocol, grid: readonly AlsParams[] = DEFAULT_ALS_GRID, options: EvaluationOptions = {}): TuningResult {
  if (grid.length === 0) throw new RangeError('the ALS grid is empty');
  const seed = options.seed ?? 42;
  const train = splitFor(log, protocol, seed).train;
  const report = evaluateModels(train, protocol, grid.map((params, i) => alsSpec(params, `als#${i + 1}`)), { ...options, seed: seed + 1000 });
  const points = report.models.map((m, i): TuningPoint => ({ params: grid[i] as AlsParams, metrics: m.metrics }));
  let best = points[0] as TuningPoint;
  for (const p of points) if (p.metrics.ndcg > best.metrics.ndcg) best = p;
  return { points, best: best.params, trainRows: train.length };
}
