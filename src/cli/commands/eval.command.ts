import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  RANKING_METRIC_NAMES, runRecommendEval, type EvalRunProgress, type RankingMetrics, type RecommendEvalResult,
} from '../../modules/recommend/index.js';
import { configFromFlags, emit, type GlobalOptions } from '../cli-context.js';
import { renderFeedEval, runDemoFeedEval } from '../feed-eval.js';
import { listFlag } from '../flag-parsers.js';
import { msg } from '../messages.js';
import { ProgressBar } from '../progress.js';
import { count, renderTable } from '../report-table.js';

interface EvalRecommendOptions extends GlobalOptions { dataset: string; dataDir?: string; tune?: boolean; models?: string; stratifyBy?: string }

type Lang = 'zh' | 'en';

const METRIC_HEADERS: Readonly<Record<keyof RankingMetrics, (k: number) => string>> = {
  precision: (k) => `P@${k}`, recall: (k) => `R@${k}`, ndcg: (k) => `NDCG@${k}`, map: () => 'MAP', mapAtK: (k) => `MAP@${k}`, hitRate: (k) => `HR@${k}`, mrr: () => 'MRR',
};

const metricCells = (m: Partial<RankingMetrics>): string[] => RANKING_METRIC_NAMES.map((name) => (m[name] === undefined ? '—' : (m[name] as number).toFixed(4)));

/** The protocol line: stratified (ratio, by, seed) or leave-last-out. */
function describeProtocol(r: RecommendEvalResult, lang: Lang): string {
  const p = r.report.protocol;
  if (p.kind === 'leave-last-out') return msg(lang, 'eval_leave_last_out', { k: p.k });
  const train = Math.round(p.ratio * 100);
  return msg(lang, 'eval_stratified', { train, test: 100 - train, by: msg(lang, p.by === 'item' ? 'eval_by_item' : 'eval_by_user'), seed: r.report.seed, k: p.k });
}

/** Renders the evaluation: protocol, data, one row per model, then the published numbers (MovieLens). */
export function renderRecommendEval(r: RecommendEvalResult, lang: Lang): string {
  const k = r.report.protocol.k;
  const { split } = r.report;
  const header = [msg(lang, 'eval_model'), ...RANKING_METRIC_NAMES.map((name) => METRIC_HEADERS[name](k)), msg(lang, 'eval_train_seconds')];
  const rows = r.report.models.map((m) => [m.name, ...metricCells(m.metrics), m.trainMs === undefined ? '—' : (m.trainMs / 1000).toFixed(1)]);
  const lines = [
    msg(lang, 'eval_title', { dataset: r.dataset, protocol: describeProtocol(r, lang) }),
    msg(lang, 'eval_data', {
      rows: count(r.data.rows), users: count(r.data.users), items: count(r.data.items),
      core: r.data.kCore === null ? '' : msg(lang, 'eval_core', { n: r.data.kCore.minItemUsers }),
      train: count(split.trainRows), test: count(split.testRows), evaluated: count(r.report.models[0]?.users ?? 0),
    }),
  ];
  if (r.tuning !== null) lines.push(msg(lang, 'eval_tuning', { k, reg: r.tuning.best.regularization, alpha: r.tuning.best.alpha }));
  lines.push('', renderTable(null, header, rows));
  if (r.published.length > 0) {
    const published = r.published.map((p) => [`${p.name} (${p.source.startsWith('Recommenders README') ? 'README' : 'quick-start'})`, ...metricCells(p.metrics), '—']);
    lines.push('', renderTable(msg(lang, 'eval_published'), header, published));
  }
  return lines.join('\n');
}

/** One progress bar per phase and model on stderr (none with --json). */
function progressReporter(lang: Lang, enabled: boolean): { report: (p: EvalRunProgress) => void; done: () => void } {
  let key = '';
  let bar: ProgressBar | undefined;
  const label = (p: EvalRunProgress): string => {
    if (p.phase === 'read') return msg(lang, 'eval_reading');
    const stage = p.phase === 'tune' ? msg(lang, 'eval_tuning_phase') : msg(lang, p.stage === 'score' ? 'eval_scoring' : 'eval_training');
    return `${stage} ${p.model ?? ''}`.trim();
  };
  return {
    report: (p) => {
      const next = `${p.phase}|${p.model ?? ''}|${p.stage ?? ''}`;
      if (next !== key) {
        bar?.done();
        key = next;
        bar = new ProgressBar(label(p), 100, '%', enabled);
      }
      bar?.update(Math.round(p.share * 100));
    },
    done: () => bar?.done(),
  };
}

/**
 * `reelpath eval recommend --dataset movielens-100k|taobao|rees46`: trains the candidate models on a
 * public dataset and prints their offline ranking metrics (JSON with --json), for MovieLens beside
 * Microsoft Recommenders' published numbers.
 */
export function registerEvalCommand(program: Command): void {
  const evalCommand = program.command('eval').description('Offline evaluations on public datasets / 公开数据集上的离线评估');
  evalCommand.command('recommend')
    .description('Recommendation models: popularity, item-kNN, SAR, implicit ALS / 推荐模型离线评估')
    .requiredOption('--dataset <name>', 'movielens-100k, taobao, rees46, or demo (a simulated feed over the demo world: uplift vs popularity, off-policy estimates vs the truth)')
    .option('--data-dir <dir>', 'folder of the shared datasets (default: config datasetsDir / REELPATH_DATA_DIR)')
    .option('--tune', 'choose the ALS hyper-parameters on a validation split carved from train (slower)')
    .option('--models <list>', 'comma-separated subset of popularity,item-knn,sar,als')
    .option('--stratify-by <user|item>', 'MovieLens: stratify the 75/25 split per user (default) or per item (the Recommenders README table)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<EvalRecommendOptions>();
      const config = configFromFlags(opts);
      if (opts.dataset === 'demo') {
        const feed = await runDemoFeedEval(resolve(opts.dataDir ?? config.datasetsDir), Date.now());
        emit(opts, feed, () => renderFeedEval(feed, config.lang));
        return;
      }
      const progress = progressReporter(config.lang, opts.json !== true);
      const result = await runRecommendEval({
        dataset: opts.dataset,
        dataDir: resolve(opts.dataDir ?? config.datasetsDir),
        tune: opts.tune === true,
        ...(opts.models === undefined ? {} : { models: listFlag(opts.models) ?? [] }),
        ...(opts.stratifyBy === undefined ? {} : { stratifyBy: opts.stratifyBy }),
        onProgress: progress.report,
      }).finally(progress.done);
      emit(opts, result, () => renderRecommendEval(result, config.lang));
    });
}
