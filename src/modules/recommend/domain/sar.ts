import type { InteractionLog } from './interaction-log.js';
import { buildInteractionMatrix, decayFactor, latestTimestamp, sparseVectorOf, type InteractionMatrix, type SparseVector, type TimeDecay } from './interaction-matrix.js';
import { accumulateNeighbourScores, computeItemNeighbours, neighbourBytes, neighboursOf, type ItemNeighbours, type SimilarityKind } from './item-similarity.js';

/**
 * SAR (Simple Algorithm for Recommendation, as recommenders-team/recommenders `SARSingleNode`): a
 * user's affinity to an item is the sum of their interaction weights, each decayed by
 * 0.5^(age / half-life) when `timeDecayDays` is set (`timedecay_formula=True`; age from the latest
 * training event); item similarity comes from co-occurrence (Jaccard, lift, raw counts or cosine);
 * a user's scores are affinity × similarity. Unlike `SARSingleNode`, the similarity matrix can be cut to
 * each item's `neighbours` best (bounded memory for large catalogues) and has no diagonal (it only ever
 * scored items the user already has).
 */
export interface SarParams {
  readonly similarity: SimilarityKind;
  /** Half-life of the affinity decay in days; undefined = no decay (`timedecay_formula=False`). */
  readonly timeDecayDays?: number;
  /** Keep each item's best `neighbours` similar items only; default all (exact SAR). */
  readonly neighbours?: number;
  /** Minimum co-occurrence count (SAR's `threshold`, default 1). */
  readonly threshold?: number;
  /** Affinity = 1 per item the user has, whatever the weights (item-kNN style). Default false. */
  readonly binaryAffinity?: boolean;
}

/** The Recommenders benchmark configuration: Jaccard, 30-day half-life, all neighbours. */
export const RECOMMENDERS_SAR_PARAMS: SarParams = { similarity: 'jaccard', timeDecayDays: 30 };

/** A trained SAR model: the item neighbour lists and the training users' affinities. */
export class SarModel {
  private readonly scratch: Float64Array;

  constructor(
    readonly params: SarParams,
    /** Item → most similar items (what serving keeps). */
    readonly neighbours: ItemNeighbours,
    /** Training users × items affinities (decayed weights). */
    readonly affinity: InteractionMatrix,
    /** Reference time of the decay (UTC epoch ms). */
    readonly nowMs: number,
  ) {
    this.scratch = new Float64Array(neighbours.items);
  }

  /** Items the model knows. */
  get items(): number {
    return this.neighbours.items;
  }

  /** A training user's affinity vector (a view). */
  userAffinity(user: number): SparseVector {
    const from = this.affinity.rowPtr[user] as number;
    const to = this.affinity.rowPtr[user + 1] as number;
    return { indices: this.affinity.colIdx.subarray(from, to), values: this.affinity.values.subarray(from, to) };
  }

  /** Scores of every item for a sparse affinity vector (item → affinity), into `out` when given. */
  scoreAll(affinity: SparseVector, out: Float32Array = new Float32Array(this.items)): Float32Array {
    out.fill(0);
    accumulateNeighbourScores(this.neighbours, affinity, out);
    return out;
  }

  /**
   * Scores of the `candidates` only (same order), in O(Σ neighbours of the history) whatever the
   * catalogue size. Not re-entrant (one scratch array per model; JavaScript runs it to completion).
   */
  scoreCandidates(affinity: SparseVector, candidates: Int32Array): Float32Array {
    accumulateNeighbourScores(this.neighbours, affinity, this.scratch);
    const out = new Float32Array(candidates.length);
    for (let c = 0; c < candidates.length; c++) {
      const i = candidates[c] as number;
      out[c] = i >= 0 && i < this.items ? (this.scratch[i] as number) : Number.NaN;
    }
    for (let h = 0; h < affinity.indices.length; h++) {
      const i = affinity.indices[h] as number;
      if (i < 0 || i >= this.items) continue;
      const list = neighboursOf(this.neighbours, i).indices;
      for (let k = 0; k < list.length; k++) this.scratch[list[k] as number] = 0;
    }
    return out;
  }

  /** Item `item`'s `k` most similar items and their similarities (best first). */
  similarItems(item: number, k: number): SparseVector {
    const all = neighboursOf(this.neighbours, item);
    return { indices: all.indices.subarray(0, k), values: all.values.subarray(0, k) };
  }

  /** Bytes per item of what serving keeps: the neighbour lists (row pointer, ids, similarities). */
  bytesPerItem(): number {
    return neighbourBytes(this.neighbours) / Math.max(1, this.items);
  }
}

/**
 * Trains SAR on a log of weighted, timestamped interactions. The decay reference is `nowMs` (default:
 * the latest event of the log, as SAR's `time_now=None`). Throws RangeError for a bad option.
 */
export function trainSar(log: InteractionLog, params: SarParams, nowMs: number = latestTimestamp(log)): SarModel {
  if (params.timeDecayDays !== undefined && !(params.timeDecayDays > 0)) throw new RangeError(`timeDecayDays must be > 0, got ${params.timeDecayDays}`);
  const decay: TimeDecay | undefined = params.timeDecayDays === undefined ? undefined : { halfLifeDays: params.timeDecayDays, nowMs };
  const affinity = buildInteractionMatrix(log, { ...(decay === undefined ? {} : { decay }), binary: params.binaryAffinity === true });
  const neighbours = computeItemNeighbours(affinity, {
    similarity: params.similarity,
    ...(params.neighbours === undefined ? {} : { neighbours: params.neighbours }),
    ...(params.threshold === undefined ? {} : { threshold: params.threshold }),
  });
  return new SarModel(params, neighbours, affinity, nowMs);
}

/** One interaction of a user, for `sarAffinity`: an item index of the model, a signal weight, a time. */
export interface WeightedEvent {
  readonly item: number;
  readonly weight: number;
  readonly tsMs: number;
}

/**
 * A user's SAR affinity from their events: per item, Σ weight × min(1, 0.5^((now − t) / halfLife)) when
 * `decay` is given (the same formula as training), else Σ weight. Feed it to `SarModel.scoreAll` or
 * `scoreCandidates` (or `ImplicitAlsModel.foldIn`) to score with events newer than the model.
 * @example sarAffinity([{ item: 3, weight: 5, tsMs: now }], { halfLifeDays: 30, nowMs: now })
 */
export function sarAffinity(events: Iterable<WeightedEvent>, decay?: TimeDecay): SparseVector {
  const pairs: [number, number][] = [];
  for (const e of events) pairs.push([e.item, e.weight * (decay === undefined ? 1 : decayFactor(e.tsMs, decay))]);
  return sparseVectorOf(pairs);
}
