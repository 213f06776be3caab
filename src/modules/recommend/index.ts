// Serving (candidate generation and shop state).
export { RecommendService, MAX_KEYS_PER_SHOP, type ModelSummary, type CandidateSet, type PersonResolver } from './recommend.service.js';
export { RELEVANCE_BLEND, RETRIEVAL, type Candidate, type CandidateFilters, type RelevanceSources } from './domain/candidates.js';
export { SIGNAL_WEIGHTS } from './domain/event-signals.js';
export { LEARNED_RETRIEVAL_LIMIT, SERVING_NEIGHBOURS } from './domain/shop-model.js';
export { simulateFeed, examination, type SimItem, type FeedSimulationOptions, type FeedSimulationResult } from './domain/feed-simulation.js';

// Offline side: models, metrics, splits and the evaluation on public datasets (see README.md).
export {
  IdIndex, InteractionLogBuilder, selectRows, type InteractionLog,
} from './domain/interaction-log.js';
export {
  buildInteractionMatrix, transposeMatrix, rowOf, columnCounts, decayFactor, latestTimestamp, sparseVectorOf,
  type InteractionMatrix, type MatrixOptions, type SparseVector, type TimeDecay,
} from './domain/interaction-matrix.js';
export {
  RANKING_METRIC_NAMES, RankingAccumulator, userRankingMetrics, type RankingMetrics,
} from './domain/ranking-metrics.js';
export { leaveLastOutSplit, roundHalfEven, stratifiedSplit, type Split, type StratifiedSplitOptions } from './domain/splits.js';
export { kCoreFilter, type KCore } from './domain/k-core.js';
export { topK, type TopKFilter } from './domain/top-k.js';
export {
  SIMILARITY_KINDS, accumulateNeighbourScores, computeItemNeighbours, neighbourBytes, neighboursOf,
  type ItemNeighbours, type SimilarityKind, type SimilarityOptions,
} from './domain/item-similarity.js';
export { RECOMMENDERS_SAR_PARAMS, SarModel, sarAffinity, trainSar, type SarParams, type WeightedEvent } from './domain/sar.js';
export { ImplicitAlsModel, confidenceOf, type AlsParams, type ConfidenceScaling } from './domain/implicit-als-model.js';
export { DEFAULT_ALS_PARAMS, checkAlsParams, trainImplicitAls, type AlsProgress } from './domain/implicit-als.js';
export {
  alsSpec, itemKnnSpec, popularitySpec, sarSpec, type ModelSpec, type TrainedRecommender, type TrainingData,
} from './domain/model-specs.js';
export {
  evaluateModels, splitFor, type EvaluationOptions, type EvaluationProgress, type EvaluationProtocol, type EvaluationReport,
  type ModelResult, type SplitSummary,
} from './domain/evaluation.js';
export { DEFAULT_ALS_GRID, tuneAls, type TuningPoint, type TuningResult } from './domain/tuning.js';
export {
  DATASET_SIGNAL_WEIGHTS, EVAL_DATASETS, isEvalDataset, parseMovielensRatings, readCommerceDataset, readEvalDataset, readMovielens100k,
  type CommerceRead, type EvalDataset,
} from './offline/dataset-readers.js';
export { EVAL_PRESETS, PUBLISHED_MOVIELENS, type EvalPreset, type PublishedResult } from './offline/eval-presets.js';
export {
  EVAL_MODELS, runRecommendEval, type EvalModel, type EvalRunProgress, type RecommendEvalRequest, type RecommendEvalResult,
} from './offline/recommend-eval.js';
