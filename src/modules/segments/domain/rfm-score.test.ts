import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketOf, cutsProblem, quantileCuts, resolveThresholds, scoreRfm, type RfmValues } from './rfm-score.js';
import { classifyLayer, DEFAULT_LAYER_RULES } from './rfm-layers.js';

interface GoldenBuyer extends RfmValues { id: string; expected: { r: number; f: number; m: number; layer: string } }
const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../test/cases/rfm-scoring.json'), 'utf8')) as {
  scores: number; buyers: GoldenBuyer[]; expectedCuts: Record<string, number[]>;
  explicit: { cuts: { recencyDays: number[] }; expectedR: Record<string, number> };
};

describe('RFM quantile scoring — golden case (test/cases/rfm-scoring.json)', () => {
  const t = resolveThresholds(golden.buyers, golden.scores);

  it('computes lower-quantile cut points with ties', () => {
    expect({ recencyDays: t.recencyDays, frequency: t.frequency, monetary: t.monetary }).toEqual(golden.expectedCuts);
    expect(t.source).toEqual({ recency: 'quantile', frequency: 'quantile', monetary: 'quantile' });
  });

  it('scores every buyer and names the layer by the default rules', () => {
    for (const b of golden.buyers) {
      const s = scoreRfm(b, t);
      expect({ id: b.id, ...s, layer: classifyLayer(s, DEFAULT_LAYER_RULES) }).toEqual({ id: b.id, ...b.expected });
    }
  });

  it('uses explicit cut points where given (equal to a cut → lower bucket)', () => {
    const e = resolveThresholds(golden.buyers, 5, golden.explicit.cuts);
    expect(e.source.recency).toBe('explicit');
    expect(e.frequency).toEqual(golden.expectedCuts.frequency);
    for (const [id, r] of Object.entries(golden.explicit.expectedR)) {
      expect(scoreRfm(golden.buyers.find((b) => b.id === id) as GoldenBuyer, e).r).toBe(r);
    }
  });
});

describe('quantile buckets', () => {
  it('equal the share of strictly smaller values: min(k − 1, floor(k · below / n)), ties never split', () => {
    const samples = [[1, 1, 1, 1, 1, 1, 2, 2, 3, 7], [5], [3, 3, 3], [0, 10, 20, 30, 40, 50, 60], [-5, 0, 0, 0, 2, 2, 9, 9, 9, 9, 11]];
    for (const values of samples) {
      for (const k of [2, 3, 5, 7]) {
        const cuts = quantileCuts(values, k);
        expect(cuts).toHaveLength(k - 1);
        for (const v of values) {
          const below = values.filter((x) => x < v).length;
          expect(bucketOf(v, cuts), `v=${v} k=${k} in ${values.join(',')}`).toBe(Math.min(k - 1, Math.floor((k * below) / values.length)));
        }
      }
    }
  });

  it('when every buyer ties, all share one score: the best for R, the lowest for F and M', () => {
    const same = [{ recencyDays: 3, frequency: 2, monetary: 10 }, { recencyDays: 3, frequency: 2, monetary: 10 }];
    const t = resolveThresholds(same, 5);
    expect(same.map((v) => scoreRfm(v, t))).toEqual([{ r: 5, f: 1, m: 1 }, { r: 5, f: 1, m: 1 }]);
  });

  it('validates explicit cut points', () => {
    expect(cutsProblem([1, 2, 3, 4], 5)).toBeUndefined();
    expect(cutsProblem([1, 2, 3], 5)).toContain('expected 4 cut points');
    expect(cutsProblem([1, 3, 2, 4], 5)).toContain('ascending');
    expect(cutsProblem([1, Number.NaN, 2, 4], 5)).toContain('numbers');
  });
});
