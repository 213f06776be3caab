import type { Rng } from '../../../shared/random.js';
import { InteractionLogBuilder, type IdIndex } from './interaction-log.js';
import { buildInteractionMatrix, sparseVectorOf, type SparseVector } from './interaction-matrix.js';
import { accumulateNeighbourScores, itemNeighbourSlices, type ItemNeighbours } from './item-similarity.js';
import { alsSlices, DEFAULT_ALS_PARAMS } from './implicit-als.js';
import type { AlsParams, ImplicitAlsModel } from './implicit-als-model.js';
import { topK } from './top-k.js';

/** Neighbours kept per item for serving (8 bytes each): bounds memory on big catalogues. */
export const SERVING_NEIGHBOURS = 50;
/** The learned model retrieves by scoring every item up to this catalogue size; above it, it re-ranks candidates only. */
export const LEARNED_RETRIEVAL_LIMIT = 2_000;
/** A person's strongest items that enter scoring (fold-in costs |history| · f²). */
export const HISTORY_ITEMS = 50;
/** The fewest persons and interactions worth training the learned model on. */
const MIN_TRAINING = { persons: 20, interactions: 200 } as const;

/** A shop's trained candidate models over one item dictionary. */
export interface ShopModel {
  readonly items: IdIndex;
  /** SAR: item-to-item Jaccard similarity from co-occurrence, top `SERVING_NEIGHBOURS` per item. */
  readonly neighbours: ItemNeighbours;
  /** Implicit ALS, or null when the shop has too little data to learn from. */
  readonly learned: ImplicitAlsModel | null;
  readonly persons: number;
  readonly interactions: number;
}

/** One training interaction: a person (after identity resolution), an item, a signal weight, a time. */
export interface TrainingRow {
  readonly person: string;
  readonly itemId: string;
  readonly weight: number;
  readonly ts: number;
}

/** Trains a shop's models from its interactions. Deterministic for the rng's seed. */
export function trainShopModel(rows: Iterable<TrainingRow>, rng: Rng, params: AlsParams = DEFAULT_ALS_PARAMS): ShopModel {
  const steps = shopModelSlices(rows, rng, params);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same training in slices of a few milliseconds (co-occurrence per 512 items, ALS per 1,024 rows):
 * yields between slices and returns the models, so a server keeps answering while a shop retrains.
 */
export function* shopModelSlices(rows: Iterable<TrainingRow>, rng: Rng, params: AlsParams = DEFAULT_ALS_PARAMS): Generator<void, ShopModel> {
  const builder = new InteractionLogBuilder();
  let n = 0;
  for (const r of rows) {
    if (r.weight > 0) builder.push(r.person, r.itemId, r.weight, r.ts);
    if (++n % 10_000 === 0) yield;
  }
  const log = builder.build();
  yield;
  const matrix = buildInteractionMatrix(log);
  yield;
  const neighbours = yield* itemNeighbourSlices(matrix, { similarity: 'jaccard', neighbours: SERVING_NEIGHBOURS });
  const enough = log.users.size >= MIN_TRAINING.persons && log.length >= MIN_TRAINING.interactions;
  const learned = enough ? yield* alsSlices(matrix, params, rng) : null;
  return { items: log.items, neighbours, learned, persons: log.users.size, interactions: log.length };
}

/** A person's affinity as a sparse vector over the model's items: their `HISTORY_ITEMS` strongest the model knows. */
export function historyVector(model: ShopModel, affinity: ReadonlyMap<string, number>): SparseVector {
  let pairs: [number, number][] = [];
  for (const [itemId, w] of affinity) {
    const i = model.items.indexOf(itemId);
    if (i >= 0) pairs.push([i, w]);
  }
  if (pairs.length > HISTORY_ITEMS) pairs = pairs.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, HISTORY_ITEMS);
  return sparseVectorOf(pairs);
}

/** Per-candidate model scores (model item index → score) from the two models, for one person. */
export interface ModelScores {
  /** SAR score of each item reached through the history's neighbours. */
  readonly sar: ReadonlyMap<number, number>;
  /** Learned-model score of each retrieved item (small catalogues) — more are scored on demand by `learnedScores`. */
  readonly learned: ReadonlyMap<number, number>;
  /** The folded-in user vector, or null without a learned model or history. */
  readonly user: Float32Array | null;
}

/**
 * Retrieves candidates for one history: the top `k.sar` by SAR, and on catalogues up to
 * `LEARNED_RETRIEVAL_LIMIT` items also the top `k.learned` by the learned model (the person folded in).
 * `scratch` is a zeroed buffer of `model.items.size` floats, returned zeroed.
 */
export function retrieve(model: ShopModel, history: SparseVector, k: { readonly sar: number; readonly learned: number }, scratch: Float32Array): ModelScores {
  const sar = new Map<number, number>();
  const learned = new Map<number, number>();
  if (history.indices.length === 0) return { sar, learned, user: null };
  const touched = accumulateNeighbourScores(model.neighbours, history, scratch);
  for (const i of topK(scratch, k.sar, { candidates: touched })) if ((scratch[i] as number) > 0) sar.set(i, scratch[i] as number);
  for (const i of touched) scratch[i] = 0;
  const user = model.learned ? model.learned.foldIn(history) : null;
  if (user && model.learned && model.items.size <= LEARNED_RETRIEVAL_LIMIT) {
    model.learned.scoreAll(user, scratch);
    // Items already in the history are left to SAR and the exploit ranking: the learned model retrieves new ones.
    for (const i of history.indices) scratch[i] = Number.NaN;
    for (const i of topK(scratch, k.learned)) learned.set(i, scratch[i] as number);
    scratch.fill(0);
  }
  return { sar, learned, user };
}

/** Learned-model scores of model items (NaN for none), for re-ranking candidates not retrieved by it. */
export function learnedScores(model: ShopModel, user: Float32Array | null, items: Int32Array): Float32Array {
  if (!user || !model.learned) return new Float32Array(items.length).fill(Number.NaN);
  return model.learned.scoreCandidates(user, items);
}
