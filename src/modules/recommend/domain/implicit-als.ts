import { randomNormal, type Rng } from '../../../shared/random.js';
import { CgRowSolver, longestRow } from './als-cg-solver.js';
import { addGramRows, finishGram } from './dense-linear.js';
import { ImplicitAlsModel, confidenceOf, type AlsParams } from './implicit-als-model.js';
import { transposeMatrix, type InteractionMatrix } from './interaction-matrix.js';

/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
 * ICDM 2008): minimise Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) over all user–item pairs,
 * p_ui = 1 where the user interacted, c_ui = confidence of the interaction weight (1 elsewhere). Each
 * half-step improves every row's ridge system A x = b with A = YᵀY + λI + Σ_i (c_i − 1) y_i y_iᵀ and
 * b = Σ_i c_i y_i by a few preconditioned conjugate-gradient steps warm-started at the previous solution
 * (`CgRowSolver`), so a pass costs O(nnz·f·steps + rows·f²) instead of O(nnz·f² + rows·f³) for exact solves.
 */

/**
 * Defaults for commerce events weighted by signal strength. λ = 1, α = 10 was best on the REES46
 * validation split and third on Taobao's, whose grid points differ by a few hits (`tuneAls` over
 * DEFAULT_ALS_GRID). 48 factors and 10 passes of 2 CG steps scored like 64 factors and 15 × 3 on all
 * three validation splits (within the ±0.005 NDCG@10 of reseeding) at under half the cost: 1M
 * interactions × 100k items train in about 25 s on 2 vCPUs (BENCHMARKS.md). Rating data (MovieLens) wants
 * a stronger ridge: see EVAL_PRESETS.
 */
export const DEFAULT_ALS_PARAMS: AlsParams = { factors: 48, iterations: 10, regularization: 1, alpha: 10, confidence: 'linear', cgSteps: 2 };

/** Progress after each alternating pass. */
export type AlsProgress = (iteration: number, iterations: number) => void;

/** The confidence of every stored cell of `m`. */
function confidences(m: InteractionMatrix, params: AlsParams): Float32Array {
  const conf = new Float32Array(m.values.length);
  for (let k = 0; k < conf.length; k++) conf[k] = confidenceOf(m.values[k] as number, params);
  return conf;
}

/** Checks the hyper-parameters; throws RangeError naming the bad one. */
export function checkAlsParams(p: AlsParams): void {
  const ok = (name: string, good: boolean): void => {
    if (!good) throw new RangeError(`ALS ${name} is out of range: ${JSON.stringify(p)}`);
  };
  ok('factors', Number.isInteger(p.factors) && p.factors >= 1 && p.factors <= 1024);
  ok('iterations', Number.isInteger(p.iterations) && p.iterations >= 1);
  ok('regularization', p.regularization > 0);
  ok('alpha', p.alpha >= 0);
  ok('cgSteps', Number.isInteger(p.cgSteps) && p.cgSteps >= 1);
  ok('confidence', p.confidence === 'linear' || p.confidence === 'log');
}

/** An n × f table of N(0, 0.01²) draws (small, so the first passes are driven by the data). */
function* initialFactors(n: number, f: number, rng: Rng): Generator<void, Float32Array> {
  const t = new Float32Array(n * f);
  for (let k = 0; k < t.length; k++) {
    t[k] = 0.01 * randomNormal(rng);
    if (k % SLICE_WORK === SLICE_WORK - 1) yield;
  }
  return t;
}

/**
 * Trains implicit ALS on a users × items matrix whose values are interaction weights (summed signal
 * weights or ratings). Deterministic for a given `rng` seed. Throws RangeError for bad parameters.
 * @example const model = trainImplicitAls(buildInteractionMatrix(log), DEFAULT_ALS_PARAMS, seededRng(1));
 */
export function trainImplicitAls(userItems: InteractionMatrix, params: AlsParams, rng: Rng, onProgress?: AlsProgress): ImplicitAlsModel {
  const steps = alsSlices(userItems, params, rng, onProgress);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Rows per slice of the Gram and whitening steps: a few milliseconds of work at 48 factors. */
export const ALS_SLICE_ROWS = 1024;
/** Work units (interactions + factors per row solved, draws) per slice of the row solves and initialisation. */
const SLICE_WORK = 200_000;

/**
 * The same training in slices of a few milliseconds (Gram accumulation and whitening per
 * `ALS_SLICE_ROWS` rows, row solves and initial draws by work): the generator yields between slices and returns the model, so a caller can give the
 * event loop a turn between them (`RecommendService` does) with exactly the result of `trainImplicitAls`.
 */
export function* alsSlices(userItems: InteractionMatrix, params: AlsParams, rng: Rng, onProgress?: AlsProgress): Generator<void, ImplicitAlsModel> {
  checkAlsParams(params);
  const f = params.factors;
  const itemUsers = transposeMatrix(userItems);
  const userConf = confidences(userItems, params);
  const itemConf = confidences(itemUsers, params);
  yield;
  const users = yield* initialFactors(userItems.rows, f, rng);
  const items = yield* initialFactors(userItems.cols, f, rng);
  const solver = new CgRowSolver(f, Math.max(longestRow(userItems), longestRow(itemUsers)), Math.max(userItems.rows, userItems.cols));
  // Items first, users last: the returned user factors and the Gram matrix kept for fold-in are both
  // solved against the final item factors.
  let itemGram: Float64Array = new Float64Array(f * f);
  for (let it = 0; it < params.iterations; it++) {
    yield* halfStep(solver, users, userItems.rows, items, itemUsers, itemConf, params);
    itemGram = yield* halfStep(solver, items, userItems.cols, users, userItems, userConf, params);
    onProgress?.(it + 1, params.iterations);
  }
  return new ImplicitAlsModel(params, items, users, itemGram);
}

/** Fixes `fixed` (its Gram, factorised and whitened) and improves every row of `target`, in slices; returns the Gram (with the ridge). */
function* halfStep(solver: CgRowSolver, fixed: Float32Array, fixedRows: number, target: Float32Array, m: InteractionMatrix, conf: Float32Array, params: AlsParams): Generator<void, Float64Array> {
  const f = params.factors;
  const gram = new Float64Array(f * f);
  for (let from = 0; from < fixedRows; from += ALS_SLICE_ROWS) {
    addGramRows(gram, fixed, from, Math.min(fixedRows, from + ALS_SLICE_ROWS), f);
    yield;
  }
  finishGram(gram, f, params.regularization);
  solver.factorise(gram);
  for (let from = 0; from < fixedRows; from += ALS_SLICE_ROWS) {
    solver.whiten(fixed, from, Math.min(fixedRows, from + ALS_SLICE_ROWS));
    yield;
  }
  // Row solves cost about (interactions + f) × CG steps: slice by that, so popular rows do not make long slices.
  let work = 0;
  for (let row = 0; row < m.rows; row++) {
    solver.solve(target, row, m, conf, params.cgSteps);
    work += ((m.rowPtr[row + 1] as number) - (m.rowPtr[row] as number) + f) * params.cgSteps;
    if (work >= SLICE_WORK) { work = 0; yield; }
  }
  return gram;
}
