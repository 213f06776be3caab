import type { EvaluationProtocol } from '../domain/evaluation.js';
import { DEFAULT_ALS_PARAMS } from '../domain/implicit-als.js';
import type { AlsParams } from '../domain/implicit-als-model.js';
import type { KCore } from '../domain/k-core.js';
import type { RankingMetrics } from '../domain/ranking-metrics.js';
import { RECOMMENDERS_SAR_PARAMS, type SarParams } from '../domain/sar.js';
import type { EvalDataset } from './dataset-readers.js';

/** How one dataset is evaluated: protocol, optional k-core filter and the model parameters. */
export interface EvalPreset {
  readonly protocol: EvaluationProtocol;
  /** Applied before splitting (commerce samples: items one user touched cannot be recommended). */
  readonly kCore?: KCore;
  readonly sar: SarParams;
  /** Neighbours kept per item by the item-kNN baseline. */
  readonly knnNeighbours: number;
  /**
   * ALS parameters: what `tuneAls` (DEFAULT_ALS_GRID, validation carved from the training half, seed
   * 42 + 1000) chose — `reelpath eval recommend --dataset <name> --tune` re-runs that search.
   */
  readonly als: AlsParams;
}


/** The presets of `reelpath eval recommend`. */
export const EVAL_PRESETS: Readonly<Record<EvalDataset, EvalPreset>> = {
  // Recommenders' MovieLens protocol: stratified 75/25 per user (seed 42), top-10, seen items removed.
  'movielens-100k': {
    protocol: { kind: 'stratified', ratio: 0.75, k: 10, by: 'user' },
    sar: RECOMMENDERS_SAR_PARAMS, knnNeighbours: 100, als: { ...DEFAULT_ALS_PARAMS, regularization: 50, alpha: 3 },
  },
  // Commerce samples: latest item held out per user, after a 2-core filter.
  taobao: {
    protocol: { kind: 'leave-last-out', k: 10 }, kCore: { minUserItems: 2, minItemUsers: 2 },
    sar: RECOMMENDERS_SAR_PARAMS, knnNeighbours: 100, als: { ...DEFAULT_ALS_PARAMS, regularization: 1, alpha: 3 },
  },
  rees46: {
    protocol: { kind: 'leave-last-out', k: 10 }, kCore: { minUserItems: 2, minItemUsers: 2 },
    sar: RECOMMENDERS_SAR_PARAMS, knnNeighbours: 100, als: { ...DEFAULT_ALS_PARAMS, regularization: 1, alpha: 10 },
  },
};

/** A published result to print beside ours. */
export interface PublishedResult {
  readonly name: string;
  readonly source: string;
  readonly metrics: Partial<RankingMetrics>;
}

const README = 'Recommenders README @ b02c95e (stratified by item, k=10; MAP = map())';

/**
 * Microsoft Recommenders' published MovieLens 100k ranking numbers (SOURCE.md A1 and A3). Their MAP is
 * `map()` (÷ |relevant|), comparable with our `map`.
 */
export const PUBLISHED_MOVIELENS: readonly PublishedResult[] = [
  { name: 'BiVAE', source: README, metrics: { map: 0.146126, ndcg: 0.475077, precision: 0.411771, recall: 0.219145 } },
  { name: 'BPR', source: README, metrics: { map: 0.132478, ndcg: 0.441997, precision: 0.388229, recall: 0.212522 } },
  { name: 'LightGCN', source: README, metrics: { map: 0.088526, ndcg: 0.419846, precision: 0.379626, recall: 0.144336 } },
  { name: 'NCF', source: README, metrics: { map: 0.10772, ndcg: 0.396118, precision: 0.347296, recall: 0.180775 } },
  { name: 'SAR', source: README, metrics: { map: 0.110591, ndcg: 0.382461, precision: 0.330753, recall: 0.176385 } },
  { name: 'SAR', source: 'Recommenders SAR quick-start (stratified by user, seed 42)', metrics: { map: 0.106959, ndcg: 0.379533, precision: 0.331071, recall: 0.176837 } },
];
