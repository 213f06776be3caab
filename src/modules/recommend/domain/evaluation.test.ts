import { describe, expect, it } from 'vitest';
import { seededRng } from '../../../shared/random.js';
import { evaluateModels, type EvaluationProgress } from './evaluation.js';
import { InteractionLogBuilder, type InteractionLog } from './interaction-log.js';
import { alsSpec, itemKnnSpec, popularitySpec, sarSpec } from './model-specs.js';
import { tuneAls } from './tuning.js';

/**
 * Four taste clusters of 15 items; 30 users per cluster, each with 8 items of their cluster (skewed to
 * the cluster's first items) and 2 items of cluster 0 (globally popular, so popularity is a fair
 * baseline). Event times are random, so the latest item is any of the ten.
 */
function clusteredLog(): InteractionLog {
  const rng = seededRng(11);
  const b = new InteractionLogBuilder();
  for (let c = 0; c < 4; c++) {
    for (let u = 0; u < 30; u++) {
      const items = new Set<string>();
      while (items.size < 8) items.add(`c${c}i${Math.floor(15 * rng.next() ** 1.5)}`);
      while (items.size < 10) items.add(`c0i${Math.floor(15 * rng.next() ** 3)}`);
      for (const i of items) b.push(`c${c}u${u}`, i, 1 + Math.floor(rng.next() * 5), Math.floor(rng.next() * 1e9));
    }
  }
  return b.build();
}

const ALS = { factors: 16, iterations: 8, regularization: 1, alpha: 3, confidence: 'linear', cgSteps: 3 } as const;

describe('evaluateModels', () => {
  it('stratified 75/25: split sizes, every user evaluated, collaborative models beat popularity', () => {
    const log = clusteredLog();
    const progress: EvaluationProgress[] = [];
    const report = evaluateModels(log, { kind: 'stratified', ratio: 0.75, k: 5 }, [popularitySpec(), itemKnnSpec(20), sarSpec({ similarity: 'jaccard', timeDecayDays: 30 }), alsSpec(ALS)], { onProgress: (p) => progress.push(p) });
    expect(report.split).toMatchObject({ trainRows: 120 * 8, testRows: 120 * 2, trainUsers: 120, testUsers: 120 });
    const ndcg = Object.fromEntries(report.models.map((m) => [m.name, m.metrics.ndcg]));
    for (const name of ['item-knn', 'sar', 'als']) expect(ndcg[name], name).toBeGreaterThan((ndcg.popularity as number) + 0.1);
    expect(report.models.every((m) => m.users === 120 && m.trainMs === undefined)).toBe(true);
    for (const name of ['popularity', 'als']) expect(progress.filter((p) => p.model === name && p.share === 1).map((p) => p.stage)).toEqual(['train', 'score'].filter((s) => name === 'als' || s === 'score'));
  });

  it('is deterministic for a seed and times models with an injected clock', () => {
    const log = clusteredLog();
    let t = 0;
    const run = () => evaluateModels(log, { kind: 'stratified', ratio: 0.75, k: 5 }, [alsSpec(ALS)], { seed: 5, now: () => (t += 10) });
    const a = run();
    const b = run();
    expect(a.models[0]?.metrics).toEqual(b.models[0]?.metrics);
    expect(a.models[0]?.trainMs).toBe(10);
  });

  it('leave-last-out: one held-out item per user, HR@k = recall@k, k is checked', () => {
    const log = clusteredLog();
    const report = evaluateModels(log, { kind: 'leave-last-out', k: 10 }, [popularitySpec(), sarSpec({ similarity: 'jaccard' })]);
    expect(report.split.testUsers).toBe(120);
    expect(report.split.testRows).toBe(120);
    for (const m of report.models) expect(m.metrics.hitRate).toBeCloseTo(m.metrics.recall, 12);
    expect(report.models[1]?.metrics.hitRate).toBeGreaterThan(report.models[0]?.metrics.hitRate as number);
    expect(() => evaluateModels(log, { kind: 'leave-last-out', k: 0 }, [])).toThrow(RangeError);
  });
});

describe('tuneAls', () => {
  it('evaluates each grid point on a validation split of the training half and picks the best NDCG', () => {
    const log = clusteredLog();
    const grid = [{ ...ALS, regularization: 1 }, { ...ALS, regularization: 1000 }];
    const result = tuneAls(log, { kind: 'stratified', ratio: 0.75, k: 5 }, grid);
    expect(result.trainRows).toBe(960);
    expect(result.points).toHaveLength(2);
    expect(result.points[0]?.metrics.ndcg).toBeGreaterThan(result.points[1]?.metrics.ndcg as number);
    expect(result.best).toEqual(grid[0]);
    expect(() => tuneAls(log, { kind: 'stratified', ratio: 0.75, k: 5 }, [])).toThrow(RangeError);
  });
});
