import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRng } from '../../src/shared/random.js';
import { makeDataDir, removeDataDir, runReelpath } from '../harness/cli-runner.js';
import { dataDir, dataset } from '../harness/data-dir.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = makeDataDir('rp-eval-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeDataDir(d);
});

/** A small MovieLens-format u.data: 60 users in three taste groups of 20 items, 12 ratings each. */
function writeSmallMovielens(dir: string): void {
  const rng = seededRng(4);
  const lines: string[] = [];
  for (let u = 0; u < 60; u++) {
    const items = new Set<number>();
    while (items.size < 12) items.add((u % 3) * 20 + Math.floor(20 * rng.next() ** 2));
    for (const i of items) lines.push(`${u + 1}\t${i + 1}\t${1 + Math.floor(rng.next() * 5)}\t${880_000_000 + Math.floor(rng.next() * 1e6)}`);
  }
  mkdirSync(join(dir, 'movielens-100k', 'ml-100k'), { recursive: true });
  writeFileSync(join(dir, 'movielens-100k', 'ml-100k', 'u.data'), `${lines.join('\n')}\n`);
}

interface EvalJson {
  dataset: string;
  report: { split: { trainRows: number; testRows: number }; models: { name: string; users: number; metrics: Record<string, number> }[] };
  published: { name: string; metrics: Record<string, number> }[];
}

const movielens = dataset('movielens-100k');

describe('reelpath eval recommend', () => {
  it.skipIf(movielens === undefined)('--json on MovieLens 100k: the Recommenders split and published numbers beside ours', async () => {
    const run = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--models', 'popularity,sar', '--data-dir', dataDir(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json<EvalJson>();
    expect(r.report.split).toMatchObject({ trainRows: 74_992, testRows: 25_008 });
    expect(r.report.models.map((m) => m.name)).toEqual(['popularity', 'sar']);
    expect(r.report.models[1]?.users).toBe(943);
    expect(r.report.models[1]?.metrics.ndcg).toBeGreaterThan(0.36);
    expect(r.published.map((p) => p.name)).toContain('BPR');
    expect(run.stderr).toBe('');
  });

  it('prints a table in English or Chinese, with the published rows for MovieLens', async () => {
    const dir = freshDir();
    writeSmallMovielens(dir);
    const en = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--data-dir', dir, '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('Offline evaluation: movielens-100k · stratified random split 75/25 per user (seed 42), top-10');
    expect(en.stdout).toMatch(/Model\s+P@10\s+R@10\s+NDCG@10\s+MAP\s+MAP@10\s+HR@10\s+MRR\s+Train s/);
    expect(en.stdout).toMatch(/\nals\s+0\.\d{4}/);
    expect(en.stdout).toMatch(/BPR \(README\)\s+0\.3882\s+0\.2125\s+0\.4420/);
    expect(en.stderr).toContain('Training als');
    const zh = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--data-dir', dir, '--lang', 'zh', '--models', 'sar']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('离线评估');
    expect(zh.stdout).toContain('已发表结果');
  });

  it('--stratify-by item splits per item (the protocol of the Recommenders README table)', async () => {
    const dir = freshDir();
    writeSmallMovielens(dir);
    const run = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--data-dir', dir, '--models', 'popularity', '--stratify-by', 'item', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ report: { protocol: { by: string } } }>().report.protocol.by).toBe('item');
  });

  it('--tune reports the ALS parameters chosen on the validation split', async () => {
    const dir = freshDir();
    writeSmallMovielens(dir);
    const run = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--data-dir', dir, '--models', 'als', '--tune', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json<{ tuning: { points: unknown[]; best: { regularization: number } }; report: { models: { params: { regularization: number } }[] } }>();
    expect(r.tuning.points).toHaveLength(12);
    expect(r.report.models[0]?.params.regularization).toBe(r.tuning.best.regularization);
  });

  it('errors: a missing dataset folder says where it looked (exit 3); an unknown dataset or model is refused', async () => {
    const dir = freshDir();
    const missing = await runReelpath(['eval', 'recommend', '--dataset', 'taobao', '--data-dir', dir, '--json']);
    expect(missing.code).toBe(3);
    const body = missing.json<{ error: { code: string; message: string; action: string } }>().error;
    expect(body.code).toBe('recommend_dataset_not_found');
    expect(body.message).toContain(join(dir, 'taobao-userbehavior-sample', 'UserBehavior_head_sample.csv'));
    expect(body.action).toContain('REELPATH_DATA_DIR');
    const human = await runReelpath(['eval', 'recommend', '--dataset', 'rees46', '--data-dir', dir, '--lang', 'en']);
    expect(human.stderr).toContain('[recommend_dataset_not_found]');
    const unknown = await runReelpath(['eval', 'recommend', '--dataset', 'netflix', '--json']);
    expect(unknown.code).toBe(3);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('recommend_invalid_option');
    writeSmallMovielens(dir);
    const badModel = await runReelpath(['eval', 'recommend', '--dataset', 'movielens-100k', '--data-dir', dir, '--models', 'sar,bpr', '--json']);
    expect(badModel.json<{ error: { code: string; message: string } }>().error.message).toContain('bpr');
    const byItemOnTaobao = await runReelpath(['eval', 'recommend', '--dataset', 'taobao', '--stratify-by', 'item', '--json']);
    expect(byItemOnTaobao.json<{ error: { code: string } }>().error.code).toBe('recommend_invalid_option');
    const noDataset = await runReelpath(['eval', 'recommend']);
    expect(noDataset.code).toBe(2);
  });
});
