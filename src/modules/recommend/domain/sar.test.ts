import { describe, expect, it } from 'vitest';
import { InteractionLogBuilder } from './interaction-log.js';
import { buildInteractionMatrix } from './interaction-matrix.js';
import { accumulateNeighbourScores, computeItemNeighbours, neighbourBytes, neighboursOf, type SimilarityKind } from './item-similarity.js';
import { sarAffinity, trainSar } from './sar.js';

const DAY = 86_400_000;

/** Users A {1,2}, B {1,2,3}, C {3}: item counts 2, 2, 2; C(1,2) = 2, C(1,3) = C(2,3) = 1. */
function cooccurrenceMatrix() {
  const b = new InteractionLogBuilder();
  for (const [u, i] of [['A', '1'], ['A', '2'], ['B', '1'], ['B', '2'], ['B', '3'], ['C', '3']]) b.push(u as string, i as string, 1, 0);
  return buildInteractionMatrix(b.build());
}

const lists = (kind: SimilarityKind, neighbours?: number, threshold?: number) => {
  const n = computeItemNeighbours(cooccurrenceMatrix(), { similarity: kind, ...(neighbours === undefined ? {} : { neighbours }), ...(threshold === undefined ? {} : { threshold }) });
  return [0, 1, 2].map((i) => { const v = neighboursOf(n, i); return Array.from(v.indices, (j, k) => [j, Number((v.values[k] as number).toFixed(6))]); });
};

describe('computeItemNeighbours (hand-computed co-occurrence)', () => {
  it('Jaccard, lift, cosine and raw counts, most similar first, no self-similarity', () => {
    expect(lists('jaccard')).toEqual([[[1, 1], [2, 0.333333]], [[0, 1], [2, 0.333333]], [[0, 0.333333], [1, 0.333333]]]);
    expect(lists('lift')[0]).toEqual([[1, 0.5], [2, 0.25]]);
    expect(lists('cosine')[0]).toEqual([[1, 1], [2, 0.5]]);
    expect(lists('cooccurrence')[2]).toEqual([[0, 1], [1, 1]]);
  });

  it('keeps only the best neighbours and the counts at or above the threshold', () => {
    expect(lists('jaccard', 1)).toEqual([[[1, 1]], [[0, 1]], [[0, 0.333333]]]);
    expect(lists('cooccurrence', undefined, 2)).toEqual([[[1, 2]], [[0, 2]], []]);
    const capped = computeItemNeighbours(cooccurrenceMatrix(), { similarity: 'jaccard', neighbours: 1 });
    expect(neighbourBytes(capped)).toBe(4 * 4 + 3 * 8);
    expect(() => computeItemNeighbours(cooccurrenceMatrix(), { similarity: 'jaccard', neighbours: 0 })).toThrow(RangeError);
  });

  it('scores = affinity × similarity over the neighbour lists', () => {
    const n = computeItemNeighbours(cooccurrenceMatrix(), { similarity: 'jaccard' });
    const out = new Float32Array(3);
    accumulateNeighbourScores(n, { indices: Int32Array.of(0, 9), values: Float32Array.of(3, 100) }, out);
    expect(Array.from(out, (x) => Number(x.toFixed(5)))).toEqual([0, 3, 1]);
  });
});

/**
 * A: x (weight 2, now), y (weight 4, 30 days ago); B: x, z; C: y, z (weight 1, now). Each pair co-occurs
 * once and each item has two users: Jaccard 1/3. With a 30-day half-life A's affinity is x 2, y 4·½ = 2,
 * so A's score for z is 2/3 + 2/3 = 4/3 (SARSingleNode would give the same).
 */
function sarLog() {
  const T = 100 * DAY;
  const b = new InteractionLogBuilder();
  b.push('A', 'x', 2, T);
  b.push('A', 'y', 4, T - 30 * DAY);
  b.push('B', 'x', 1, T);
  b.push('B', 'z', 1, T);
  b.push('C', 'y', 1, T);
  b.push('C', 'z', 1, T);
  return { log: b.build(), T };
}

describe('SAR', () => {
  it('reproduces the hand-computed score with time decay', () => {
    const { log } = sarLog();
    const model = trainSar(log, { similarity: 'jaccard', timeDecayDays: 30 });
    const a = model.userAffinity(log.users.indexOf('A'));
    expect(Array.from(a.values)).toEqual([2, 2]);
    const scores = model.scoreAll(a);
    expect(scores[log.items.indexOf('z')]).toBeCloseTo(4 / 3, 6);
    const undecayed = trainSar(log, { similarity: 'jaccard' });
    expect(undecayed.scoreAll(undecayed.userAffinity(0))[log.items.indexOf('z')]).toBeCloseTo(2, 6);
  });

  it('scores a candidate subset exactly like scoreAll, repeatably (the scratch is reset)', () => {
    const { log } = sarLog();
    const model = trainSar(log, { similarity: 'lift', timeDecayDays: 30 });
    const a = model.userAffinity(0);
    const all = model.scoreAll(a);
    const candidates = Int32Array.of(2, 0, 7);
    for (let rep = 0; rep < 2; rep++) {
      const some = model.scoreCandidates(a, candidates);
      expect(some[0]).toBeCloseTo(all[2] as number, 6);
      expect(some[1]).toBeCloseTo(all[0] as number, 6);
      expect(some[2]).toBeNaN();
    }
    expect(Array.from(model.similarItems(0, 1).indices)).toHaveLength(1);
    expect(model.bytesPerItem()).toBeGreaterThan(0);
  });

  it('sarAffinity from fresh events equals the training affinity; bad half-lives are refused', () => {
    const { log, T } = sarLog();
    const model = trainSar(log, { similarity: 'jaccard', timeDecayDays: 30 });
    const fresh = sarAffinity([{ item: 0, weight: 2, tsMs: T }, { item: 1, weight: 4, tsMs: T - 30 * DAY }], { halfLifeDays: 30, nowMs: T });
    expect(Array.from(fresh.values)).toEqual(Array.from(model.userAffinity(0).values));
    expect(() => trainSar(log, { similarity: 'jaccard', timeDecayDays: 0 })).toThrow(RangeError);
  });
});
