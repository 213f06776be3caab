import { AppError } from '../../../shared/errors/index.js';
import { evaluateModels, type EvaluationProgress, type EvaluationReport } from '../domain/evaluation.js';
import { kCoreFilter, type KCore } from '../domain/k-core.js';
import { alsSpec, itemKnnSpec, popularitySpec, sarSpec, type ModelSpec } from '../domain/model-specs.js';
import { tuneAls, type TuningResult } from '../domain/tuning.js';
import { isEvalDataset, readEvalDataset, type EvalDataset } from './dataset-readers.js';
import { EVAL_PRESETS, PUBLISHED_MOVIELENS, type EvalPreset, type PublishedResult } from './eval-presets.js';

/** The models `runRecommendEval` can train, in report order. */
export const EVAL_MODELS = ['popularity', 'item-knn', 'sar', 'als'] as const;
/** One of `EVAL_MODELS`. */
export type EvalModel = (typeof EVAL_MODELS)[number];

/** Progress of a run: reading, tuning (ALS on the validation split), then evaluating each model. */
export interface EvalRunProgress {
  readonly phase: 'read' | 'tune' | 'evaluate';
  readonly model?: string;
  readonly stage?: EvaluationProgress['stage'];
  /** Share of the phase (or of the model's stage) done, 0..1. */
  readonly share: number;
}

/** What `runRecommendEval` needs. */
export interface RecommendEvalRequest {
  readonly dataset: string;
  /** The shared datasets folder (config `datasetsDir`, `--data-dir`). */
  readonly dataDir: string;
  /** Choose ALS parameters on a validation split carved from train (DEFAULT_ALS_GRID) instead of the preset. */
  readonly tune?: boolean;
  /** Models to run (default all of `EVAL_MODELS`). */
  readonly models?: readonly string[];
  /** Stratify the split per `user` (preset) or per `item` (the Recommenders README benchmark); stratified datasets only. */
  readonly stratifyBy?: string;
  readonly onProgress?: (progress: EvalRunProgress) => void;
}

/** The result: the data evaluated, the metrics per model and, for MovieLens, the published numbers. */
export interface RecommendEvalResult {
  readonly dataset: EvalDataset;
  readonly data: { readonly rows: number; readonly users: number; readonly items: number; readonly kCore: KCore | null };
  readonly report: EvaluationReport;
  readonly tuning: TuningResult | null;
  readonly published: readonly PublishedResult[];
}

function checkModels(models: readonly string[]): EvalModel[] {
  const bad = models.filter((m) => !(EVAL_MODELS as readonly string[]).includes(m));
  if (bad.length > 0 || models.length === 0) {
    throw new AppError('recommend_invalid_option', `unknown model(s) ${bad.join(', ') || '(none given)'}; use ${EVAL_MODELS.join(', ')}`, { details: { models } });
  }
  return models as EvalModel[];
}

function withStratification(preset: EvalPreset, by: string | undefined): EvalPreset {
  if (by === undefined) return preset;
  if (preset.protocol.kind !== 'stratified' || (by !== 'user' && by !== 'item')) {
    throw new AppError('recommend_invalid_option', `stratify by ${JSON.stringify(by)}: use user or item, on a dataset with a stratified split (movielens-100k)`, { details: { by } });
  }
  return { ...preset, protocol: { ...preset.protocol, by } };
}

function specFor(model: EvalModel, preset: EvalPreset, als: EvalPreset['als']): ModelSpec {
  switch (model) {
    case 'popularity': return popularitySpec();
    case 'item-knn': return itemKnnSpec(preset.knnNeighbours);
    case 'sar': return sarSpec(preset.sar);
    case 'als': return alsSpec(als);
  }
}

/**
 * Reads a dataset, applies its preset (`EVAL_PRESETS`) and evaluates the models offline. Throws
 * `recommend_invalid_option` for an unknown dataset or model, `recommend_dataset_not_found` when the
 * dataset is not under `dataDir`.
 * @example await runRecommendEval({ dataset: 'movielens-100k', dataDir: '../shared/data' })
 */
export async function runRecommendEval(request: RecommendEvalRequest): Promise<RecommendEvalResult> {
  const { dataset, onProgress } = request;
  if (!isEvalDataset(dataset)) {
    throw new AppError('recommend_invalid_option', `unknown dataset ${JSON.stringify(dataset)}; use movielens-100k, taobao or rees46`, { details: { dataset } });
  }
  const models = checkModels(request.models ?? EVAL_MODELS);
  const preset = withStratification(EVAL_PRESETS[dataset], request.stratifyBy);
  onProgress?.({ phase: 'read', share: 0 });
  const raw = await readEvalDataset(request.dataDir, dataset);
  const log = preset.kCore === undefined ? raw : kCoreFilter(raw, preset.kCore);
  onProgress?.({ phase: 'read', share: 1 });
  const now = (): number => performance.now();
  let tuning: TuningResult | null = null;
  if (request.tune === true && models.includes('als')) {
    tuning = tuneAls(log, preset.protocol, undefined, { now, onProgress: (p) => onProgress?.({ phase: 'tune', model: p.model, stage: p.stage, share: p.share }) });
  }
  const specs = models.map((m) => specFor(m, preset, tuning?.best ?? preset.als));
  const report = evaluateModels(log, preset.protocol, specs, { now, onProgress: (p) => onProgress?.({ phase: 'evaluate', model: p.model, stage: p.stage, share: p.share }) });
  return {
    dataset,
    data: { rows: log.length, users: countUsed(log.user, log.users.size), items: countUsed(log.item, log.items.size), kCore: preset.kCore ?? null },
    report, tuning,
    published: dataset === 'movielens-100k' ? PUBLISHED_MOVIELENS : [],
  };
}

function countUsed(column: Int32Array, size: number): number {
  const seen = new Uint8Array(size);
  for (let r = 0; r < column.length; r++) seen[column[r] as number] = 1;
  return seen.reduce((a, b) => a + b, 0);
}
