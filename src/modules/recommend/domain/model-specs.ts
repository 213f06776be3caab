import type { Rng } from '../../../shared/random.js';
import { trainImplicitAls } from './implicit-als.js';
import type { AlsParams } from './implicit-als-model.js';
import type { InteractionLog } from './interaction-log.js';
import { columnCounts, type InteractionMatrix } from './interaction-matrix.js';
import { trainSar, type SarParams } from './sar.js';

/** What a model trains on: the training rows and their users × items matrix of summed weights. */
export interface TrainingData {
  readonly log: InteractionLog;
  readonly matrix: InteractionMatrix;
  readonly rng: Rng;
}

/** A trained model as the evaluation sees it: scores of every item for a training user. */
export interface TrainedRecommender {
  /** Writes a score per item (index of the log's item dictionary) into `out`; higher is better. */
  scoreInto(user: number, out: Float32Array): void;
}

/** A named, parameterised way to train a model. */
export interface ModelSpec {
  /** Name in reports, e.g. `sar`, `als`. */
  readonly name: string;
  /** Hyper-parameters, as reported. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Trains on `data`; `onProgress` gets the share done (0..1) when the model can tell. */
  train(data: TrainingData, onProgress?: (share: number) => void): TrainedRecommender;
}

/** Most popular first: score = number of distinct training users of the item. */
export function popularitySpec(): ModelSpec {
  return {
    name: 'popularity',
    params: {},
    train(data) {
      const counts = columnCounts(data.matrix);
      return { scoreInto: (_user, out) => out.set(counts) };
    },
  };
}

/** SAR with `params` (see `trainSar`); `name` defaults to `sar`. */
export function sarSpec(params: SarParams, name = 'sar'): ModelSpec {
  return {
    name,
    params: { ...params },
    train(data) {
      const model = trainSar(data.log, params);
      return { scoreInto: (user, out) => void model.scoreAll(model.userAffinity(user), out) };
    },
  };
}

/**
 * Item-kNN baseline: cosine similarity of binary item vectors, each item's `neighbours` nearest kept,
 * a user's score for j = Σ over their items i of cos(i, j) (Deshpande & Karypis 2004 without the
 * normalisation). SAR's machinery with binary affinity and no decay.
 */
export function itemKnnSpec(neighbours = 100): ModelSpec {
  const spec = sarSpec({ similarity: 'cosine', neighbours, binaryAffinity: true }, 'item-knn');
  return { ...spec, params: { similarity: 'cosine', neighbours } };
}

/** Implicit ALS with `params` (see `trainImplicitAls`). */
export function alsSpec(params: AlsParams, name = 'als'): ModelSpec {
  return {
    name,
    params: { ...params },
    train(data, onProgress) {
      const model = trainImplicitAls(data.matrix, params, data.rng, (it, n) => onProgress?.(it / n));
      return { scoreInto: (user, out) => void model.scoreAll(model.userVector(user), out) };
    },
  };
}
