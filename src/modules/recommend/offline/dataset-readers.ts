import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors/index.js';
import { readImportFile } from '../../importer/index.js';
import { InteractionLogBuilder, type InteractionLog } from '../domain/interaction-log.js';

/** The datasets `reelpath eval recommend` knows. */
export const EVAL_DATASETS = ['movielens-100k', 'taobao', 'rees46'] as const;
/** One of `EVAL_DATASETS`. */
export type EvalDataset = (typeof EVAL_DATASETS)[number];

/** True when `name` is one of `EVAL_DATASETS`. */
export function isEvalDataset(name: string): name is EvalDataset {
  return (EVAL_DATASETS as readonly string[]).includes(name);
}

/**
 * Interaction weight per canonical event name for the commerce datasets (as the importer maps them):
 * Taobao pv / REES46 view → detail_view 1, fav → favorite 2, cart → add_to_cart 3, Taobao buy → order 5,
 * REES46 purchase → pay 5. A parameter of the readers; events named elsewhere are skipped.
 */
export const DATASET_SIGNAL_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({ detail_view: 1, favorite: 2, add_to_cart: 3, order: 5, pay: 5 });

/** Where each dataset's file lives under the datasets folder (SOURCE.md of each folder). */
const FILES: Readonly<Record<EvalDataset, readonly string[]>> = {
  'movielens-100k': ['movielens-100k', 'ml-100k', 'u.data'],
  taobao: ['taobao-userbehavior-sample', 'UserBehavior_head_sample.csv'],
  rees46: ['rees46-ecommerce-sample', '2019-Oct_head_sample.csv'],
};

/** The path of `dataset`'s file under `dataDir`; throws `recommend_dataset_not_found` when absent. */
export async function datasetFile(dataDir: string, dataset: EvalDataset): Promise<string> {
  const path = join(dataDir, ...FILES[dataset]);
  try {
    await access(path);
    return path;
  } catch (err) {
    throw new AppError('recommend_dataset_not_found', `dataset ${dataset} not found: expected ${path}`, { cause: err, details: { dataset, path, dataDir } });
  }
}

/**
 * Parses MovieLens `u.data` text (TAB-separated user, item, rating 1–5, unix seconds): every rating is an
 * interaction weighted by the rating, as Recommenders with `min_rating=1`; time in epoch ms. Throws
 * `recommend_dataset_invalid` naming the first bad line.
 */
export function parseMovielensRatings(text: string, source = 'u.data'): InteractionLog {
  const log = new InteractionLogBuilder();
  let line = 0;
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    line++;
    const row = text.slice(at, end).replace(/\r$/, '');
    at = end + 1;
    if (row === '') continue;
    const [user, item, rating, seconds, extra] = row.split('\t');
    const weight = Number(rating);
    const ts = Number(seconds);
    if (extra !== undefined || !user || !item || !(weight > 0) || !Number.isFinite(ts) || seconds === '') {
      throw new AppError('recommend_dataset_invalid', `${source} line ${line}: expected user, item, rating > 0 and unix seconds separated by tabs`, { details: { source, line } });
    }
    log.push(user, item, weight, ts * 1000);
  }
  return log.build();
}

/** Reads MovieLens 100k from the datasets folder. */
export async function readMovielens100k(dataDir: string): Promise<InteractionLog> {
  const path = await datasetFile(dataDir, 'movielens-100k');
  return parseMovielensRatings(await readFile(path, 'utf8'), path);
}

/** What a commerce-dataset read kept and skipped. */
export interface CommerceRead {
  readonly log: InteractionLog;
  /** Rows the importer could not map (e.g. the byte-truncated last row of both samples). */
  readonly skippedRows: number;
}

/**
 * Reads the Taobao UserBehavior or REES46 sample through the importer (`readImportFile`), keeping
 * buyer → product events weighted by `weights` (default `DATASET_SIGNAL_WEIGHTS`). Rows the importer
 * rejects are counted, not fatal.
 */
export async function readCommerceDataset(dataDir: string, dataset: 'taobao' | 'rees46', weights: Readonly<Record<string, number>> = DATASET_SIGNAL_WEIGHTS): Promise<CommerceRead> {
  const path = await datasetFile(dataDir, dataset);
  const log = new InteractionLogBuilder();
  let skippedRows = 0;
  for await (const items of readImportFile(path, dataset, { batchSize: 5000 })) {
    for (const item of items) {
      if (!item.ok) {
        skippedRows++;
        continue;
      }
      const e = item.event;
      const weight = weights[String(e.name)] ?? 0;
      if (weight > 0 && typeof e.buyerId === 'string' && typeof e.productId === 'string' && typeof e.ts === 'number') {
        log.push(e.buyerId, e.productId, weight, e.ts);
      }
    }
  }
  return { log: log.build(), skippedRows };
}

/** Reads any evaluation dataset as an interaction log. */
export async function readEvalDataset(dataDir: string, dataset: EvalDataset): Promise<InteractionLog> {
  if (dataset === 'movielens-100k') return readMovielens100k(dataDir);
  return (await readCommerceDataset(dataDir, dataset)).log;
}
