import {
  DEFAULT_ALS_PARAMS, IdIndex, InteractionLogBuilder, buildInteractionMatrix, columnCounts, neighbourBytes, rowOf, topK, trainImplicitAls, trainSar,
  type InteractionLog, type SparseVector,
} from '../src/modules/recommend/index.js';
import { seededRng } from '../src/shared/random.js';
import { describeMachine, quantile, sampleRss } from './machine.js';

const DAY = 86_400_000;
/** Neighbours per item kept for serving (as the serving side keeps them). */
const NEIGHBOURS = 50;
/** Signal weights and their shares: watch 1 (70 %), click 2 (15 %), cart 3 (10 %), purchase 5 (5 %). */
const SIGNALS: readonly (readonly [number, number])[] = [[0.7, 1], [0.85, 2], [0.95, 3], [1, 5]];

/** Options of `benchRecommendTrain`. */
export interface RecommendTrainOptions {
  readonly interactions: number;
  readonly items: number;
  readonly users: number;
  /** ALS factors (default DEFAULT_ALS_PARAMS.factors). */
  readonly factors?: number;
  readonly onProgress?: (line: string) => void;
}

/**
 * Synthetic commerce interactions (seeded): user activity and item popularity both long-tailed (user
 * index ∝ u², item index ∝ u³ of a uniform u), signal weights as `SIGNALS`, times over 30 days.
 */
function syntheticLog(opts: RecommendTrainOptions): InteractionLog {
  const rng = seededRng(5);
  const b = new InteractionLogBuilder();
  for (let u = 0; u < opts.users; u++) b.users.add(`person-${u}`);
  for (let i = 0; i < opts.items; i++) b.items.add(`item-${i}`);
  const start = Date.UTC(2026, 9, 1);
  for (let r = 0; r < opts.interactions; r++) {
    const user = Math.floor(opts.users * rng.next() ** 2);
    const item = Math.floor(opts.items * rng.next() ** 3);
    const s = rng.next();
    const weight = (SIGNALS.find(([share]) => s < share) ?? [1, 1])[1];
    b.pushIndices(user, item, weight, start + Math.floor(rng.next() * 30 * DAY));
  }
  return b.build();
}

function seconds(from: number): number {
  return Number(((performance.now() - from) / 1000).toFixed(3));
}

/** p50 / p99 in ms of `run` over `n` calls. */
function latencies(n: number, run: (k: number) => void): { p50Ms: number; p99Ms: number } {
  const ms: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    run(k);
    ms.push(performance.now() - t);
  }
  return { p50Ms: Number(quantile(ms, 0.5).toFixed(3)), p99Ms: Number(quantile(ms, 0.99).toFixed(3)) };
}

/** Approximate heap bytes per id of an IdIndex holding `n` ids like the catalogue's. */
function idIndexBytesPerItem(n: number): number {
  const ids = Array.from({ length: n }, (_, i) => `item-${i}`);
  const before = process.memoryUsage().heapUsed;
  const index = new IdIndex();
  for (const id of ids) index.add(id);
  const after = process.memoryUsage().heapUsed;
  // The strings themselves (about 20 bytes each) exist before indexing: add them.
  return Math.round((after - before) / Math.max(1, index.size) + 20);
}

/**
 * Model rebuild on synthetic data: SAR (Jaccard, 30-day decay, top-50 neighbours) and implicit ALS
 * (DEFAULT_ALS_PARAMS, optionally other factors) from the interaction log, then fold-in and scoring latencies and the memory the
 * serving side keeps per item. Baseline in the same run: building the users × items matrix from the
 * log — the one pass over the data every rebuild needs.
 */
export async function benchRecommendTrain(opts: RecommendTrainOptions): Promise<Record<string, unknown>> {
  const say = opts.onProgress ?? (() => undefined);
  say(`generating ${opts.interactions.toLocaleString('en-US')} interactions`);
  const log = syntheticLog(opts);
  const rss = sampleRss();
  let t = performance.now();
  const matrix = buildInteractionMatrix(log);
  const matrixSeconds = seconds(t);
  t = performance.now();
  columnCounts(matrix);
  const popularitySeconds = seconds(t);
  say('SAR: co-occurrence and top-50 neighbours');
  t = performance.now();
  const sar = trainSar(log, { similarity: 'jaccard', timeDecayDays: 30, neighbours: NEIGHBOURS });
  const sarSeconds = seconds(t);
  const params = { ...DEFAULT_ALS_PARAMS, factors: opts.factors ?? DEFAULT_ALS_PARAMS.factors };
  say(`ALS: ${params.factors} factors, ${params.iterations} passes`);
  const passes: number[] = [];
  let pass = performance.now();
  t = performance.now();
  const als = trainImplicitAls(matrix, params, seededRng(1), (it, n) => {
    passes.push(seconds(pass));
    pass = performance.now();
    say(`ALS pass ${it}/${n}`);
  });
  const alsSeconds = seconds(t);
  const peakRssMb = rss.stop();
  say('fold-in and scoring latencies');
  const rng = seededRng(9);
  const users = Array.from({ length: 1000 }, () => Math.floor(rng.next() * matrix.rows)).filter((u) => (matrix.rowPtr[u + 1] as number) > (matrix.rowPtr[u] as number));
  const histories = users.map((u) => rowOf(matrix, u));
  const folded = histories.map((h) => als.foldIn(h));
  const scores = new Float32Array(matrix.cols);
  const candidates = Int32Array.from({ length: 500 }, () => Math.floor(rng.next() * matrix.cols));
  const sarBytes = neighbourBytes(sar.neighbours) / matrix.cols;
  const idBytes = idIndexBytesPerItem(opts.items);
  return {
    benchmark: 'recommend-train', interactions: log.length, storedCells: matrix.colIdx.length, users: opts.users, items: opts.items,
    als: { params, seconds: alsSeconds, passSeconds: passes },
    sar: { similarity: 'jaccard', timeDecayDays: 30, neighbours: NEIGHBOURS, seconds: sarSeconds },
    baselineMatrixSeconds: matrixSeconds, popularitySeconds,
    ratioAlsToMatrix: Number((alsSeconds / matrixSeconds).toFixed(1)), ratioSarToMatrix: Number((sarSeconds / matrixSeconds).toFixed(1)),
    historyLengthP50: quantile(histories.map((h) => h.indices.length), 0.5),
    foldIn: latencies(histories.length, (k) => als.foldIn(histories[k] as SparseVector)),
    alsTop10AllItems: latencies(folded.length, (k) => topK(als.scoreAll(folded[k] as Float32Array, scores), 10)),
    alsScore500Candidates: latencies(folded.length, (k) => als.scoreCandidates(folded[k] as Float32Array, candidates)),
    sarTop10AllItems: latencies(histories.length, (k) => topK(sar.scoreAll(histories[k] as SparseVector, scores), 10)),
    sarScore500Candidates: latencies(histories.length, (k) => sar.scoreCandidates(histories[k] as SparseVector, candidates)),
    bytesPerItem: {
      sarNeighbours: Math.round(sarBytes), alsFactors: als.bytesPerItem(), idIndexApprox: idBytes,
      total: Math.round(sarBytes + als.bytesPerItem() + idBytes), alsGramOnce: als.gramBytes(),
    },
    peakRssMb, machine: describeMachine(),
  };
}
