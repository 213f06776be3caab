import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RankingAccumulator, userRankingMetrics, type RankingMetrics } from './ranking-metrics.js';

interface GoldenCase {
  name: string;
  k: number;
  users: { recommended: number[]; relevant: number[] }[];
  expected: Partial<RankingMetrics>;
}
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/cases/recommend-metrics.json'), 'utf8')) as { tolerance: number; cases: GoldenCase[] };

describe('ranking metrics — golden cases (test/cases/recommend-metrics.json)', () => {
  for (const c of golden.cases) {
    it(c.name, () => {
      const acc = new RankingAccumulator(c.k);
      for (const u of c.users) acc.add(u.recommended, new Set(u.relevant));
      const mean = acc.mean();
      expect(acc.count).toBe(c.users.length);
      for (const [name, value] of Object.entries(c.expected)) {
        expect(Math.abs(mean[name as keyof RankingMetrics] - (value as number)), `${c.name} ${name}`).toBeLessThan(golden.tolerance);
      }
    });
  }
});

describe('userRankingMetrics', () => {
  it('counts only the first k recommendations', () => {
    const m = userRankingMetrics([1, 2, 3, 4], new Set([4]), 3);
    expect(m.hitRate).toBe(0);
    expect(m.ndcg).toBe(0);
    expect(userRankingMetrics([1, 2, 3, 4], new Set([4]), 4).mrr).toBe(0.25);
  });

  it('a perfect list scores NDCG 1 and MAP@k 1, while MAP stays at recall when |T| > k', () => {
    const m = userRankingMetrics([1, 2], new Set([1, 2, 3, 4]), 2);
    expect(m.ndcg).toBeCloseTo(1, 12);
    expect(m.mapAtK).toBeCloseTo(1, 12);
    expect(m.map).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
  });

  it('refuses k < 1 and an empty relevant set; the accumulator skips such users', () => {
    expect(() => userRankingMetrics([1], new Set([1]), 0)).toThrow(RangeError);
    expect(() => userRankingMetrics([1], new Set(), 1)).toThrow(RangeError);
    const acc = new RankingAccumulator(5);
    acc.add([1], new Set());
    expect(acc.count).toBe(0);
    expect(acc.mean().ndcg).toBe(0);
  });
});
