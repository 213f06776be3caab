import { seededRng } from '../../../shared/random.js';
import type { InteractionLog } from './interaction-log.js';
import { buildInteractionMatrix, type InteractionMatrix } from './interaction-matrix.js';
import type { ModelSpec, TrainedRecommender } from './model-specs.js';
import { RankingAccumulator, type RankingMetrics } from './ranking-metrics.js';
import { leaveLastOutSplit, stratifiedSplit, type Split } from './splits.js';
import { topK } from './top-k.js';

/**
 * The offline protocols:
 * - `stratified`: Recommenders' MovieLens protocol — a stratified random split (per user by default),
 *   top-k over items seen in training, the user's training items removed, every test item relevant;
 * - `leave-last-out`: each user's latest item held out (`leaveLastOutSplit`), top-k with training items
 *   removed; HitRate@k and NDCG@k are the usual figures (one relevant item).
 */
export type EvaluationProtocol =
  | { readonly kind: 'stratified'; readonly ratio: number; readonly k: number; readonly by?: 'user' | 'item' }
  | { readonly kind: 'leave-last-out'; readonly k: number };

/** A progress report: which model, which stage, how far (0..1). */
export interface EvaluationProgress {
  readonly model: string;
  readonly stage: 'train' | 'score';
  readonly share: number;
}

/** Options of `evaluateModels`. */
export interface EvaluationOptions {
  /** Seed of the split (stratified) and of each model's Rng (seed + 1 + model index). Default 42. */
  readonly seed?: number;
  readonly onProgress?: (progress: EvaluationProgress) => void;
  /** A monotonic clock in ms (e.g. `performance.now`) to time training and scoring; none = no times. */
  readonly now?: () => number;
}

/** Sizes of the two halves of the split. */
export interface SplitSummary {
  readonly trainRows: number;
  readonly testRows: number;
  readonly trainUsers: number;
  readonly testUsers: number;
  readonly trainItems: number;
  readonly testItems: number;
}

/** One model's result. */
export interface ModelResult {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly metrics: RankingMetrics;
  /** Users evaluated (with at least one test item). */
  readonly users: number;
  readonly trainMs?: number;
  readonly scoreMs?: number;
}

/** The result of `evaluateModels`. */
export interface EvaluationReport {
  readonly protocol: EvaluationProtocol;
  readonly seed: number;
  readonly split: SplitSummary;
  readonly models: ModelResult[];
}

function distinctCount(column: Int32Array, size: number): number {
  const seen = new Uint8Array(size);
  let n = 0;
  for (let r = 0; r < column.length; r++) {
    const v = column[r] as number;
    if (seen[v] === 0) {
      seen[v] = 1;
      n++;
    }
  }
  return n;
}

/** Splits `log` by the protocol (stratified ones with `seed`). */
export function splitFor(log: InteractionLog, protocol: EvaluationProtocol, seed: number): Split {
  if (protocol.kind === 'leave-last-out') return leaveLastOutSplit(log);
  return stratifiedSplit(log, { ratio: protocol.ratio, ...(protocol.by === undefined ? {} : { by: protocol.by }) }, seededRng(seed));
}

function summarise(split: Split): SplitSummary {
  const { train, test } = split;
  return {
    trainRows: train.length, testRows: test.length,
    trainUsers: distinctCount(train.user, train.users.size), testUsers: distinctCount(test.user, test.users.size),
    trainItems: distinctCount(train.item, train.items.size), testItems: distinctCount(test.item, test.items.size),
  };
}

/** Ranks top-k for every test user with `model` and accumulates the metrics. */
function scoreModel(model: TrainedRecommender, train: InteractionMatrix, testByUser: InteractionMatrix, k: number, progress: (share: number) => void): RankingAccumulator {
  const acc = new RankingAccumulator(k);
  const blocked = new Uint8Array(train.cols);
  // Items never seen in training cannot be recommended (as Recommenders, whose models index train items only).
  for (let i = 0; i < train.cols; i++) blocked[i] = 1;
  for (let x = 0; x < train.colIdx.length; x++) blocked[train.colIdx[x] as number] = 0;
  const scores = new Float32Array(train.cols);
  for (let u = 0; u < testByUser.rows; u++) {
    const tFrom = testByUser.rowPtr[u] as number;
    const tTo = testByUser.rowPtr[u + 1] as number;
    if (tFrom === tTo) continue;
    const from = train.rowPtr[u] as number;
    const to = train.rowPtr[u + 1] as number;
    const seen = train.colIdx.subarray(from, to);
    model.scoreInto(u, scores);
    for (let x = 0; x < seen.length; x++) blocked[seen[x] as number] = 1;
    const top = topK(scores, k, { blocked });
    for (let x = 0; x < seen.length; x++) blocked[seen[x] as number] = 0;
    acc.add(top, new Set(testByUser.colIdx.subarray(tFrom, tTo)));
    if (u % 256 === 0) progress(u / testByUser.rows);
  }
  progress(1);
  return acc;
}

/**
 * Splits `log` by `protocol`, trains each model on the training half and ranks the top-k for every user
 * with test items. Pure: randomness from `seed`, time only through `options.now`.
 * @example evaluateModels(log, { kind: 'stratified', ratio: 0.75, k: 10 }, [popularitySpec(), sarSpec(RECOMMENDERS_SAR_PARAMS)])
 */
export function evaluateModels(log: InteractionLog, protocol: EvaluationProtocol, specs: readonly ModelSpec[], options: EvaluationOptions = {}): EvaluationReport {
  const seed = options.seed ?? 42;
  if (!Number.isInteger(protocol.k) || protocol.k < 1) throw new RangeError(`k must be a positive integer, got ${protocol.k}`);
  const split = splitFor(log, protocol, seed);
  const matrix = buildInteractionMatrix(split.train);
  const testByUser = buildInteractionMatrix(split.test, { binary: true });
  const models = specs.map((spec, index): ModelResult => {
    const report = (stage: EvaluationProgress['stage']) => (share: number): void => options.onProgress?.({ model: spec.name, stage, share });
    const t0 = options.now?.();
    report('train')(0);
    const trained = spec.train({ log: split.train, matrix, rng: seededRng(seed + 1 + index) }, report('train'));
    const t1 = options.now?.();
    const acc = scoreModel(trained, matrix, testByUser, protocol.k, report('score'));
    const t2 = options.now?.();
    const times = t0 === undefined || t1 === undefined || t2 === undefined ? {} : { trainMs: Math.round(t1 - t0), scoreMs: Math.round(t2 - t1) };
    return { name: spec.name, params: spec.params, metrics: acc.mean(), users: acc.count, ...times };
  });
  return { protocol, seed, split: summarise(split), models };
}
